package org.lowcarbontogether.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation of the authorisation server's signing keys ({@link SigningKeys}): on a schedule, once across instances — a
 * successor is made {@code rotate-after} after the current key began signing and published {@code publish-ahead} before
 * it signs — and on demand by a programme officer or an administrator, either the same way or at once (a key thought
 * exposed: partners whose cached JWK set lacks the new key fetch it again when a token names it). Every rotation is
 * audited; the keys it follows stay published until the tokens they signed have expired.
 */
@Service
public class PartnerSigningKeys {

    private static final Logger log = LoggerFactory.getLogger(PartnerSigningKeys.class);

    /** Where a key is in its life. */
    public enum State {
        /** Published, not yet signing. */
        NEXT,
        /** Signs every new token. */
        CURRENT,
        /** No longer signs; published until the tokens it signed have expired. */
        RETIRED
    }

    /** A published key (never its private part). */
    public record SigningKey(
            String kid,
            State state,
            Instant createdAt,
            Instant activatesAt,
            @Nullable Instant retiresAt) {}

    /** What an officer sees: the published keys, newest first, and how rotation is set. */
    public record Overview(
            List<SigningKey> keys, Duration rotateAfter, Duration publishAhead, Duration keepPublished) {}

    private final SigningKeys keys;
    private final SigningKeyProperties properties;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PartnerSigningKeys(
            SigningKeys keys,
            SigningKeyProperties properties,
            AuditLog audit,
            ClusterJobs jobs,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.keys = keys;
        this.properties = properties;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The published keys, newest first, for officers. */
    public Overview overview(Actor officer) {
        Partners.requireOfficer(officer);
        Instant now = clock.instant();
        String current = keys.currentKid();
        List<SigningKey> published = keys.published().reversed().stream()
                .map(k -> new SigningKey(
                        k.kid(),
                        k.kid().equals(current)
                                ? State.CURRENT
                                : k.activatesAt().isAfter(now) ? State.NEXT : State.RETIRED,
                        k.createdAt(),
                        k.activatesAt(),
                        k.retiresAt()))
                .toList();
        return new Overview(published, properties.rotateAfter(), properties.publishAhead(), properties.keepPublished());
    }

    /**
     * Makes a new signing key: published now and signing after {@code publish-ahead}, or {@code immediately}. A next
     * key not yet signing is replaced. Answers the new key.
     */
    public SigningKey rotate(Actor officer, boolean immediately) {
        Partners.requireOfficer(officer);
        var rotation = transaction.execute(status -> {
            Instant now = clock.instant();
            var made = keys.rotate(immediately ? now : now.plus(properties.publishAhead()));
            record(officer.id(), made, immediately ? "immediately" : "officer");
            return made;
        });
        if (rotation == null) {
            throw new IllegalStateException("The rotation answered nothing");
        }
        return new SigningKey(
                rotation.kid(),
                rotation.activatesAt().isAfter(clock.instant()) ? State.NEXT : State.CURRENT,
                clock.instant(),
                rotation.activatesAt(),
                null);
    }

    /**
     * Reads the keys once the platform has started: the first instance makes the first key, and encrypts the key V34
     * kept in plain text, rather than waiting for the first token.
     */
    @EventListener(ApplicationReadyEvent.class)
    void readKeys() {
        String kid = keys.currentKid();
        log.info("Partner tokens are signed with key {}", kid);
    }

    /** Looks whether a successor is due, once across instances ({@code lct.partners.signing-keys.check-cron}). */
    @Scheduled(cron = "${lct.partners.signing-keys.check-cron:0 7 * * * *}")
    void scheduled() {
        jobs.once("partner-signing-key-rotation", Duration.ofMinutes(10), this::rotateIfDue);
    }

    /** Makes the current key's successor when it is due, audited as the platform's own rotation. */
    SigningKeys.@Nullable Rotation rotateIfDue() {
        return transaction.execute(status -> {
            var made = keys.rotateIfDue();
            if (made != null) {
                log.info("Partner signing key {} made; it signs from {}", made.kid(), made.activatesAt());
                record(null, made, "schedule");
            }
            return made;
        });
    }

    private void record(@Nullable UUID actor, SigningKeys.Rotation rotation, String how) {
        var detail = new LinkedHashMap<String, String>();
        detail.put("kid", rotation.kid());
        detail.put("activatesAt", rotation.activatesAt().toString());
        detail.put("how", how);
        String previous = rotation.previousKid();
        if (previous != null) {
            detail.put("previousKid", previous);
        }
        if (rotation.replaced() > 0) {
            detail.put("replacedNext", Integer.toString(rotation.replaced()));
        }
        audit.record(
                actor,
                AuditLog.Action.PARTNER_SIGNING_KEY_ROTATED,
                null,
                AuditLog.Target.PARTNER_SIGNING_KEY,
                UUID.fromString(rotation.kid()),
                detail);
    }
}
