package org.lowcarbontogether.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pupils' accounts (the {@code schools} module's classes): an account without an email of its own — it is named
 * {@code pupil:<id>}, never an address, so nothing is ever mailed to it and nobody can sign in with it by email and
 * password (its password is random and never shown). Its guardian gives their own address on the class-code page and
 * accepts the privacy notice for the pupil there; the pupil then waits for the guardian's consent by the mailed link
 * ({@link GuardianConsents}) and nothing of theirs is recorded until then. The pupil signs in through the schools module
 * (class code and pupil code), which asks here for the signed-in person ({@link #signedIn}) or an API token
 * ({@link #token}). Export works as for anyone ({@link DataExport}); erasure is asked for by the pupil, their guardian
 * through the class's teacher, or the teacher ({@link #erase}).
 */
@Service
public class Pupils {

    /** How a pupil's account is named in the email column: never an address. */
    static final String PREFIX = "pupil:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Users users;
    private final Consents consents;
    private final GuardianConsents guardians;
    private final PasswordEncoder encoder;
    private final PersonalAccessTokens tokens;
    private final AccountDeletion deletion;
    private final java.time.Clock clock;
    private final AuditLog audit;

    Pupils(
            JdbcClient jdbc,
            Users users,
            Consents consents,
            GuardianConsents guardians,
            PasswordEncoder encoder,
            PersonalAccessTokens tokens,
            AccountDeletion deletion,
            java.time.Clock clock,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.consents = consents;
        this.guardians = guardians;
        this.encoder = encoder;
        this.tokens = tokens;
        this.deletion = deletion;
        this.clock = clock;
        this.audit = audit;
    }

    /** Whether an address stored for an account is a pupil's name rather than an address. */
    public static boolean isPupilName(String email) {
        return email.startsWith(PREFIX);
    }

    /**
     * Opens a pupil's account, in the caller's transaction: named by its nickname, written to (through the guardian) in
     * {@code language}, with the privacy notice accepted by the guardian on the class-code page, and waiting for the
     * guardian's consent by the link mailed to {@code guardianEmail}. 400 for a malformed guardian address.
     */
    @Transactional
    public UUID open(String nickname, @Nullable Locale locale, @Nullable String guardianEmail) {
        String guardian = checkedGuardian(guardianEmail);
        UUID id = insert(nickname, locale);
        String language = Registration.languageOf(locale);
        consents.record(id, Consents.How.GUARDIAN_CLASS_CODE);
        guardians.start(id, guardian, language, nickname);
        SecurityEvents.record("pupil-account-opened", id, "guardian-consent-pending");
        return id;
    }

    private static String checkedGuardian(@Nullable String guardianEmail) {
        String guardian = Registration.normalise(guardianEmail);
        if (guardian.isEmpty()) {
            throw Refusal.invalid(List.of(Violation.of("guardianEmail", "guardian-email-required")));
        }
        if (!Registration.wellFormed(guardian)) {
            throw Refusal.invalid(List.of(Violation.of("guardianEmail", "guardian-email-malformed")));
        }
        return guardian;
    }

    private UUID insert(String nickname, @Nullable Locale locale) {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        var user = new Users.User(
                id,
                PREFIX + id,
                nickname,
                Objects.requireNonNull(encoder.encode(Base64.getEncoder().encodeToString(secret))),
                EnumSet.of(Role.PARTICIPANT),
                clock.instant());
        String language = Registration.languageOf(locale);
        users.insert(user, language, true);
        jdbc.sql("update app_user set pupil = true where id = :id")
                .param("id", id)
                .update();
        return id;
    }

    /**
     * Opens a pupil's account whose guardian consented on a signed paper form the school keeps (entered by a teacher
     * of the class, who the schools module authorises): the privacy notice and the guardian's consent are recorded at
     * once, with the guardian's address, and the pupil does not wait. Audited with the teacher as the actor.
     */
    @Transactional
    public UUID openWithPaperConsent(
            String nickname, @Nullable Locale locale, @Nullable String guardianEmail, UUID enteredBy) {
        String guardian = checkedGuardian(guardianEmail);
        UUID id = insert(nickname, locale);
        consents.record(id, Consents.How.GUARDIAN_PAPER_FORM);
        consents.recordGuardian(id, guardian, Consents.How.GUARDIAN_PAPER_FORM);
        audit.record(
                enteredBy,
                AuditLog.Action.GUARDIAN_CONSENTED,
                null,
                AuditLog.Target.PERSON,
                id,
                Map.of("version", PrivacyNotice.VERSION, "how", Consents.How.GUARDIAN_PAPER_FORM.name()));
        return id;
    }

    /** Whether the account is a pupil's. */
    public boolean isPupil(UUID userId) {
        return !pupilsAmong(List.of(userId)).isEmpty();
    }

    /** Of these people, the pupils: one statement for a whole list (a leaderboard, a page of members). */
    public Set<UUID> pupilsAmong(Collection<UUID> people) {
        if (people.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from app_user where pupil and id = any(:ids)")
                .param("ids", people.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /** The pupil as a signed-in caller (for the session the schools module opens); 404 for anyone else. */
    public AuthenticatedUser signedIn(UUID pupil) {
        var user = users.findById(pupil)
                .filter(u -> isPupilName(u.email()) && !u.suspended())
                .orElseThrow(() -> Refusal.notFound("not-found", null));
        SecurityEvents.record("pupil-signed-in", pupil, "class-code");
        return new AuthenticatedUser(
                user.id(), user.email(), user.displayName(), user.roles(), null, user.credentialsVersion());
    }

    /** A personal access token for the pupil's own use of the API (recording from the app). */
    public PersonalAccessTokens.IssuedToken token(UUID pupil) {
        signedIn(pupil);
        return tokens.issue(pupil, "pupil");
    }

    /**
     * Deletes a pupil's account as a person's own deletion does (every module erases what it holds; the ledger and
     * records stay under the id), without a password: the schools module authorises who asks (the pupil, or a teacher
     * of their class for the guardian). 404 for an account that is not a pupil's.
     */
    @Transactional
    public void erase(UUID pupil) {
        if (!isPupil(pupil)) {
            throw Refusal.notFound("not-found", null);
        }
        deletion.erasePupil(pupil);
    }
}
