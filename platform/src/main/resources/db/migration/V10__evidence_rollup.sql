-- Reports split by evidence level: each ledger entry names the evidence of its record, and a roll-up per day and level.
alter table ledger_entry add column evidence text;

-- Backfill of the new column only; entries are otherwise never updated.
alter table ledger_entry disable trigger ledger_entry_append_only;
update ledger_entry e set evidence = r.evidence from activity_record r where r.user_id = e.user_id and r.id = e.record_id;
alter table ledger_entry enable trigger ledger_entry_append_only;

create table impact_evidence_daily (
    day              date   not null,
    evidence         text   not null,
    behaviours       bigint not null,
    reduction_grams  bigint not null,
    adjustment_grams bigint not null default 0,
    primary key (day, evidence)
);
