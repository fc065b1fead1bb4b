package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The retry schedule: the specification's, stretched to about three days, with jitter and Retry-After. */
class WebhookPropertiesTests {

    private static WebhookProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("lct.webhooks", WebhookProperties.class);
    }

    @Test
    void theDefaultScheduleRetriesForAboutThreeDays() {
        var properties = bind(Map.of());

        assertThat(properties.retrySchedule())
                .startsWith(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2))
                .hasSize(10);
        assertThat(properties.retryWindow()).isEqualTo(Duration.parse("PT71H35M5S"));
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.allowPrivateAddresses()).isFalse();
    }

    @Test
    void theScheduleIsAListInProperties() {
        var properties = bind(Map.of("lct.webhooks.retry-schedule", "PT1S,PT1M"));

        assertThat(properties.retrySchedule()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(properties.retryWindow()).isEqualTo(Duration.ofSeconds(61));
        assertThatThrownBy(() -> bind(Map.of("lct.webhooks.retry-schedule", "PT1S,PT0S")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void waitsAreTheSchedulesMadeUpToTheJitterLongerOrWhatTheReceiverAsked() {
        var properties = bind(Map.of("lct.webhooks.jitter", "0.1"));

        assertThat(properties.wait(0, null, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.wait(0, null, 1)).isEqualTo(Duration.ofMillis(5500));
        assertThat(properties.wait(2, null, 0.5))
                .isEqualTo(Duration.ofMinutes(30).plusSeconds(90));
        assertThat(properties.wait(0, Duration.ofMinutes(2), 0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.wait(1, Duration.ofSeconds(1), 0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.wait(0, Duration.ofDays(30), 0)).isEqualTo(Duration.ofHours(16));
    }
}
