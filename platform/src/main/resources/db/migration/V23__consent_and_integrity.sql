-- Consent before anyone acts for a person: an organiser's invitation waits until the person accepts it; only then does
-- a membership exist (and organiser imports can credit them).
create table membership_invitation (
    organisation_id uuid        not null references organisation (id),
    user_id         uuid        not null references app_user (id),
    role            text        not null,
    invited_by      uuid        not null references app_user (id),
    invited_at      timestamptz not null,
    primary key (organisation_id, user_id)
);
create index membership_invitation_user on membership_invitation (user_id);

-- Who entered a record for someone else (an organiser's import, an organiser's check-in); null when the person did.
alter table activity_record add column entered_by uuid;
create index activity_record_entered_by on activity_record (entered_by, created_at) where entered_by is not null;

-- Event check-in that proves presence: a personal code per registration (scanned by the organiser), a rotating code on
-- a screen (derived from a secret that is never printed), and the poster's static code, whose check-ins wait for the
-- organiser's confirmation before anything is credited.
alter table event add column screen_secret text;
update event set screen_secret = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
alter table event alter column screen_secret set not null;

alter table event_registration add column personal_code text;
update event_registration set personal_code = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
alter table event_registration alter column personal_code set not null;
create unique index event_registration_personal_code on event_registration (personal_code);
alter table event_registration add column check_in_method text
    check (check_in_method in ('PERSONAL_CODE', 'SCREEN', 'POSTER', 'ORGANISER'));
alter table event_registration add column confirmed_at timestamptz;
alter table event_registration add column confirmed_by uuid references app_user (id);
-- Check-ins before this version were credited at once: they count as confirmed.
update event_registration set check_in_method = case when checked_in_by is null then 'POSTER' else 'ORGANISER' end,
    confirmed_at = checked_in_at, confirmed_by = checked_in_by
where checked_in_at is not null;
