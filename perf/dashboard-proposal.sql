-- Proposed fix for the programme dashboard, tried on the perf database only (never on a real one):
--  A. a maintained per-key roll-up with exact distinct-participant counters, so the default (whole-life, unfiltered)
--     programme and project views read O(number of keys) rows instead of every person-day;
--  B. for filtered / arbitrary periods that still scan rollup_user_day: covering indexes so the scans become
--     index-only.
-- psql variables: prog, from, to, window_from, min_weeks.
-- The tables are backfilled here from rollup_user_day / rollup_daily (what the proposed listener would have
-- maintained); the proposed listener change itself is described in the results .md.
\set ON_ERROR_STOP on
\pset pager off
\timing on
set maintenance_work_mem = '1GB';

drop table if exists perf_rollup_user_key, perf_rollup_key;
-- per roll-up, dimension, key and person: the net number of behaviours (to detect 0 <-> positive transitions)
create table perf_rollup_user_key (
    rollup_kind text not null, rollup_id uuid not null, dim text not null, key text not null, user_id uuid not null,
    behaviours bigint not null,
    primary key (rollup_kind, rollup_id, dim, key, user_id));
-- per roll-up, dimension and key: totals and the number of people with a net positive number of behaviours
create table perf_rollup_key (
    rollup_kind text not null, rollup_id uuid not null, dim text not null, key text not null,
    behaviours bigint not null, grams_recorded bigint not null, grams_restated bigint not null, participants bigint not null,
    primary key (rollup_kind, rollup_id, dim, key));

\echo '=== backfill perf_rollup_user_key (what the listener would have maintained)'
insert into perf_rollup_user_key
select rollup_kind, rollup_id, d.dim, d.key, user_id, sum(behaviours)
from rollup_user_day
cross join lateral (values ('ALL', ''), ('MONTH', to_char(day, 'YYYY-MM')), ('CATEGORY', category), ('EVIDENCE', evidence),
                           ('REGION', region)) d(dim, key)
group by 1, 2, 3, 4, 5;
\echo '=== backfill perf_rollup_key'
insert into perf_rollup_key
select t.rollup_kind, t.rollup_id, t.dim, t.key, t.behaviours, t.recorded, t.restated, coalesce(p.participants, 0)
from (select rollup_kind, rollup_id, d.dim, d.key, sum(behaviours) as behaviours, sum(grams_recorded) as recorded,
             sum(grams_restated) as restated
      from rollup_daily
      cross join lateral (values ('ALL', ''), ('MONTH', to_char(day, 'YYYY-MM')), ('CATEGORY', category), ('EVIDENCE', evidence),
                                 ('REGION', region)) d(dim, key)
      group by 1, 2, 3, 4) t
left join (select rollup_kind, rollup_id, dim, key, count(*) filter (where behaviours > 0) as participants
           from perf_rollup_user_key group by 1, 2, 3, 4) p using (rollup_kind, rollup_id, dim, key);
vacuum analyze perf_rollup_user_key, perf_rollup_key;
select pg_size_pretty(pg_total_relation_size('perf_rollup_user_key')) as user_key_size, (select count(*) from perf_rollup_user_key) as user_key_rows,
       (select count(*) from perf_rollup_key) as key_rows;

\echo '=== check: the new counters equal the current definition (programme, whole period)'
select (select participants from perf_rollup_key where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and dim = 'ALL') as new_participants,
       (select count(*) from (select user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
            and day between cast(:'from' as date) and cast(:'to' as date) group by user_id having sum(behaviours) > 0) a) as old_participants;

\echo '=== N1 programme figures (totals + participants), default view'
explain (analyze, buffers, costs off)
select behaviours, grams_recorded, grams_restated, participants from perf_rollup_key
where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and dim = 'ALL' and key = '';

\echo '=== N2 every project figures (totals + participants) in one statement, default view'
explain (analyze, buffers, costs off)
select k.rollup_id, k.behaviours, k.grams_recorded, k.grams_restated, k.participants
from perf_rollup_key k join rollup_source s on s.rollup_kind = 'PROJECT' and s.rollup_id = k.rollup_id
where k.rollup_kind = 'PROJECT' and k.dim = 'ALL' and k.key = ''
  and s.scope_id in (select scope_id from rollup_source where rollup_kind = 'PROGRAMME' and rollup_id = :'prog');

\echo '=== N3 the four breakdowns (month, category, region, evidence) in one statement, default view'
explain (analyze, buffers, costs off)
select dim, key, behaviours, grams_recorded, grams_restated, participants from perf_rollup_key
where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and dim in ('MONTH', 'CATEGORY', 'REGION', 'EVIDENCE') order by dim, key;

\echo '=== B: fallback scans with covering indexes (arbitrary period or filters)'
\echo '=== Q2 before (participants over rollup_user_day, programme)'
explain (analyze, buffers, costs off)
select count(*) from (select user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
    and day between cast(:'from' as date) and cast(:'to' as date) group by user_id having sum(behaviours) > 0) active;
\echo '=== Q6 before (potential lines, 12-week window)'
explain (analyze, buffers, costs off)
with kept as (
    select user_id, behaviour, count(distinct (cast(:'to' as date) - day) / 7) filter (where behaviours > 0) as weeks, sum(grams) as grams
    from rollup_user_day
    where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'window_from' as date) and cast(:'to' as date)
    group by user_id, behaviour
)
select behaviour, count(*) filter (where weeks >= :min_weeks) as sustaining, coalesce(sum(grams) filter (where weeks >= :min_weeks), 0) as grams
from kept group by behaviour order by behaviour;

\echo '=== create covering indexes'
create index perf_rollup_user_day_user on rollup_user_day (rollup_kind, rollup_id, user_id, day) include (behaviours);
create index perf_rollup_user_day_window on rollup_user_day (rollup_kind, rollup_id, day) include (user_id, behaviour, behaviours, grams);
vacuum analyze rollup_user_day;
select pg_size_pretty(pg_relation_size('perf_rollup_user_day_user')) as user_index, pg_size_pretty(pg_relation_size('perf_rollup_user_day_window')) as window_index;

\echo '=== Q2 after'
explain (analyze, buffers, costs off)
select count(*) from (select user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
    and day between cast(:'from' as date) and cast(:'to' as date) group by user_id having sum(behaviours) > 0) active;
\echo '=== Q6 after'
explain (analyze, buffers, costs off)
with kept as (
    select user_id, behaviour, count(distinct (cast(:'to' as date) - day) / 7) filter (where behaviours > 0) as weeks, sum(grams) as grams
    from rollup_user_day
    where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'window_from' as date) and cast(:'to' as date)
    group by user_id, behaviour
)
select behaviour, count(*) filter (where weeks >= :min_weeks) as sustaining, coalesce(sum(grams) filter (where weeks >= :min_weeks), 0) as grams
from kept group by behaviour order by behaviour;

-- leave the perf database as the migrations define it
drop index perf_rollup_user_day_user, perf_rollup_user_day_window;
