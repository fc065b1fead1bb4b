-- A person's rights over their data: the consents they gave, and accounts deleted at their owner's request.

-- Each acceptance of a document (the privacy notice) in the version shown, when and how. Appended, never changed: the
-- latest acceptance of a kind says which version a person has agreed to.
create table consent (
    id          uuid        primary key,
    user_id     uuid        not null references app_user (id),
    kind        text        not null check (kind in ('PRIVACY_NOTICE')),
    version     text        not null,
    accepted_at timestamptz not null,
    how         text        not null check (how in ('REGISTRATION', 'REGISTRATION_PAGE', 'REGISTRATION_API', 'CONSENT_PAGE', 'CONSENT_API'))
);
create index consent_user on consent (user_id, kind, accepted_at desc);

-- A deleted account keeps its row (its id is the pseudonym its ledger and records stay under) without anything that
-- identifies its person: the email becomes 'deleted:<id>', the name a neutral label, the password unusable.
alter table app_user add column deleted_at timestamptz;

-- Reading one person's data for their export without scanning whole tables: what no key leading with the person
-- reaches. The partial ones stay small (only reversals name an actor, only reviewed records a reviewer).
create index ledger_entry_actor on ledger_entry (actor_id) where actor_id is not null;
create index activity_record_reviewed_by on activity_record (reviewed_by) where reviewed_by is not null;
create index external_claim_user on external_claim (user_id);
create index participation_activity_user on participation_activity (user_id);
create index rollup_user_day_user on rollup_user_day (user_id);
create index rollup_user_key_user on rollup_user_key (user_id);
