-- Notifications: what a person was told in the app, what they want told per kind and channel, and the sent-markers
-- that make each notice reach a person once, whichever instance and however often a job runs.
create table notification (
    id         uuid        primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    kind       text        not null,
    -- which message tells it (notifications.message.<message>.title and .text) and its arguments, in order: names,
    -- titles, dates as people read them, numbers
    message    text        not null,
    params     jsonb       not null,
    -- where the notice leads, a path of the platform
    link       text,
    created_at timestamptz not null,
    read_at    timestamptz
);
create index notification_newest on notification (user_id, created_at desc, id);
create index notification_unread on notification (user_id) where read_at is null;

-- A person's choice per kind; without a row, the kind's default holds.
create table notification_preference (
    user_id    uuid        not null references app_user (id) on delete cascade,
    kind       text        not null,
    in_app     boolean     not null,
    email      boolean     not null,
    updated_at timestamptz not null,
    primary key (user_id, kind)
);

-- One row per person and notice (an event's reminder, a week's digest, an announcement): inserted in the transaction
-- that delivers it, so a second delivery — another instance, a job run twice, a redelivered event — finds it and stops.
create table notification_sent (
    user_id uuid        not null references app_user (id) on delete cascade,
    key     text        not null,
    sent_at timestamptz not null,
    primary key (user_id, key)
);

-- The key that signs unsubscribe links, made once at random unless lct.notifications.unsubscribe-secret is set.
create table notification_secret (
    id         integer     primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null
);

-- Organisers' announcements to a community's members or a campaign's participants.
create table announcement (
    id              uuid        primary key,
    scope_kind      text        not null check (scope_kind in ('COMMUNITY', 'CAMPAIGN')),
    scope_id        uuid        not null,
    organisation_id uuid        not null references organisation (id),
    -- the organiser who wrote it
    user_id         uuid        not null references app_user (id),
    title           text        not null,
    body            text        not null,
    created_at      timestamptz not null,
    -- how many people it was delivered to, once delivered
    recipients      integer
);
create index announcement_scope on announcement (scope_kind, scope_id, created_at desc);

-- A person's weekly goal: a number of behaviours, or grams CO2e (entered in kg), per programme week (Monday–Sunday).
create table weekly_goal (
    user_id    uuid        primary key references app_user (id) on delete cascade,
    measure    text        not null check (measure in ('BEHAVIOURS', 'KILOGRAMS')),
    target     bigint      not null check (target > 0),
    updated_at timestamptz not null
);
