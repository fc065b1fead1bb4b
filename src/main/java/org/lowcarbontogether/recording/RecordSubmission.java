package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A behaviour someone reports: what, how much, in which unit, when and where, how it is evidenced, and any inputs the
 * behaviour's formula asks for (for example the kWh an electric car was charged with). Fields are nullable here so
 * that every missing one can be reported at once.
 */
public record RecordSubmission(
        @Nullable String behaviour,
        @Nullable BigDecimal quantity,
        @Nullable String unit,
        @Nullable OffsetDateTime occurredAt,
        @Nullable String region,
        @Nullable String evidence,
        @Nullable Map<String, BigDecimal> parameters) {

    public RecordSubmission(@Nullable String behaviour, @Nullable BigDecimal quantity, @Nullable String unit,
            @Nullable OffsetDateTime occurredAt, @Nullable String region, @Nullable String evidence) {
        this(behaviour, quantity, unit, occurredAt, region, evidence, null);
    }
}
