-- Synthetic data at scale for perf/dashboard.sh, generated inside PostgreSQL (generate_series, no HTTP API).
-- psql variables: entries (ledger entries, reversals included), users, projects.
-- Produces the ledger (app_user, ledger_account, ledger_entry) and, for one grant programme with :projects funded
-- projects whose communities hold most people, the group tables and every maintained roll-up exactly as the
-- listeners would have left them after processing each entry once:
--   ImpactRollup (ReductionCredited/Reversed)  -> impact_counted_entry, impact_daily, impact_evidence_daily, impact_participant
--   Participation.count / followUp             -> participation_activity (one row per group and entry)
--   ImpactRollups.follow / apply               -> rollup_source, rollup_counted_entry, rollup_daily, rollup_user_day,
--                                                 rollup_user_key, rollup_key (each entry once per roll-up)
-- The big tables are loaded with their indexes and key constraints dropped and re-created afterwards with the exact
-- definitions the migrations gave them (read from the catalog), which is what makes 10M entries take minutes.
-- activity_record rows are not generated (optional per the brief): record_id points at no record.
\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 2;

select (now() at time zone 'Asia/Shanghai')::date as today \gset
select date :'today' - 364 as first_day \gset

-- 0. Drop keys and indexes of the bulk tables, remembering their definitions.
drop table if exists gen_ddl;
create table gen_ddl (ord serial, drop_sql text, create_sql text);
insert into gen_ddl (drop_sql, create_sql)
select format('alter table %I drop constraint %I', c.conrelid::regclass::text, c.conname),
       format('alter table %I add constraint %I %s', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid))
from pg_constraint c
where c.conrelid::regclass::text in ('ledger_entry', 'participation_activity', 'impact_counted_entry', 'rollup_counted_entry',
                                     'rollup_user_day', 'rollup_daily', 'rollup_user_key', 'rollup_key', 'impact_participant', 'ledger_account')
  and c.contype in ('p', 'u');
insert into gen_ddl (drop_sql, create_sql)
select format('drop index %I', i.indexname), i.indexdef
from pg_indexes i
where i.schemaname = 'public'
  and i.tablename in ('ledger_entry', 'participation_activity', 'impact_counted_entry', 'rollup_counted_entry',
                      'rollup_user_day', 'rollup_daily', 'rollup_user_key', 'rollup_key', 'impact_participant', 'ledger_account')
  and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
select drop_sql from gen_ddl order by ord \gexec

-- 1. Reference data: behaviours (a subset of methodology lct-1.1.0 with a typical reduction per record, grams CO2e),
--    the 31 provinces ordered roughly by population, evidence levels.
drop table if exists gen_behaviour;
create unlogged table gen_behaviour (n int primary key, code text, category text, typical_grams int);
insert into gen_behaviour values
 (1, 'METRO_INSTEAD_OF_CAR', 'TRANSPORT', 1500), (2, 'BUS_INSTEAD_OF_CAR', 'TRANSPORT', 1100),
 (3, 'CYCLE_INSTEAD_OF_CAR', 'TRANSPORT', 900), (4, 'BIKE_SHARE_INSTEAD_OF_CAR', 'TRANSPORT', 600),
 (5, 'WALK_INSTEAD_OF_CAR', 'TRANSPORT', 400), (6, 'CLEAN_PLATE', 'FOOD', 150),
 (7, 'BRING_OWN_CUP', 'FOOD', 30), (8, 'ELECTRICITY_SAVED', 'HOUSING', 580),
 (9, 'PLANT_BASED_INSTEAD_OF_PORK', 'FOOD', 900), (10, 'NO_DISPOSABLE_CUTLERY', 'FOOD', 20),
 (11, 'E_RECEIPT', 'DAILY_USE', 5), (12, 'REUSABLE_BAG', 'DAILY_USE', 30),
 (13, 'STAIRS_INSTEAD_OF_LIFT', 'HOUSING', 25), (14, 'CAR_FREE_DAY', 'TRANSPORT', 2500),
 (15, 'RECYCLE_PLASTICS', 'DAILY_USE', 1500), (16, 'AC_SETPOINT', 'HOUSING', 300),
 (17, 'RECYCLE_PAPER', 'DAILY_USE', 900), (18, 'DONATE_CLOTHES', 'CLOTHING', 3000),
 (19, 'PLANT_BASED_INSTEAD_OF_BEEF', 'FOOD', 2000), (20, 'SECOND_HAND_PHONE', 'DAILY_USE', 40000);
