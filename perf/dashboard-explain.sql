-- The SQL behind GET /api/v1/programmes/{id}/impact (grants/ProgrammeImpact.view -> reporting/ReportedImpact), with the
-- parameters the default request uses: the programme's roll-up, the period from the first project's start to today,
-- no evidence/region/category filter, the potential window of the programme's model (12 weeks by default).
-- psql variables: prog (programme id), proj (one project's award id), from, to, window_from, min_weeks.
\set ON_ERROR_STOP on
\pset pager off

\echo '=== Q1 figures: totals (rollup_daily), programme'
explain (analyze, buffers, costs off)
select coalesce(sum(behaviours), 0), coalesce(sum(grams_recorded), 0), coalesce(sum(grams_restated), 0)
from rollup_daily where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'from' as date) and cast(:'to' as date)
  and (cast(null as text) is null or evidence = null) and (cast(null as text) is null or region = null)
  and (cast(null as text) is null or category = null);

\echo '=== Q2 figures: participants (rollup_user_day), programme'
explain (analyze, buffers, costs off)
select count(*) from (select user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
    and day between cast(:'from' as date) and cast(:'to' as date)
    and (cast(null as text) is null or evidence = null) and (cast(null as text) is null or region = null)
    and (cast(null as text) is null or category = null)
    group by user_id having sum(behaviours) > 0) active;

\echo '=== Q2p figures: participants (rollup_user_day), one project (run once per project)'
explain (analyze, buffers, costs off)
select count(*) from (select user_id from rollup_user_day where rollup_kind = 'PROJECT' and rollup_id = :'proj'
    and day between cast(:'from' as date) and cast(:'to' as date)
    and (cast(null as text) is null or evidence = null) and (cast(null as text) is null or region = null)
    and (cast(null as text) is null or category = null)
    group by user_id having sum(behaviours) > 0) active;

\echo '=== Q3 whole-life figures and breakdowns (rollup_key counters), programme: what the default dashboard reads'
explain (analyze, buffers, costs off)
select key_kind, key, behaviours, grams_recorded, grams_restated, participants from rollup_key
where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' order by key_kind, key;

\echo '=== Q4 breakdown by REGION (rollup_daily + rollup_user_day), programme; the same shape runs for MONTH, CATEGORY, EVIDENCE'
explain (analyze, buffers, costs off)
with totals as (
    select region as key, sum(behaviours) as behaviours, sum(grams_recorded) as recorded, sum(grams_restated) as restated
    from rollup_daily where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'from' as date) and cast(:'to' as date)
      and (cast(null as text) is null or evidence = null) and (cast(null as text) is null or region = null)
      and (cast(null as text) is null or category = null) group by 1
), people as (
    select key, count(*) as participants from (
        select region as key, user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
          and day between cast(:'from' as date) and cast(:'to' as date)
          and (cast(null as text) is null or evidence = null) and (cast(null as text) is null or region = null)
          and (cast(null as text) is null or category = null)
        group by 1, user_id having sum(behaviours) > 0) p
    group by key
)
select t.key, t.behaviours, t.recorded, t.restated, coalesce(p.participants, 0) as participants
from totals t left join people p on p.key = t.key order by t.key;

\echo '=== Q5 breakdown by MONTH, programme'
explain (analyze, buffers, costs off)
with totals as (
    select to_char(day, 'YYYY-MM') as key, sum(behaviours) as behaviours, sum(grams_recorded) as recorded, sum(grams_restated) as restated
    from rollup_daily where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'from' as date) and cast(:'to' as date)
    group by 1
), people as (
    select key, count(*) as participants from (
        select to_char(day, 'YYYY-MM') as key, user_id from rollup_user_day where rollup_kind = 'PROGRAMME' and rollup_id = :'prog'
          and day between cast(:'from' as date) and cast(:'to' as date)
        group by 1, user_id having sum(behaviours) > 0) p
    group by key
)
select t.key, t.behaviours, t.recorded, t.restated, coalesce(p.participants, 0) as participants
from totals t left join people p on p.key = t.key order by t.key;

\echo '=== Q6 potential: lines per behaviour (rollup_user_day over the window), programme'
explain (analyze, buffers, costs off)
with kept as (
    select user_id, behaviour, count(distinct (cast(:'to' as date) - day) / 7) filter (where behaviours > 0) as weeks, sum(grams) as grams
    from rollup_user_day
    where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'window_from' as date) and cast(:'to' as date)
    group by user_id, behaviour
)
select behaviour, count(*) filter (where weeks >= :min_weeks) as sustaining, coalesce(sum(grams) filter (where weeks >= :min_weeks), 0) as grams
from kept group by behaviour order by behaviour;

\echo '=== Q7 potential: sustaining participants (same scan again), programme'
explain (analyze, buffers, costs off)
select count(*) from (
    select user_id, behaviour from rollup_user_day
    where rollup_kind = 'PROGRAMME' and rollup_id = :'prog' and day between cast(:'window_from' as date) and cast(:'to' as date)
    group by user_id, behaviour
    having count(distinct (cast(:'to' as date) - day) / 7) filter (where behaviours > 0) >= :min_weeks) k;

\echo '=== Q8 projects of the programme (Awards.ofProgramme; then 3 + links queries per project)'
explain (analyze, buffers, costs off)
select w.id, w.application_id, a.title, a.organisation_id, o.name as organisation_name, c.programme_id, a.call_id,
    w.amount_fen, w.starts_on, w.ends_on
from grant_award w join grant_application a on a.id = w.application_id join grant_call c on c.id = a.call_id
    join organisation o on o.id = a.organisation_id where c.programme_id = :'prog' order by w.awarded_at;

\echo '=== Q9 public impact: totals and participants (impact_daily, impact_participant)'
explain (analyze, buffers, costs off)
select coalesce(sum(behaviours), 0), coalesce(sum(reduction_grams), 0), coalesce(sum(adjustment_grams), 0) from impact_daily;
explain (analyze, buffers, costs off)
select count(*) from impact_participant;
