package org.lowcarbontogether.account;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the accounts module holds about a person: the account itself, tokens, organisation memberships and invitations,
 * consents. Deleting the account keeps its row — its id is the pseudonym the ledger and records stay under — with
 * nothing left that identifies the person: the email becomes {@code deleted:<id>} (never an address, so the old one is
 * free to register again), the name a neutral label, the password unusable, the roles none; tokens, memberships and
 * invitations go, and every session ends.
 */
@Component
class AccountPersonalData implements PersonalData {

    /** Matches no password: not a hash any encoder reads, so it is refused like a wrong password. */
    static final String UNUSABLE_PASSWORD = "!deleted";

    private final JdbcClient jdbc;
    private final AccountChanges changes;

    AccountPersonalData(JdbcClient jdbc, AccountChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("app_user", "profile", Treatment.CLEARED, "id", "email"),
                Holding.of("personal_access_token", "tokens", Treatment.DELETED, "user_id"),
                Holding.of("membership", "memberships", Treatment.DELETED, "user_id"),
                Holding.of("membership_invitation", "invitations", Treatment.DELETED, "user_id"),
                Holding.of("membership_invitation", "invitations-sent", Treatment.KEPT, "invited_by"),
                Holding.of("consent", "consents", Treatment.KEPT, "user_id"),
                // A guardian's consent stays as the record of what was agreed, without the guardian's address.
                Holding.of("consent", "guardian-consents", Treatment.CLEARED, "user_id", "guardian_email"),
                Holding.of(
                        "guardian_consent_request",
                        "guardian-consent-requests",
                        Treatment.DELETED,
                        "user_id",
                        "guardian_email"),
                Holding.of("account_link", "email-links", Treatment.DELETED, "user_id", "email", "old_email"),
                Holding.of("app_user", "suspensions-decided", Treatment.KEPT, "suspended_by"),
                Holding.of("role_grant", "role-grants", Treatment.DELETED, "user_id"),
                Holding.of("role_grant", "role-grants-made", Treatment.KEPT, "granted_by"),
                Holding.of(
                        "organisation_application",
                        "organisation-applications",
                        Treatment.CLEARED,
                        "applicant_id",
                        "contact_email"),
                Holding.of(
                        "organisation_application", "organisation-applications-decided", Treatment.KEPT, "decided_by"),
                Holding.of("organisation", "organisation-contacts", Treatment.CLEARED, "contact_email"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("profile", PersonalData.query(jdbc, """
                        select id, email, display_name, roles, language, created_at, email_verified_at, suspended_at,
                            suspension_reason
                        from app_user where id = :person""", person));
        // Names and dates of tokens, never their hashes.
        export.kind("tokens", PersonalData.query(jdbc, """
                        select id, name, scopes, created_at, last_used_at, expires_at, revoked_at
                        from personal_access_token where user_id = :person order by created_at""", person));
        export.kind("memberships", PersonalData.query(jdbc, """
                        select o.id as organisation_id, o.name as organisation, o.kind as organisation_kind, m.role, m.joined_at
                        from membership m join organisation o on o.id = m.organisation_id
                        where m.user_id = :person order by m.joined_at""", person));
        export.kind("invitations", PersonalData.query(jdbc, """
                        select o.id as organisation_id, o.name as organisation, i.role, i.invited_at
                        from membership_invitation i join organisation o on o.id = i.organisation_id
                        where i.user_id = :person order by i.invited_at""", person));
        // Invitations the person sent as an organiser: what they did, not who the invited people are.
        export.kind("invitations-sent", PersonalData.query(jdbc, """
                        select o.id as organisation_id, o.name as organisation, i.role, i.invited_at
                        from membership_invitation i join organisation o on o.id = i.organisation_id
                        where i.invited_by = :person order by i.invited_at""", person));
        export.kind(
                "consents",
                PersonalData.query(
                        jdbc,
                        "select kind, version, accepted_at, how from consent where user_id = :person and kind = 'PRIVACY_NOTICE' order by accepted_at",
                        person));
        export.kind("guardian-consents", PersonalData.query(jdbc, """
                        select version, accepted_at, how, guardian_email from consent
                        where user_id = :person and kind = 'GUARDIAN' order by accepted_at""", person));
        export.kind("guardian-consent-requests", PersonalData.query(jdbc, """
                        select guardian_email, requested_at, last_sent_at from guardian_consent_request
                        where user_id = :person""", person));
        // The single-use links mailed to the person: what for, to which address and when — never their secrets.
        export.kind("email-links", PersonalData.query(jdbc, """
                        select purpose, email, old_email, created_at, expires_at, used_at
                        from account_link where user_id = :person order by created_at""", person));
        // Suspensions the person decided as an administrator: when, not whom.
        export.kind(
                "suspensions-decided",
                PersonalData.query(
                        jdbc,
                        "select suspended_at from app_user where suspended_by = :person order by suspended_at",
                        person));
        export.kind("role-grants", PersonalData.query(jdbc, """
                        select role, scope_kind, scope_id, granted_at from role_grant
                        where user_id = :person order by granted_at""", person));
        export.kind("role-grants-made", PersonalData.query(jdbc, """
                        select role, scope_kind, scope_id, granted_at from role_grant
                        where granted_by = :person order by granted_at""", person));
        export.kind("organisation-applications", PersonalData.query(jdbc, """
                        select id, name, kind, description, website, contact_email, region, state, submitted_at, decided_at,
                            reason, organisation_id
                        from organisation_application where applicant_id = :person order by submitted_at""", person));
        export.kind("organisation-applications-decided", PersonalData.query(jdbc, """
                        select id, name, kind, state, decided_at, reason, organisation_id
                        from organisation_application where decided_by = :person order by decided_at""", person));
        export.kind(
                "organisation-contacts",
                PersonalData.query(
                        jdbc,
                        "select id, name, kind, contact_email from organisation where contact_email = :email order by name",
                        Map.of("email", export.email())));
    }

    @Override
    public void erase(Erasure erasure) {
        UUID person = erasure.person();
        jdbc.sql("delete from personal_access_token where user_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("delete from membership where user_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("delete from membership_invitation where user_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("delete from account_link where user_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("delete from guardian_consent_request where user_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("update consent set guardian_email = null where user_id = :person and guardian_email is not null")
                .param("person", person)
                .update();
        jdbc.sql("delete from role_grant where user_id = :person")
                .param("person", person)
                .update();
        // Open applications are withdrawn with the account; decided ones stay (an organisation was admitted or declined
        // on them) without the applicant's address.
        jdbc.sql("delete from organisation_application where applicant_id = :person and state = 'OPEN'")
                .param("person", person)
                .update();
        jdbc.sql("update organisation_application set contact_email = '' where applicant_id = :person")
                .param("person", person)
                .update();
        jdbc.sql("update organisation set contact_email = null where contact_email = :email")
                .param("email", erasure.email())
                .update();
        // A new credentials version ends every session of the person's on its next request.
        jdbc.sql("""
                        update app_user set email = 'deleted:' || id::text, display_name = :name, password_hash = :password,
                            roles = '', credentials_version = credentials_version + 1, deleted_at = :at
                        where id = :person""")
                .param("name", DELETED_NAME)
                .param("password", UNUSABLE_PASSWORD)
                .param("at", Timestamp.from(erasure.at()))
                .param("person", person)
                .update();
        changes.changed(person);
    }
}
