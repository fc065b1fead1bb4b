package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A rotated secret: the new one always, the previous one until the overlap ends and not a second later. */
class PartnerSecretsTests {

    /** A stand-in for the platform's Argon2id encoder: fast, and distinguishable. */
    static final PasswordEncoder PLAIN = new PasswordEncoder() {
        @Override
        public String encode(@Nullable CharSequence raw) {
            return "{plain}" + raw;
        }

        @Override
        public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
            return encoded != null && encoded.equals("{plain}" + raw);
        }
    };

    static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final PartnerSecrets secrets = new PartnerSecrets(PLAIN, clock);

    String encoded(String raw) {
        return java.util.Objects.requireNonNull(secrets.encode(raw));
    }

    @Test
    void thePreviousSecretWorksUntilTheOverlapEnds() {
        String rotated = secrets.rotate(encoded("new-secret"), encoded("old-secret"), NOW.plus(Duration.ofDays(7)));
        var encoder = secrets.encoder();

        assertThat(encoder.matches("new-secret", rotated)).isTrue();
        assertThat(encoder.matches("old-secret", rotated)).isTrue();
        assertThat(encoder.matches("guess", rotated)).isFalse();

        now.set(NOW.plus(Duration.ofDays(7)).minusSeconds(1));
        assertThat(encoder.matches("old-secret", rotated)).isTrue();
        now.set(NOW.plus(Duration.ofDays(7)));
        assertThat(encoder.matches("old-secret", rotated)).isFalse();
        assertThat(encoder.matches("new-secret", rotated)).isTrue();
    }

    @Test
    void aSecondRotationDropsTheOldestAndEndingTheOverlapKeepsOnlyTheNewest() {
        String two = secrets.rotate(encoded("two"), encoded("one"), NOW.plus(Duration.ofDays(7)));
        String three = secrets.rotate(encoded("three"), two, NOW.plus(Duration.ofDays(7)));
        var encoder = secrets.encoder();

        assertThat(encoder.matches("three", three)).isTrue();
        assertThat(encoder.matches("two", three)).isTrue();
        assertThat(encoder.matches("one", three)).isFalse();

        String ended = PartnerSecrets.current(three);
        assertThat(encoder.matches("three", ended)).isTrue();
        assertThat(encoder.matches("two", ended)).isFalse();
    }
}
