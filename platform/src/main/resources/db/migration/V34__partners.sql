-- Partners: internet companies and transport operators that credit their users' low-carbon actions, with consent.

-- Spring Authorization Server's JDBC tables (from spring-security-oauth2-authorization-server 7.0), for PostgreSQL:
-- blobs as text, timestamps with their time zone. A client's secret is a hash, or two during a rotation (longer).
create table oauth2_registered_client (
    id                            varchar(100)  primary key,
    client_id                     varchar(100)  not null unique,
    client_id_issued_at           timestamptz   default current_timestamp not null,
    client_secret                 text,
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create table oauth2_authorization (
    id                            varchar(100) primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
create index oauth2_authorization_client_principal on oauth2_authorization (registered_client_id, principal_name);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- The key that signs the authorisation server's tokens: made once, shared by every instance, kept across restarts.
create table partner_signing_key (
    id         smallint    primary key check (id = 1),
    kid        text        not null,
    jwk        text        not null,
    created_at timestamptz not null
);

create table partner (
    id              uuid        primary key,
    organisation_id uuid        not null references organisation (id),
    name_en         text        not null,
    name_zh         text        not null,
    behaviours      text[]      not null,
    redirect_uris   text[]      not null,
    state           text        not null check (state in ('ACTIVE', 'SUSPENDED')),
    created_at      timestamptz not null,
    state_changed_at timestamptz not null
);

create table partner_scenario (
    partner_id uuid   not null references partner (id),
    code       text   not null,
    label_en   text   not null,
    label_zh   text   not null,
    behaviours text[] not null,
    primary key (partner_id, code)
);

-- A partner's OAuth 2.0 client per mode (its registered client holds the secret's hash).
create table partner_client (
    partner_id          uuid        not null references partner (id),
    mode                text        not null check (mode in ('SANDBOX', 'LIVE')),
    client_id           text        not null unique,
    secret_issued_at    timestamptz not null,
    previous_expires_at timestamptz,
    primary key (partner_id, mode)
);

-- A person's account linked to a partner: the scenarios they share, and the pairwise subject the partner knows them by.
create table partner_link (
    id         uuid        primary key,
    partner_id uuid        not null references partner (id),
    user_id    uuid        not null references app_user (id),
    subject    text        not null unique,
    principal_name text    not null,
    scenarios  text[]      not null,
    linked_at  timestamptz not null,
    revoked_at timestamptz
);
create unique index partner_link_current on partner_link (partner_id, user_id) where revoked_at is null;
create index partner_link_user on partner_link (user_id);

-- Every activity a partner sent and what was decided: for the partner's reconciliation and the officer's figures.
create table partner_activity (
    partner_id          uuid        not null references partner (id),
    mode                text        not null check (mode in ('SANDBOX', 'LIVE')),
    reference           text        not null,
    link_id             uuid,
    user_id             uuid,
    scenario            text,
    behaviour           text,
    claim_key           text,
    record_id           uuid,
    outcome             text        not null check (outcome in ('CREDITED', 'HELD', 'REFUSED', 'REVERSED', 'CHECKED')),
    reasons             text[]      not null,
    reduction_grams     bigint      not null,
    methodology_version text,
    received_at         timestamptz not null,
    decided_at          timestamptz not null,
    primary key (partner_id, mode, reference)
);
create index partner_activity_record on partner_activity (record_id) where record_id is not null;
create index partner_activity_user on partner_activity (user_id) where user_id is not null;
create index partner_activity_day on partner_activity (partner_id, mode, received_at);

-- Who claimed a real-world event within its channel (a partner), so a second partner is told which one came first.
alter table external_claim add column claimant text;
