-- The administration console: an append-only audit log, roles granted per scope, organisation applications and
-- suspended accounts.

-- Who did what, to whom, in which organisation. Only ids are kept (names are looked up when the log is read), so a
-- person's erased name does not live on here. A trigger refuses UPDATE, DELETE and TRUNCATE, even from a bug.
create table audit_entry (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    actor_id        uuid,
    action          text        not null,
    organisation_id uuid,
    target_kind     text        not null,
    target_id       uuid        not null,
    detail          jsonb       not null default '{}'
);
create index audit_entry_actor on audit_entry (actor_id, id) where actor_id is not null;
create index audit_entry_target on audit_entry (target_id, id);
create index audit_entry_organisation on audit_entry (organisation_id, id) where organisation_id is not null;
create index audit_entry_action on audit_entry (action, id);
create index audit_entry_at on audit_entry (at);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % is not allowed', tg_op;
end $$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();

-- A role given to a person, on the whole platform or for one programme or organisation. app_user.roles stays the union
-- of a person's roles, which every existing check reads.
create table role_grant (
    id          uuid        primary key,
    user_id     uuid        not null references app_user (id),
    role        text        not null,
    scope_kind  text        not null check (scope_kind in ('PLATFORM', 'PROGRAMME', 'ORGANISATION')),
    scope_id    uuid,
    granted_by  uuid        references app_user (id),
    granted_at  timestamptz not null,
    check ((scope_kind = 'PLATFORM') = (scope_id is null)),
    unique nulls not distinct (user_id, role, scope_kind, scope_id)
);

-- Programme officers appointed before grants were recorded keep their programme as the grant's scope.
insert into role_grant (id, user_id, role, scope_kind, scope_id, granted_by, granted_at)
select gen_random_uuid(), user_id, 'PROGRAMME_OFFICER', 'PROGRAMME', programme_id, null, now() from programme_officer;

-- What an admitted organisation told about itself when it applied.
alter table organisation add column description text;
alter table organisation add column website text;
alter table organisation add column contact_email text;
alter table organisation add column region text;

-- A person applies for an organisation; an administrator or programme officer admits it (creating the organisation,
-- with the applicant as its organiser) or declines it with a reason the applicant reads.
create table organisation_application (
    id              uuid        primary key,
    applicant_id    uuid        not null references app_user (id),
    name            text        not null,
    kind            text        not null,
    description     text        not null,
    website         text,
    contact_email   text        not null,
    region          text        not null,
    state           text        not null check (state in ('OPEN', 'ADMITTED', 'DECLINED')),
    submitted_at    timestamptz not null,
    decided_at      timestamptz,
    decided_by      uuid        references app_user (id),
    reason          text,
    organisation_id uuid        references organisation (id)
);
create unique index organisation_application_open_name
    on organisation_application (applicant_id, lower(name)) where state = 'OPEN';
create index organisation_application_applicant on organisation_application (applicant_id, submitted_at);
create index organisation_application_state on organisation_application (state, submitted_at);

-- A suspended person cannot sign in and their tokens are refused; nothing else of theirs changes.
alter table app_user add column suspended_at timestamptz;
alter table app_user add column suspended_by uuid references app_user (id);
alter table app_user add column suspension_reason text;