drop table if exists gen_region;
create unlogged table gen_region (n int primary key, code text);
insert into gen_region select ordinality, 'CN-' || code from unnest(array['GD','SD','HA','JS','SC','HE','HN','ZJ','AH','HB','GX',
  'YN','JX','LN','FJ','SN','HL','SX','GZ','CQ','JL','GS','SH','NM','XJ','BJ','TJ','HI','NX','QH','XZ']) with ordinality as t(code);

-- 2. The programme office, grantee organisations, communities, one programme, one call, :projects awards.
insert into organisation (id, name, kind, created_at) values
  ('00000000-0000-4000-8000-00000000a001', 'Perf programme office', 'NGO', now() - interval '2 years');
insert into app_user (id, email, display_name, password_hash, roles, created_at) values
  ('00000000-0000-4000-8000-00000000b001', 'officer@perf.example.org', 'Perf officer', '{noop}not-a-login', 'PARTICIPANT,PROGRAMME_OFFICER',
   now() - interval '2 years');
insert into programme (id, name, description, organisation_id, created_at) values
  ('00000000-0000-4000-8000-00000000c001', 'Perf small grants programme', 'Synthetic programme for perf/dashboard.sh',
   '00000000-0000-4000-8000-00000000a001', now() - interval '400 days');
insert into programme_officer values ('00000000-0000-4000-8000-00000000c001', '00000000-0000-4000-8000-00000000b001');
insert into grant_call (id, programme_id, title, budget_fen, max_grant_fen, opens_on, closes_on, status, created_by, created_at) values
  ('00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000c001', 'Perf call 1', 1000000000, 50000000,
   date :'first_day' - 90, date :'first_day' - 30, 'DECIDED', '00000000-0000-4000-8000-00000000b001', now() - interval '460 days');

drop table if exists gen_project;
create unlogged table gen_project as
select p, gen_random_uuid() as org_id, gen_random_uuid() as application_id, gen_random_uuid() as award_id,
       date :'first_day' + (p % 3) * 15 as starts_on
from generate_series(1, :projects) p;
insert into organisation (id, name, kind, created_at)
select org_id, 'Grantee ' || p, (array['NGO','CAMPUS_ASSOCIATION','EMPLOYER','NEIGHBOURHOOD_COMMUNITY'])[1 + p % 4], now() - interval '3 years'
from gen_project;
insert into grant_application (id, call_id, organisation_id, title, proposal, requested_fen, planned_behaviours, planned_grams,
    planned_participants, status, submitted_by, submitted_at, decided_at)
select application_id, '00000000-0000-4000-8000-00000000d001', org_id, 'Project ' || p, 'Synthetic proposal', 30000000,
       500000, 400000000, 8000, 'AWARDED', '00000000-0000-4000-8000-00000000b001', now() - interval '440 days', now() - interval '380 days'
from gen_project;
insert into grant_award (id, application_id, amount_fen, starts_on, ends_on, awarded_by, awarded_at)
select award_id, application_id, 20000000 + p * 100000, starts_on, starts_on + 540, '00000000-0000-4000-8000-00000000b001',
       now() - interval '380 days'
from gen_project;
insert into award_tranche (award_id, position, amount_fen, condition, due_on, paid_on)
select award_id, t, (20000000 + p * 100000) / 2, 'tranche ' || t, starts_on + (t - 1) * 180, case when t = 1 then starts_on end
from gen_project, generate_series(1, 2) t;
insert into award_milestone (award_id, position, title, due_on)
select award_id, m, 'Milestone ' || m, starts_on + m * 120 from gen_project, generate_series(1, 3) m;

