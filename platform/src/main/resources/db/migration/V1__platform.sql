-- Idempotency keys (platform): one row per caller scope and key, holding the first response.
-- The scope leads the key so the table can be distributed by caller.
create table idempotency_key (
    scope       text        not null,
    idem_key    text        not null,
    fingerprint text        not null,
    response    jsonb,
    created_at  timestamptz not null,
    primary key (scope, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);
