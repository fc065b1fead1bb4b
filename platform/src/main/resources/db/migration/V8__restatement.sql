-- Restatement: records keep the version that computed them; a restatement recomputes chosen records under a newer
-- version and books the difference as adjusting ledger entries. The record remembers where it now stands.
alter table activity_record add column occurred_on date;
update activity_record set occurred_on = (occurred_at at time zone 'Asia/Shanghai')::date;
alter table activity_record alter column occurred_on set not null;
alter table activity_record add column effective_version text;
alter table activity_record add column effective_grams bigint;
update activity_record set effective_version = methodology_version, effective_grams = reduction_grams;

create table restatement (
    id                uuid        primary key,
    target_version    text        not null,
    behaviours        text,
    occurred_from     date,
    occurred_to       date,
    reason            text        not null,
    actor_id          uuid        not null,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    records_examined  bigint      not null default 0,
    records_adjusted  bigint      not null default 0,
    records_unchanged bigint      not null default 0,
    records_not_credited bigint   not null default 0,
    delta_grams       bigint      not null default 0
);

alter table ledger_entry add column restatement_id uuid;

alter table impact_daily add column adjustment_grams bigint not null default 0;

-- The inputs a behaviour's formula asked for, kept so a restatement can recompute the record.
alter table activity_record add column parameters jsonb;
