package org.lowcarbontogether.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rotating screen code: valid while shown and for the next 30 seconds, then never again. */
class RotatingCodesTests {

    final UUID session = UUID.randomUUID();
    final String secret = "a secret never shown";
    final Instant shownAt = Instant.parse("2026-12-07T02:00:05Z");

    @Test
    void aCodeWorksWhileShownAndThirtySecondsMoreThenExpires() {
        var shown = RotatingCodes.shown(secret, session, shownAt);
        assertThat(shown.code()).matches("\\d{6}");
        assertThat(shown.changesAt()).isEqualTo(Instant.parse("2026-12-07T02:00:30Z"));

        assertThat(RotatingCodes.valid(secret, session, shown.code(), shownAt)).isTrue();
        assertThat(RotatingCodes.valid(secret, session, shown.code(), shownAt.plusSeconds(40)))
                .as("a slow typist in the next window still counts")
                .isTrue();
        assertThat(RotatingCodes.valid(secret, session, shown.code(), shownAt.plusSeconds(60)))
                .as("expired two windows later")
                .isFalse();
        assertThat(RotatingCodes.valid(secret, session, shown.code(), shownAt.minusSeconds(30)))
                .as("not valid before it is shown")
                .isFalse();
    }

    @Test
    void aCodeBelongsToItsSessionAndSecret() {
        String code = RotatingCodes.shown(secret, session, shownAt).code();
        assertThat(RotatingCodes.valid(secret, UUID.randomUUID(), code, shownAt))
                .isFalse();
        assertThat(RotatingCodes.valid("another secret", session, code, shownAt))
                .isFalse();
    }
}
