-- The carbon ledger: append-only entries per person, chained by hash; one account row per person with the running
-- balance and the last hash. The person's id leads every key, so the tables can be distributed by person.
create table ledger_account (
    user_id        uuid        primary key,
    balance_grams  bigint      not null,
    entry_count    bigint      not null,
    last_hash      text        not null,
    updated_at     timestamptz not null
);

create table ledger_entry (
    user_id             uuid        not null,
    id                  uuid        not null,
    seq                 bigint      not null,
    kind                text        not null check (kind in ('CREDIT', 'REVERSAL', 'ADJUSTMENT')),
    grams               bigint      not null,
    record_id           uuid,
    behaviour           text        not null,
    category            text        not null,
    methodology_code    text        not null,
    methodology_version text        not null,
    provenance          json        not null, -- json, not jsonb: the exact text is hashed
    occurred_at         timestamptz not null,
    booked_at           timestamptz not null,
    prev_hash           text        not null,
    hash                text        not null,
    primary key (user_id, id),
    unique (user_id, seq)
);
create index ledger_entry_booked on ledger_entry (booked_at);

create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are append-only: % is not allowed', tg_op;
end $$;

create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_entry_append_only();
