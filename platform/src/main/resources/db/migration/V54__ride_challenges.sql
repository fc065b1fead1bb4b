-- Ride challenges: a community's or a campaign's goal for its members' credited rides in a period. Progress is never
-- stored: it is counted from the rides' current status, so a withdrawn or rejected ride stops counting. No person is
-- kept here (who set or changed a challenge is in the audit log).
create table ride_challenge (
    id          uuid        primary key,
    scope_kind  text        not null check (scope_kind in ('COMMUNITY', 'CAMPAIGN')),
    scope_id    uuid        not null,
    title       text        not null check (length(title) between 1 and 120),
    starts_on   date        not null,
    ends_on     date        not null,
    measure     text        not null check (measure in ('DISTANCE', 'RIDES')),  -- DISTANCE: goal in km
    goal        integer     not null check (goal > 0),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    check (ends_on >= starts_on and ends_on <= starts_on + interval '1 year')
);

create index ride_challenge_group on ride_challenge (scope_kind, scope_id, starts_on desc);