-- Communities: one per project, and a second one for every fifth project (:projects + :projects/5 in all).
drop table if exists gen_community;
create unlogged table gen_community as
select row_number() over (order by p, second) as n, p, gen_random_uuid() as id
from (select p, false as second from gen_project union all select p, true from gen_project where p % 5 = 0) c;
select count(*) as communities from gen_community \gset

-- 3. People: join day (70 % before the year), home province, three usual behaviours, activity weight, groups.
drop table if exists gen_user;
create unlogged table gen_user as
select i, gen_random_uuid() as id,
       case when random() < 0.7 then date :'first_day' - 1 - floor(random() * 300)::int
            else date :'first_day' + floor(random() * 350)::int end as join_day,
       1 + floor(31 * power(random(), 1.7))::int as region_n,
       1 + floor(20 * power(random(), 1.6))::int as b1,
       1 + floor(20 * power(random(), 1.3))::int as b2,
       1 + floor(20 * random())::int as b3,
       -- 88 % in one community, 5 % of them in a second; 12 % in none
       case when random() < 0.88 then 1 + floor(random() * :communities)::int end as c1,
       case when random() < 0.05 then 1 + floor(random() * :communities)::int end as c2
from generate_series(1, :users) i;
alter table gen_user add primary key (i);

insert into app_user (id, email, display_name, password_hash, roles, created_at)
select id, 'user' || i || '@perf.example.org', 'Person ' || i, '{noop}not-a-login', 'PARTICIPANT',
       (join_day::timestamp + interval '9 hours') at time zone 'Asia/Shanghai'
from gen_user;

insert into community (id, organisation_id, name, kind, visibility, created_by, created_at)
select c.id, p.org_id, 'Community ' || c.n, (array['CAMPUS','WORKPLACE','NEIGHBOURHOOD','INTEREST'])[1 + c.n % 4], 'PUBLIC',
       '00000000-0000-4000-8000-00000000b001', now() - interval '3 years'
from gen_community c join gen_project p using (p);
insert into project_link (award_id, scope_kind, scope_id)
select p.award_id, 'COMMUNITY', c.id from gen_community c join gen_project p using (p);
insert into participant (scope_kind, scope_id, user_id, joined_at)
select distinct on (c.id, u.id) 'COMMUNITY', c.id, u.id, (u.join_day::timestamp + interval '10 hours') at time zone 'Asia/Shanghai'
from gen_user u join gen_community c on c.n in (u.c1, u.c2);

-- Each project's roll-up follows its communities from its start; the programme's follows all of them (Awards.link).
insert into rollup_source (rollup_kind, rollup_id, scope_kind, scope_id, counts_from)
select 'PROJECT', p.award_id, 'COMMUNITY', c.id, p.starts_on from gen_community c join gen_project p using (p)
union all
select 'PROGRAMME', '00000000-0000-4000-8000-00000000c001', 'COMMUNITY', c.id, p.starts_on from gen_community c join gen_project p using (p);

-- 4. Ledger entries: credits on days between the person's join day (or the year's start) and today, heavy users more
--    often (a few behaviours a week for the active ones), then about 0.5 % of them reversed a day or two later.
drop table if exists gen_entry;
create unlogged table gen_entry as
with pick as (
    select 1 + floor(:users * power(random(), 1.5))::int as ui, random() as rb, random() as re, random() as rr, random() as rd,
           random() as rg, random() as rt
    from generate_series(1, round(:entries / 1.005)::bigint)
), shaped as (
    select u.id as user_id, u.region_n, u.i,
           case when rb < 0.55 then u.b1 when rb < 0.85 then u.b2 else u.b3 end as bn,
           re, rr, rg, rt,
           greatest(u.join_day, date :'first_day') + floor(rd * (date :'today' - greatest(u.join_day, date :'first_day') + 1))::int as day
    from pick join gen_user u on u.i = pick.ui
)
select s.user_id, gen_random_uuid() as id, gen_random_uuid() as record_id, 'CREDIT'::text as kind, b.code as behaviour,
       b.category,
       case when s.re < 0.42 then 'SELF_REPORT' when s.re < 0.64 then 'PHOTO'
            when s.re < 0.84 then case when b.category = 'TRANSPORT' then 'GPS' else 'PHOTO' end
            when s.re < 0.95 then 'PARTNER_VERIFIED' else 'ORGANISER_VERIFIED' end as evidence,
       case when s.rr < 0.92 then (select code from gen_region where n = s.region_n)
            when s.rr < 0.97 then (select code from gen_region where n = 1 + (s.i % 31)) end as region,
       greatest(1, round(b.typical_grams * exp(s.rg * 1.6 - 0.8)))::bigint as grams,
       s.day as occurred_on,
       ((s.day::timestamp + make_interval(secs => 6 * 3600 + floor(s.rt * 16 * 3600)::int)) at time zone 'Asia/Shanghai') as occurred_at,
       null::uuid as reverses
