-- Accounts and organisations.
create table app_user (
    id            uuid        primary key,
    email         text        not null unique,
    display_name  text        not null,
    password_hash text        not null,
    roles         text        not null,
    created_at    timestamptz not null,
    constraint app_user_email_lower check (email = lower(email))
);

create table personal_access_token (
    id          uuid        primary key,
    user_id     uuid        not null references app_user (id),
    token_hash  text        not null unique,
    name        text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index personal_access_token_user on personal_access_token (user_id);

create table organisation (
    id          uuid        primary key,
    name        text        not null,
    kind        text        not null,
    created_at  timestamptz not null
);

create table membership (
    organisation_id uuid        not null references organisation (id),
    user_id         uuid        not null references app_user (id),
    role            text        not null,
    joined_at       timestamptz not null,
    primary key (organisation_id, user_id)
);
create index membership_user on membership (user_id);
