package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A behaviour someone reports: what, how much, in which unit, when (and for how long) and where, how it is evidenced,
 * any inputs the behaviour's formula asks for (for example the kWh an electric car was charged with), and optionally
 * the real-world event it stands for ({@code externalRef}: a partner's order id, a ride file's hash, an event
 * check-in), which can be credited only once. Fields are nullable here so that every missing one is reported at once.
 */
public record RecordSubmission(
        @Nullable String behaviour,
        @Nullable BigDecimal quantity,
        @Nullable String unit,
        @Nullable OffsetDateTime occurredAt,
        @Nullable String region,
        @Nullable String evidence,
        @Nullable Map<String, BigDecimal> parameters,
        @Nullable Integer durationMinutes,
        @Nullable String externalRef) {

    public RecordSubmission(
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable OffsetDateTime occurredAt,
            @Nullable String region,
            @Nullable String evidence) {
        this(behaviour, quantity, unit, occurredAt, region, evidence, null, null, null);
    }

    public RecordSubmission(
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable OffsetDateTime occurredAt,
            @Nullable String region,
            @Nullable String evidence,
            @Nullable Map<String, BigDecimal> parameters) {
        this(behaviour, quantity, unit, occurredAt, region, evidence, parameters, null, null);
    }
}
