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
