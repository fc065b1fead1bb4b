package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the platform answers for a record: its {@link RecordStatus} (CREDITED; FLAGGED — held for a reviewer, not credited yet;
 * REJECTED), the reasons of the plausibility rules, the calculated reduction and where it came from, and the ledger
 * entry when credited.
 */
public record RecordReceipt(
        UUID id,
        RecordStatus status,
        String behaviour,
        BigDecimal quantity,
        String unit,
        OffsetDateTime occurredAt,
        @Nullable String region,
        String evidence,
        long reductionGrams,
        long baselineGrams,
        long projectGrams,
        Uncertainty uncertainty,
        MethodologyRef methodology,
        List<FactorRef> factors,
        @Nullable UUID ledgerEntryId,
        List<String> reasons,
        String rulesVersion,
        @Nullable String externalRef) {

    public record MethodologyRef(String code, String version) {}

    public record Uncertainty(long lowGrams, long highGrams) {}

    public record FactorRef(
            String id,
            BigDecimal value,
            String unit,
            String region,
            int year,
            String source,
            @Nullable String sourceUrl) {}
}
