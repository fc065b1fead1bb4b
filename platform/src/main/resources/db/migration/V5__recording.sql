-- Records of behaviours as reported, with the outcome of their calculation.
create table activity_record (
    user_id             uuid          not null,
    id                  uuid          not null,
    behaviour           text          not null,
    quantity            numeric(18,6) not null,
    unit                text          not null,
    occurred_at         timestamptz   not null,
    region              text,
    evidence            text          not null,
    channel             text          not null,
    status              text          not null,
    reduction_grams     bigint,
    methodology_version text,
    ledger_entry_id     uuid,
    created_at          timestamptz   not null,
    primary key (user_id, id)
);
create index activity_record_user_occurred on activity_record (user_id, occurred_at);
