package org.lowcarbontogether.products;

/**
 * Where a product claim stands: SUBMITTED (waiting for a reviewer), IN_REVIEW (a reviewer took it), then VERIFIED,
 * NEEDS_CHANGES (back to the enterprise, which submits it again), DISPUTED (the reviewer, or an upheld challenge, found
 * it not substantiated) or REJECTED. EXPIRED is never stored: a verified claim past its certificate's end or its review's
 * validity reads as EXPIRED. Only VERIFIED, EXPIRED and DISPUTED claims are public. Labels are {@code
 * products.status.<name>}.
 */
public enum ClaimStatus {
    SUBMITTED,
    IN_REVIEW,
    VERIFIED,
    NEEDS_CHANGES,
    DISPUTED,
    REJECTED,
    EXPIRED;

    /** Whether a claim in this status is shown to the public. */
    public boolean isPublic() {
        return this == VERIFIED || this == EXPIRED || this == DISPUTED;
    }

    /** The decisions a reviewer may take on a claim in review. */
    public boolean isDecision() {
        return this == VERIFIED || this == NEEDS_CHANGES || this == DISPUTED || this == REJECTED;
    }
}
