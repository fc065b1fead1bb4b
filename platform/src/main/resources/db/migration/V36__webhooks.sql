-- Webhooks (Standard Webhooks): endpoints an owner (a partner, say) registers, and the outbox of signed messages to
-- them with every attempt. Messages are written in the publisher's transaction and sent by a scheduled job.
create table webhook_endpoint (
    id                    uuid        primary key,
    -- whoever the endpoint belongs to (a partner's id); every query is scoped by it
    owner_id              uuid        not null,
    url                   text        not null,
    event_types           text[]      not null,
    -- the signing secret, encrypted (AES-256-GCM under lct.webhooks.encryption-key, bound to the endpoint's id)
    secret                bytea       not null,
    -- the secret before the last rotation, still signing (a second signature) until previous_secret_until
    previous_secret       bytea,
    previous_secret_until timestamptz,
    state                 text        not null check (state in ('ACTIVE', 'DISABLED')),
    -- MANUAL (by its owner), FAILING (no success for the whole retry schedule), GONE (the receiver answered 410)
    disabled_reason       text        check (disabled_reason in ('MANUAL', 'FAILING', 'GONE')),
    disabled_at           timestamptz,
    -- the first failed attempt since the last successful one; null while the endpoint answers
    failing_since         timestamptz,
    last_success_at       timestamptz,
    created_at            timestamptz not null,
    check ((state = 'DISABLED') = (disabled_reason is not null))
);
create index webhook_endpoint_owner on webhook_endpoint (owner_id, created_at desc);

create table webhook_message (
    id                  uuid        primary key,
    owner_id            uuid        not null,
    endpoint_id         uuid        not null references webhook_endpoint (id) on delete cascade,
    -- the webhook-id header: one per published event (shared by its endpoints' messages), the same on every attempt
    webhook_id          text        not null check (webhook_id ~ '^msg_[A-Za-z0-9_]+$'),
    event_type          text        not null,
    -- the body exactly as signed and sent: {"type", "timestamp", "data"}
    payload             text        not null,
    -- PENDING (to be sent, perhaps again), DELIVERED (a 2xx answer), FAILED (given up, or its endpoint disabled)
    state               text        not null check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts            integer     not null default 0,
    -- retries of the schedule used (a manual redelivery starts the schedule again)
    retries             integer     not null default 0,
    next_attempt_at     timestamptz not null,
    -- the next attempt was asked for by the owner (redelivery)
    manual              boolean     not null default false,
    -- a sender's claim, by the database's clock: a sender that dies mid-send leaves the message due again after it
    leased_until        timestamptz,
    lease               uuid,
    last_error          text,
    created_at          timestamptz not null,
    delivered_at        timestamptz,
    -- when it reached DELIVERED or FAILED; purged a retention period after
    finished_at         timestamptz
);
create index webhook_message_due on webhook_message (next_attempt_at) where state = 'PENDING';
create index webhook_message_owner on webhook_message (owner_id, created_at desc, id);
create index webhook_message_endpoint on webhook_message (endpoint_id, created_at desc);
create index webhook_message_finished on webhook_message (finished_at) where finished_at is not null;

create table webhook_attempt (
    message_id   uuid        not null references webhook_message (id) on delete cascade,
    number       integer     not null,
    attempted_at timestamptz not null,
    trigger      text        not null check (trigger in ('SCHEDULED', 'MANUAL')),
    -- the HTTP status; null when there was no answer (refused address, connection, timeout)
    status       integer,
    error        text,
    duration_ms  integer     not null,
    -- the first kilobyte of the answer's body
    response     text,
    primary key (message_id, number)
);
