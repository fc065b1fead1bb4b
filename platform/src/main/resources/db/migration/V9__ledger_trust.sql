-- Trust in the ledger: reversals with reason and actor, plausibility outcomes and review, one claim per real-world event.
alter table ledger_entry add column reverses uuid;
alter table ledger_entry add column reason text;
alter table ledger_entry add column actor_id uuid;

alter table activity_record add column duration_minutes integer;
alter table activity_record add column external_ref text;
alter table activity_record add column rules_version text;
alter table activity_record add column reason_codes text;
alter table activity_record add column reviewed_by uuid;
alter table activity_record add column reviewed_at timestamptz;
alter table activity_record add column review_note text;
alter table activity_record alter column status set default 'CREDITED';
alter table activity_record add constraint activity_record_status
    check (status in ('CREDITED', 'FLAGGED', 'REJECTED', 'REVERSED'));
create index activity_record_flagged on activity_record (created_at) where status = 'FLAGGED';

-- A real-world event (a partner's order, a ride file, an event check-in) is credited once across all channels.
create table external_claim (
    reference  text        primary key,
    user_id    uuid        not null,
    record_id  uuid        not null,
    channel    text        not null,
    claimed_at timestamptz not null
);

-- The quantity in the behaviour's base unit, so daily totals add up across units (m and km, L and m3).
alter table activity_record add column base_quantity numeric(18,6);
update activity_record set base_quantity = quantity where base_quantity is null;
