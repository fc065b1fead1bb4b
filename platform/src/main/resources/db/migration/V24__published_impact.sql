-- Counters per month and category, month and region, month and evidence level: the cells of the tables the public
-- sees, kept like the other counters (a person counts in a cell while their net number of behaviours there is
-- positive). Filled here from the roll-ups already kept.
insert into rollup_user_key (rollup_kind, rollup_id, key_kind, key, user_id, behaviours)
select rollup_kind, rollup_id, key_kind, key, user_id, sum(behaviours)
from (
    select rollup_kind, rollup_id, 'MONTH_CATEGORY' as key_kind, to_char(day, 'YYYY-MM') || '|' || category as key, user_id, behaviours
    from rollup_user_day
    union all
    select rollup_kind, rollup_id, 'MONTH_REGION', to_char(day, 'YYYY-MM') || '|' || region, user_id, behaviours from rollup_user_day
    union all
    select rollup_kind, rollup_id, 'MONTH_EVIDENCE', to_char(day, 'YYYY-MM') || '|' || evidence, user_id, behaviours from rollup_user_day
) cells
group by rollup_kind, rollup_id, key_kind, key, user_id
on conflict do nothing;

insert into rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded, grams_restated, participants)
select t.rollup_kind, t.rollup_id, t.key_kind, t.key, t.behaviours, t.recorded, t.restated, coalesce(p.participants, 0)
from (
    select rollup_kind, rollup_id, key_kind, key, sum(behaviours) as behaviours, sum(grams_recorded) as recorded,
        sum(grams_restated) as restated
    from (
        select rollup_kind, rollup_id, 'MONTH_CATEGORY' as key_kind, to_char(day, 'YYYY-MM') || '|' || category as key,
            behaviours, grams_recorded, grams_restated from rollup_daily
        union all
        select rollup_kind, rollup_id, 'MONTH_REGION', to_char(day, 'YYYY-MM') || '|' || region, behaviours, grams_recorded,
            grams_restated from rollup_daily
        union all
        select rollup_kind, rollup_id, 'MONTH_EVIDENCE', to_char(day, 'YYYY-MM') || '|' || evidence, behaviours, grams_recorded,
            grams_restated from rollup_daily
    ) d
    group by rollup_kind, rollup_id, key_kind, key
) t
left join (
    select rollup_kind, rollup_id, key_kind, key, count(*) as participants from rollup_user_key
    where key_kind in ('MONTH_CATEGORY', 'MONTH_REGION', 'MONTH_EVIDENCE') and behaviours > 0
    group by rollup_kind, rollup_id, key_kind, key
) p using (rollup_kind, rollup_id, key_kind, key)
on conflict do nothing;

-- The figures the public sees of a project or programme, published by calendar month once no record can be made for
-- the month any more through the web or the API, computed once with disclosure control applied, and kept unchanged.
create table public_release (
    rollup_kind  text        not null,
    rollup_id    uuid        not null,
    through      text        not null,  -- YYYY-MM, the last month included
    assumptions  text        not null,  -- the potential model's assumptions the release was computed under
    computed_at  timestamptz not null,
    content      jsonb       not null,
    primary key (rollup_kind, rollup_id, through, assumptions)
);

-- Per behaviour (no people counted), for reports that split the reduction by the gas basis of its factors. Restated
-- grams stand in for recorded ones where the roll-up kept only those.
insert into rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded, grams_restated, participants)
select rollup_kind, rollup_id, 'BEHAVIOUR', behaviour, sum(behaviours), sum(grams), sum(grams), 0
from rollup_user_day group by rollup_kind, rollup_id, behaviour
on conflict do nothing;