from shaped s join gen_behaviour b on b.n = s.bn;
alter table gen_entry add column booked_at timestamptz;
-- (set in one pass below, with the reversals)
drop table if exists gen_entry_all;
create unlogged table gen_entry_all as
select user_id, id, record_id, kind, behaviour, category, evidence, region, grams, occurred_on, occurred_at, reverses,
       least(now(), occurred_at + make_interval(mins => 1 + floor(random() * 180)::int)) as booked_at
from gen_entry;
drop table gen_entry;
insert into gen_entry_all
select user_id, gen_random_uuid(), record_id, 'REVERSAL', behaviour, category, evidence, region, -grams, occurred_on, occurred_at, id,
       least(now(), booked_at + make_interval(hours => 20 + floor(random() * 40)::int))
from gen_entry_all tablesample bernoulli (0.5) repeatable (42);
alter table gen_entry_all rename to gen_entry;
analyze gen_entry;

insert into ledger_entry (user_id, id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
    provenance, occurred_at, booked_at, prev_hash, hash, reverses, reason, actor_id, evidence)
select user_id, id, row_number() over w, kind, grams, record_id, behaviour, category, 'LCT', '1.1.0',
       json_build_object('behaviour', behaviour, 'category', category, 'methodologyCode', 'LCT', 'methodologyVersion', '1.1.0',
                         'region', region, 'reductionGrams', grams),
       occurred_at, booked_at, coalesce(lag(h) over w, repeat('0', 64)), h,
       reverses, case when kind = 'REVERSAL' then 'perf: implausible' end,
       case when kind = 'REVERSAL' then '00000000-0000-4000-8000-00000000b001'::uuid end, evidence
from (select *, md5(id::text) || md5(record_id::text || kind) as h from gen_entry) e
window w as (partition by user_id order by booked_at, id);

insert into ledger_account (user_id, balance_grams, entry_count, last_hash, updated_at)
select user_id, sum(grams), count(*), (array_agg(hash order by seq desc))[1], max(booked_at)
from ledger_entry group by user_id;

