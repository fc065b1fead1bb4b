-- Communities, and the participation of people in the groups they join (communities and campaigns).

create table community (
    id              uuid        primary key,
    organisation_id uuid        not null references organisation (id),
    name            text        not null,
    description     text        not null default '',
    kind            text        not null,   -- CAMPUS, WORKPLACE, NEIGHBOURHOOD, INTEREST, PHYSICAL_SITE
    visibility      text        not null,   -- PUBLIC: anyone sees page and feed; MEMBERS: only members see the feed
    address         text,
    latitude        numeric(9, 6),
    longitude       numeric(9, 6),
    created_by      uuid        not null references app_user (id),
    created_at      timestamptz not null,
    constraint community_location_pair check ((latitude is null) = (longitude is null)),
    constraint community_latitude check (latitude between -90 and 90),
    constraint community_longitude check (longitude between -180 and 180)
);
create index community_organisation on community (organisation_id);

-- Who takes part in which group. A person who leaves keeps their row (left_at), so retention stays computable;
-- rejoining clears left_at but keeps the first joined_at.
create table participant (
    scope_kind   text        not null,  -- COMMUNITY or CAMPAIGN
    scope_id     uuid        not null,
    user_id      uuid        not null references app_user (id),
    team_id      uuid,
    show_in_feed boolean     not null default false,  -- privacy by default: the feed says "a member" unless allowed
    joined_at    timestamptz not null,
    left_at      timestamptz,
    primary key (scope_kind, scope_id, user_id)
);
create index participant_user on participant (user_id) where left_at is null;

-- Credited behaviours of participants inside a group, one row per ledger entry that touched them: the credit
-- (behaviour_delta 1), a restatement (0) or a reversal (-1, grams undoing everything the record brought).
create table participation_activity (
    scope_kind     text        not null,
    scope_id       uuid        not null,
    entry_id       uuid        not null,
    user_id        uuid        not null,
    record_id      uuid        not null,
    behaviour      text        not null,
    category       text        not null,
    evidence       text        not null,
    region         text,
    grams          bigint      not null,  -- the change to the restated reduction
    grams_recorded bigint      not null,  -- the change to the reduction as recorded (0 for a restatement)
    behaviour_delta smallint   not null,
    occurred_at    timestamptz not null,
    occurred_on    date        not null,
    primary key (scope_kind, scope_id, entry_id)
);
create index participation_activity_user_day on participation_activity (scope_kind, scope_id, user_id, occurred_on);
create index participation_activity_recent on participation_activity (scope_kind, scope_id, occurred_at desc);

-- Restatements and reversals by record, kept so that one handled before its credit reached a group (events are
-- delivered independently) is still applied when the credit arrives.
create table participation_followup (
    entry_id        uuid     primary key,
    record_id       uuid     not null,
    grams           bigint   not null,
    grams_recorded  bigint   not null,
    behaviour_delta smallint not null
);
create index participation_followup_record on participation_followup (record_id);
