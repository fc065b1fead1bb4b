-- The authorisation server's signing keys, several at a time so they can be rotated without downtime: a key is
-- published in the JWK set from created_at, signs from activates_at (the newest key whose activates_at has passed is
-- the current one; until then it is "next"), and stops being published at retires_at (set once a successor is made:
-- the successor's activates_at plus the longest token lifetime), after which it is deleted.
-- The private JWK is encrypted (AES-256-GCM under lct.secrets.encryption-key, bound to the kid). The one key V34 kept
-- in plain text is carried over in unencrypted_jwk, which the first instance to start encrypts and empties.
create table partner_signing_key_v63 (
    kid             text        primary key,
    jwk             bytea,
    unencrypted_jwk text,
    created_at      timestamptz not null,
    activates_at    timestamptz not null,
    retires_at      timestamptz,
    check ((jwk is null) <> (unencrypted_jwk is null)),
    check (retires_at is null or retires_at > activates_at)
);

insert into partner_signing_key_v63 (kid, unencrypted_jwk, created_at, activates_at)
select kid, jwk, created_at, created_at from partner_signing_key;

drop table partner_signing_key;
alter table partner_signing_key_v63 rename to partner_signing_key;
alter index partner_signing_key_v63_pkey rename to partner_signing_key_pkey;
create index partner_signing_key_activates on partner_signing_key (activates_at);
