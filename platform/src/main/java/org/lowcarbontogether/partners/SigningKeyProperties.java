package org.lowcarbontogether.partners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the authorisation server's signing keys are rotated ({@code lct.partners.signing-keys.*}).
 *
 * @param rotateAfter how long a key signs before its successor takes over
 * @param publishAhead how long a successor is published in the JWK set before it signs, so that partners and resource
 *     servers caching the set learn it first (at least a day is kind to them)
 * @param keepPublished how long a key stays published after it stops signing: at least the longest token lifetime
 *     (access tokens live 30 minutes) and {@code cacheFor}, so every token it signed can be verified until it expires
 * @param cacheFor how long an instance keeps the keys it read before reading them again (it also reads them when a
 *     key it knows starts signing or is retired, and when a token names a key it does not know)
 * @param checkCron when each instance looks whether a successor is due (the check runs once across instances)
 */
@ConfigurationProperties("lct.partners.signing-keys")
record SigningKeyProperties(
        @DefaultValue("P90D") Duration rotateAfter,
        @DefaultValue("P2D") Duration publishAhead,
        @DefaultValue("PT2H") Duration keepPublished,
        @DefaultValue("PT1M") Duration cacheFor,
        @DefaultValue("0 7 * * * *") String checkCron) {

    SigningKeyProperties {
        if (rotateAfter.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lct.partners.signing-keys.rotate-after must be at least a day");
        }
        if (publishAhead.isNegative() || publishAhead.compareTo(rotateAfter) >= 0) {
            throw new IllegalArgumentException(
                    "lct.partners.signing-keys.publish-ahead must be at least zero and shorter than rotate-after");
        }
        if (cacheFor.isNegative() || cacheFor.isZero() || cacheFor.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("lct.partners.signing-keys.cache-for must be between 0 and 10 minutes");
        }
        if (keepPublished.compareTo(PartnerClients.ACCESS_TOKEN_LIFETIME.plus(cacheFor)) < 0) {
            throw new IllegalArgumentException("lct.partners.signing-keys.keep-published must be at least the access"
                    + " token lifetime (" + PartnerClients.ACCESS_TOKEN_LIFETIME + ") plus cache-for");
        }
    }
}
