package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class IdempotencyTests {

    @Test
    void acceptsKeysOfEnoughPrintableCharacters() {
        assertThatCode(() -> Idempotency.checkKey("3f0c2b9e-8d1a-4c55-9b7e-2f6a1d0c9e11"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Idempotency.checkKey("order:2026-11-28:000123")).doesNotThrowAnyException();
    }

    @Test
    void refusesShortLongBlankOrNonAsciiKeys() {
        for (String key : new String[] {"", "abc", "1234567", "x".repeat(256), "has space inside", "钥匙钥匙钥匙钥匙钥匙"}) {
            assertThatThrownBy(() -> Idempotency.checkKey(key))
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                    .isEqualTo("invalid-idempotency-key"));
        }
    }

    @Test
    void keysMustBeKeptAtLeastADay() {
        assertThatThrownBy(() -> new Idempotency(
                        JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource()),
                        JsonMapper.builder().build(),
                        Clock.systemUTC(),
                        new ClusterJobs(new org.springframework.jdbc.datasource.SimpleDriverDataSource()),
                        Duration.ofHours(23)))
                .hasMessageContaining("at least 24 hours");
    }
}
