package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * A reward redeemed by a participant: what it cost, its reference (shown at hand-over, and the verification code of
 * a certificate), the voucher code issued, or the donation made on the participant's behalf.
 */
public record Redemption(
        UUID id,
        UUID userId,
        UUID rewardId,
        Rewards.Kind kind,
        LocalizedText rewardName,
        long costPoints,
        Status status,
        String reference,
        String holderName,
        @Nullable String voucherCode,
        @Nullable BigDecimal donationAmount,
        @Nullable String donationRecipient,
        UUID pointsEntryId,
        @Nullable UUID refundEntryId,
        Instant createdAt,
        @Nullable Instant cancelledAt,
        @Nullable Long balanceAfter) {

    public enum Status {
        ISSUED,
        CANCELLED
    }
}
