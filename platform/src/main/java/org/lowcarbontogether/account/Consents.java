package org.lowcarbontogether.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people agreed to: each acceptance of the privacy notice, with the version shown, when and how. Registering
 * accepts the current version; when {@link PrivacyNotice#VERSION} changes, pages ask again until the person accepts.
 */
@Service
public class Consents {

    /** What was accepted. */
    public enum Kind {
        PRIVACY_NOTICE,
        /** A guardian's consent for a person under 14, given through the link mailed to the guardian. */
        GUARDIAN
    }

    /** How it was accepted: registering (by the service, the page or the API), or asked again (page or API). */
    public enum How {
        REGISTRATION,
        REGISTRATION_PAGE,
        REGISTRATION_API,
        CONSENT_PAGE,
        CONSENT_API,
        /** By the guardian, following the link mailed to their address. */
        GUARDIAN_EMAIL,
        /** By a pupil's guardian, for the pupil, on a class's join page (the {@code schools} module). */
        GUARDIAN_CLASS_CODE,
        /**
         * By a pupil's guardian on a signed paper form the school keeps, entered by a teacher of the class (the
         * {@code schools} module), with the guardian's address.
         */
        GUARDIAN_PAPER_FORM
    }

    /** One acceptance; a guardian's names the guardian's address (until the account is deleted). */
    public record Consent(
            Kind kind,
            String version,
            Instant acceptedAt,
            How how,
            @Nullable String guardianEmail) {

        /** Whether it is of the notice's current version. */
        public boolean current() {
            return version.equals(PrivacyNotice.VERSION);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    /** People known to have accepted the current version (only that is remembered: it cannot become untrue). */
    private final Cache<UUID, Boolean> accepted = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    Consents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that a person accepted the current privacy notice. */
    void record(UUID userId, How how) {
        jdbc.sql("""
                        insert into consent (id, user_id, kind, version, accepted_at, how)
                        values (:id, :user, :kind, :version, :at, :how)""")
                .param("id", UUID.randomUUID())
                .param("user", userId)
                .param("kind", Kind.PRIVACY_NOTICE.name())
                .param("version", PrivacyNotice.VERSION)
                .param("at", Timestamp.from(clock.instant()))
                .param("how", how.name())
                .update();
    }

    /**
     * Records that a guardian consented, for the person under 14, to the current privacy notice (the version the
     * guardian's page showed), with the guardian's address.
     */
    void recordGuardian(UUID userId, String guardianEmail) {
        recordGuardian(userId, guardianEmail, How.GUARDIAN_EMAIL);
    }

    /** Records a guardian's consent given in the way {@code how} says (the mailed link, a paper form). */
    void recordGuardian(UUID userId, String guardianEmail, How how) {
        jdbc.sql("""
                        insert into consent (id, user_id, kind, version, accepted_at, how, guardian_email)
                        values (:id, :user, 'GUARDIAN', :version, :at, :how, :guardian)""")
                .param("how", how.name())
                .param("id", UUID.randomUUID())
                .param("user", userId)
                .param("version", PrivacyNotice.VERSION)
                .param("at", Timestamp.from(clock.instant()))
                .param("guardian", guardianEmail)
                .update();
    }

    /** The person accepts the current privacy notice (once: accepting it again changes nothing). */
    @Transactional
    public Consent accept(Actor me, How how) {
        var latest = latest(me.id());
        if (latest.isPresent() && latest.get().current()) {
            return latest.get();
        }
        record(me.id(), how);
        accepted.put(me.id(), true);
        return latest(me.id()).orElseThrow();
    }

    /** Whether the person has accepted the notice's current version. */
    public boolean hasAcceptedCurrent(UUID userId) {
        if (accepted.getIfPresent(userId) != null) {
            return true;
        }
        boolean current = latest(userId).map(Consent::current).orElse(false);
        if (current) {
            accepted.put(userId, true);
        }
        return current;
    }

    /** The person's latest acceptance of the privacy notice, if any. */
    public Optional<Consent> latest(UUID userId) {
        return of(userId).stream().filter(c -> c.kind() == Kind.PRIVACY_NOTICE).findFirst();
    }

    /** Every acceptance of the person's, newest first. */
    public List<Consent> of(UUID userId) {
        return jdbc.sql("""
                        select kind, version, accepted_at, how, guardian_email from consent where user_id = :user
                        order by accepted_at desc, id""")
                .param("user", userId)
                .query((rs, n) -> new Consent(
                        Kind.valueOf(rs.getString("kind")),
                        rs.getString("version"),
                        rs.getTimestamp("accepted_at").toInstant(),
                        How.valueOf(rs.getString("how")),
                        rs.getString("guardian_email")))
                .list();
    }
}
