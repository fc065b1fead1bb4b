-- Mail: every message is rendered and kept here in the transaction that asked for it; a scheduled job sends it.
create table mail_outbox (
    id               uuid        primary key,
    recipient        text        not null,
    language         text        not null,
    template         text        not null,
    subject          text        not null,
    text_body        text        not null,
    html_body        text        not null,
    list_unsubscribe text,
    -- QUEUED (waiting to be sent, perhaps again), SENT, FAILED (given up), NO_SERVER (kept: no mail server configured)
    state            text        not null check (state in ('QUEUED', 'SENT', 'FAILED', 'NO_SERVER')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    -- when the message reached SENT, FAILED or NO_SERVER; rows are purged a retention period after it
    finished_at      timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where state = 'QUEUED';
create index mail_outbox_newest on mail_outbox (created_at desc, id);
create index mail_outbox_recipient on mail_outbox (recipient, created_at desc);
create index mail_outbox_finished on mail_outbox (finished_at) where finished_at is not null;

create table mail_attachment (
    outbox_id    uuid    not null references mail_outbox (id) on delete cascade,
    position     integer not null,
    filename     text    not null,
    content_type text    not null,
    content      bytea   not null,
    primary key (outbox_id, position)
);

-- Accounts: the language mail is written in, and whether the address was proven by following a link.
alter table app_user add column language text not null default 'en' check (language in ('en', 'zh-CN'));
alter table app_user add column email_verified_at timestamptz;
-- Accounts made before addresses were verified count as verified.
update app_user set email_verified_at = created_at;

-- Single-use links sent by email: only the SHA-256 of each link's secret is kept.
create table account_link (
    token_hash text        primary key,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL', 'CANCEL_EMAIL_CHANGE')),
    user_id    uuid        not null references app_user (id) on delete cascade,
    -- the address the link was sent to; for CHANGE_EMAIL and CANCEL_EMAIL_CHANGE the new address asked for
    email      text        not null,
    -- the account's address when a change was asked (CHANGE_EMAIL, CANCEL_EMAIL_CHANGE)
    old_email  text,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index account_link_user on account_link (user_id, purpose);
