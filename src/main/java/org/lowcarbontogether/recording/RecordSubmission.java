package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A behaviour someone reports: what, how much, in which unit, when and where, and how it is evidenced. Fields are
 * nullable here so that every missing one can be reported at once.
 */
public record RecordSubmission(
        @Nullable String behaviour,
        @Nullable BigDecimal quantity,
        @Nullable String unit,
        @Nullable OffsetDateTime occurredAt,
        @Nullable String region,
        @Nullable String evidence) {}