-- 5. Public impact roll-ups (ImpactRollup): every entry counted once; no restatements, so adjustments stay 0
--    (a reversal's adjustment is -grams - creditedGrams = 0).
insert into impact_counted_entry (entry_id) select id from gen_entry;
insert into impact_daily (day, category, behaviours, reduction_grams, adjustment_grams)
select occurred_on, category, sum(case when kind = 'CREDIT' then 1 else -1 end), sum(grams), 0
from gen_entry group by 1, 2;
insert into impact_evidence_daily (day, evidence, behaviours, reduction_grams, adjustment_grams)
select occurred_on, evidence, sum(case when kind = 'CREDIT' then 1 else -1 end), sum(grams), 0
from gen_entry group by 1, 2;
insert into impact_participant (user_id, first_day, last_day)
select user_id, min(occurred_on), max(occurred_on) from gen_entry where kind = 'CREDIT' group by user_id;

-- 6. Group activity (Participation.count for credits, followUp for reversals): one row per community the person was
--    in on the day.
insert into participation_activity (scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region,
    grams, grams_recorded, behaviour_delta, occurred_at, occurred_on)
select 'COMMUNITY', p.scope_id, e.id, e.user_id, e.record_id, e.behaviour, e.category, e.evidence, e.region, e.grams, e.grams,
       case when e.kind = 'CREDIT' then 1 else -1 end, e.occurred_at, e.occurred_on
from gen_entry e join participant p on p.scope_kind = 'COMMUNITY' and p.user_id = e.user_id
where (p.joined_at at time zone 'Asia/Shanghai')::date <= e.occurred_on;

-- 7. Group roll-ups (ImpactRollups.apply): an entry counts once per roll-up when any of the roll-up's groups counted
--    it on a day on or after that group's counts_from.
drop table if exists gen_user_rollup;
create unlogged table gen_user_rollup as
select p.user_id, s.rollup_kind, s.rollup_id,
       min(greatest((p.joined_at at time zone 'Asia/Shanghai')::date, s.counts_from)) as counts_from
from participant p join rollup_source s on s.scope_kind = p.scope_kind and s.scope_id = p.scope_id
group by 1, 2, 3;
drop table if exists gen_counted;
create unlogged table gen_counted as
select r.rollup_kind, r.rollup_id, e.id as entry_id, e.user_id, e.occurred_on as day, e.behaviour, e.category, e.evidence,
       coalesce(e.region, '') as region, case when e.kind = 'CREDIT' then 1 else -1 end as delta, e.grams
from gen_entry e join gen_user_rollup r on r.user_id = e.user_id and e.occurred_on >= r.counts_from;

insert into rollup_counted_entry (rollup_kind, rollup_id, entry_id) select rollup_kind, rollup_id, entry_id from gen_counted;
insert into rollup_daily (rollup_kind, rollup_id, day, category, evidence, region, behaviours, grams_recorded, grams_restated)
select rollup_kind, rollup_id, day, category, evidence, region, sum(delta), sum(grams), sum(grams)
from gen_counted group by 1, 2, 3, 4, 5, 6;
insert into rollup_user_day (rollup_kind, rollup_id, day, user_id, behaviour, region, evidence, category, behaviours, grams)
select rollup_kind, rollup_id, day, user_id, behaviour, region, evidence, min(category), sum(delta), sum(grams)
from gen_counted group by 1, 2, 3, 4, 5, 6, 7;
-- The whole-life counters: per roll-up and key the totals, and the people whose net behaviours under the key are positive.
insert into rollup_user_key (rollup_kind, rollup_id, key_kind, key, user_id, behaviours)
select g.rollup_kind, g.rollup_id, k.key_kind, k.key, g.user_id, sum(g.delta)
from gen_counted g cross join lateral (values ('ALL', ''), ('MONTH', to_char(g.day, 'YYYY-MM')), ('CATEGORY', g.category),
    ('EVIDENCE', g.evidence), ('REGION', g.region)) k(key_kind, key)
group by 1, 2, 3, 4, 5;
insert into rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded, grams_restated, participants)
select g.rollup_kind, g.rollup_id, k.key_kind, k.key, sum(g.delta), sum(g.grams), sum(g.grams), 0
from gen_counted g cross join lateral (values ('ALL', ''), ('MONTH', to_char(g.day, 'YYYY-MM')), ('CATEGORY', g.category),
    ('EVIDENCE', g.evidence), ('REGION', g.region)) k(key_kind, key)
group by 1, 2, 3, 4;
update rollup_key k set participants = p.n
from (select rollup_kind, rollup_id, key_kind, key, count(*) as n from rollup_user_key where behaviours > 0 group by 1, 2, 3, 4) p
where p.rollup_kind = k.rollup_kind and p.rollup_id = k.rollup_id and p.key_kind = k.key_kind and p.key = k.key;

-- 8. Keys and indexes back, exactly as the migrations defined them; statistics and visibility maps as autovacuum
--    would leave them.
select create_sql from gen_ddl order by ord \gexec
drop table gen_counted, gen_user_rollup, gen_entry, gen_ddl, gen_user, gen_project, gen_community, gen_behaviour, gen_region;
vacuum analyze;
