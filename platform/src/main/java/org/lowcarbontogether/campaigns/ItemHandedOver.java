package org.lowcarbontogether.campaigns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The receiver of a Green Graduation item confirmed they received it from its giver. */
public record ItemHandedOver(
        UUID itemId,
        UUID campaignId,
        UUID giverId,
        UUID receiverId,
        String category,
        BigDecimal weightKg,
        Instant handedOverAt) {}
