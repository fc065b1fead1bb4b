-- Maintained roll-ups of the activity counted in groups, for reports over sets of groups (a funded project, a
-- programme): each ledger entry is counted once per roll-up however many of its groups hold it.

create table rollup_source (
    rollup_kind text not null,  -- PROJECT or PROGRAMME
    rollup_id   uuid not null,
    scope_kind  text not null,
    scope_id    uuid not null,
    counts_from date not null,
    primary key (rollup_kind, rollup_id, scope_kind, scope_id)
);
create index rollup_source_scope on rollup_source (scope_kind, scope_id);

create table rollup_counted_entry (
    rollup_kind text not null,
    rollup_id   uuid not null,
    entry_id    uuid not null,
    primary key (rollup_kind, rollup_id, entry_id)
);

create table rollup_daily (
    rollup_kind    text   not null,
    rollup_id      uuid   not null,
    day            date   not null,
    category       text   not null,
    evidence       text   not null,
    region         text   not null,  -- '' when the record named none
    behaviours     bigint not null default 0,
    grams_recorded bigint not null default 0,
    grams_restated bigint not null default 0,
    primary key (rollup_kind, rollup_id, day, category, evidence, region)
);


-- Per person, day, behaviour, region and evidence level: who took part in a period or a group (for participant counts
-- and the open data's minimum group size), and the basis of the potential continuing annual reduction.
create table rollup_user_day (
    rollup_kind text   not null,
    rollup_id   uuid   not null,
    day         date   not null,
    user_id     uuid   not null,
    behaviour   text   not null,
    region      text   not null,
    evidence    text   not null,
    category    text   not null,
    behaviours  bigint not null default 0,
    grams       bigint not null default 0,
    primary key (rollup_kind, rollup_id, day, user_id, behaviour, region, evidence)
);

-- Figures for whole-life views, kept as counters so a dashboard reads a few rows: per roll-up and key (ALL, a month, a
-- category, an evidence level, a region), the totals and the number of people with a net counted behaviour under it.
create table rollup_user_key (
    rollup_kind text   not null,
    rollup_id   uuid   not null,
    key_kind    text   not null,
    key         text   not null,
    user_id     uuid   not null,
    behaviours  bigint not null,
    primary key (rollup_kind, rollup_id, key_kind, key, user_id)
);

create table rollup_key (
    rollup_kind    text   not null,
    rollup_id      uuid   not null,
    key_kind       text   not null,
    key            text   not null,
    behaviours     bigint not null default 0,
    grams_recorded bigint not null default 0,
    grams_restated bigint not null default 0,
    participants   bigint not null default 0,
    primary key (rollup_kind, rollup_id, key_kind, key)
);

-- Retention and the potential as of a day, which a moving window keeps from being counters: computed in the background
-- and shown with the time they were computed.
create table rollup_snapshot (
    rollup_kind  text        not null,
    rollup_id    uuid        not null,
    assumptions  text        not null,
    as_of        date        not null,
    computed_at  timestamptz not null,
    retention    jsonb       not null,
    potential    jsonb       not null,
    primary key (rollup_kind, rollup_id)
);
