package org.lowcarbontogether.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A guardian's consent for a person under 14 (China's Personal Information Protection Law, article 31: processing
 * the personal information of a minor under 14 needs the consent of a parent or guardian). Someone who registers as
 * under 14 names a guardian's address; the account exists and can sign in, but is <em>pending</em> — nothing of theirs
 * is recorded ({@link #requireConsented}, {@link #pendingAmong}) — until the guardian follows the link mailed to them
 * (7 days, single use) and consents: a {@code GUARDIAN} consent is kept with the guardian's address. If the guardian
 * refuses, the account is deleted ({@link AccountDeletion}); nothing was recorded for it.
 * <p>
 * Pending people are the rows of {@code guardian_consent_request}, which holds nobody else, so the record path asks
 * about a whole group of people with one indexed lookup.
 */
@Service
public class GuardianConsents {

    /** A person's wait for their guardian: the address the link went to, and when it was first and last sent. */
    public record Pending(String guardianEmail, Instant requestedAt, Instant lastSentAt) {}

    /** What the guardian's link shows: the person's display name, the address it was sent to, and until when it works. */
    public record Request(String childName, String guardianEmail, Instant expiresAt) {}

    /** What the guardian decided. */
    public enum Decision {
        CONSENTED,
        REFUSED
    }

    private final JdbcClient jdbc;
    private final AccountLinks links;
    private final AccountMail mail;
    private final LinkBudgets budgets;
    private final AccountLinkProperties properties;
    private final Consents consents;
    private final Users users;
    private final AuditLog audit;
    private final ObjectProvider<AccountDeletion> deletion;
    private final Clock clock;

    GuardianConsents(
            JdbcClient jdbc,
            AccountLinks links,
            AccountMail mail,
            LinkBudgets budgets,
            AccountLinkProperties properties,
            Consents consents,
            Users users,
            AuditLog audit,
            ObjectProvider<AccountDeletion> deletion,
            Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.mail = mail;
        this.budgets = budgets;
        this.properties = properties;
        this.consents = consents;
        this.users = users;
        this.audit = audit;
        this.deletion = deletion;
        this.clock = clock;
    }

    /** Whether the person waits for their guardian's consent. */
    public boolean isPending(UUID userId) {
        return pending(userId).isPresent();
    }

    /** The person's wait for their guardian, if they are waiting. */
    public Optional<Pending> pending(UUID userId) {
        return jdbc.sql("""
                        select guardian_email, requested_at, last_sent_at from guardian_consent_request
                        where user_id = :user""")
                .param("user", userId)
                .query((rs, n) -> new Pending(
                        rs.getString("guardian_email"),
                        rs.getTimestamp("requested_at").toInstant(),
                        rs.getTimestamp("last_sent_at").toInstant()))
                .optional();
    }

    /**
     * Of these people, the ones still waiting for their guardian's consent: one statement for a whole group of records
     * (a primary-key lookup per person in a table holding only the people who wait), so the record path pays one small
     * query per group written, never one per record.
     */
    public Set<UUID> pendingAmong(Collection<UUID> people) {
        if (people.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select user_id from guardian_consent_request where user_id = any(:ids)")
                .param("ids", people.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /** Refuses (403 {@code guardian-consent-required}) anything recorded for a person whose guardian has not consented. */
    public void requireConsented(UUID userId) {
        if (isPending(userId)) {
            throw refusal();
        }
    }

    /** The refusal every record door gives a person waiting for their guardian. */
    public static Refusal refusal() {
        return Refusal.forbidden("guardian-consent-required", null);
    }

    /** Registration of a person under 14: they wait, and their guardian is mailed the link, in the person's language. */
    void start(UUID userId, String guardianEmail, String language, String name) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into guardian_consent_request (user_id, guardian_email, requested_at, last_sent_at)
                        values (:user, :guardian, :now, :now)""")
                .param("user", userId)
                .param("guardian", guardianEmail)
                .param("now", Timestamp.from(now))
                .update();
        send(userId, guardianEmail, language, name, now);
    }

    /**
     * Sends the guardian a new link (the earlier ones stop working), limited like the platform's other mailed links:
     * per person and per recipient address (429 {@code links-too-frequent}). 409 when nobody waits.
     */
    @Transactional
    public Pending resend(Actor me) {
        var waiting = pending(me.id()).orElseThrow(() -> Refusal.conflict("guardian-consent-not-pending", null));
        var user = users.findById(me.id()).orElseThrow(() -> Refusal.notFound("not-found", null));
        budgets.spendPerson(me.id());
        budgets.spendAddress(waiting.guardianEmail());
        Instant now = clock.instant();
        links.revoke(me.id(), AccountLinks.Purpose.GUARDIAN_CONSENT, now);
        jdbc.sql("update guardian_consent_request set last_sent_at = :now where user_id = :user")
                .param("now", Timestamp.from(now))
                .param("user", me.id())
                .update();
        send(me.id(), waiting.guardianEmail(), users.language(me.id()), user.displayName(), now);
        return new Pending(waiting.guardianEmail(), waiting.requestedAt(), now);
    }

    private void send(UUID userId, String guardianEmail, String language, String name, Instant now) {
        String token = links.issue(
                AccountLinks.Purpose.GUARDIAN_CONSENT, userId, guardianEmail, null, now, properties.guardianConsent());
        mail.guardianConsent(guardianEmail, language, name, token, properties.guardianConsent());
    }

    /**
     * What the guardian's link asks about, without using it; the refusal when it cannot be used: unknown (404), used
     * (409), expired (422), or decided already through another link (409 {@code guardian-consent-decided}).
     */
    public Request check(@Nullable String token) {
        var link = links.check(AccountLinks.Purpose.GUARDIAN_CONSENT, token, clock.instant());
        if (!isPending(link.userId())) {
            throw Refusal.conflict("guardian-consent-decided", null);
        }
        String name = users.findById(link.userId())
                .map(Users.User::displayName)
                .orElseThrow(() -> Refusal.notFound("link-unknown", null));
        return new Request(name, link.email(), link.expiresAt());
    }

    /**
     * The guardian decides, using the link once. Consenting keeps a {@code GUARDIAN} consent with the guardian's
     * address and ends the wait; refusing deletes the person's account. Both are audited (the person as the target,
     * no actor: the guardian has no account here). Returns the person's display name as it was.
     */
    @Transactional
    public String decide(@Nullable String token, Decision decision) {
        var link = links.use(AccountLinks.Purpose.GUARDIAN_CONSENT, token, clock.instant());
        // Ending the wait claims the decision: a second link of the same person (one resent) finds nothing to decide.
        var ended =
                jdbc.sql("""
                        delete from guardian_consent_request where user_id = :user returning guardian_email""").param("user", link.userId()).query(String.class).optional();
        if (ended.isEmpty()) {
            throw Refusal.conflict("guardian-consent-decided", null);
        }
        String name = users.findById(link.userId()).map(Users.User::displayName).orElse("");
        links.revoke(link.userId(), AccountLinks.Purpose.GUARDIAN_CONSENT, clock.instant());
        if (decision == Decision.CONSENTED) {
            consents.recordGuardian(link.userId(), ended.get());
            audit.record(
                    null,
                    AuditLog.Action.GUARDIAN_CONSENTED,
                    null,
                    AuditLog.Target.PERSON,
                    link.userId(),
                    Map.of("version", PrivacyNotice.VERSION));
        } else {
            audit.record(null, AuditLog.Action.GUARDIAN_REFUSED, null, AuditLog.Target.PERSON, link.userId(), Map.of());
            deletion.getObject().eraseRefusedByGuardian(link.userId());
        }
        return name;
    }
}
