-- A guardian's consent for people under 14 (China's PIPL, article 31): someone under 14 who registers names a guardian,
-- who is mailed a link and consents or refuses. Until the guardian consents, nothing of the person's is recorded.

-- Only the people still waiting for their guardian: a row is deleted when the guardian decides (consent is kept in
-- `consent`, a refusal deletes the account). Every record door checks the group's people against this small table with
-- one `user_id = any(:ids)` lookup, so it must stay small: nobody else is ever in it.
create table guardian_consent_request (
    user_id        uuid        primary key references app_user (id),
    -- the address the guardian was mailed at (never the person's own)
    guardian_email text        not null,
    requested_at   timestamptz not null,
    last_sent_at   timestamptz not null
);

-- A guardian's consent is a consent of its own kind, given through the mailed link, with the guardian's address.
alter table consent drop constraint consent_kind_check;
alter table consent add constraint consent_kind_check check (kind in ('PRIVACY_NOTICE', 'GUARDIAN'));
alter table consent drop constraint consent_how_check;
alter table consent add constraint consent_how_check
    check (how in ('REGISTRATION', 'REGISTRATION_PAGE', 'REGISTRATION_API', 'CONSENT_PAGE', 'CONSENT_API', 'GUARDIAN_EMAIL'));
alter table consent add column guardian_email text;
-- cleared when the person's account is deleted
alter table consent add constraint consent_guardian_email check (guardian_email is null or kind = 'GUARDIAN');

alter table account_link drop constraint account_link_purpose_check;
alter table account_link add constraint account_link_purpose_check
    check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL', 'CANCEL_EMAIL_CHANGE', 'GUARDIAN_CONSENT'));
