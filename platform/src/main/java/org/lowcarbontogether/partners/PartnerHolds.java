package org.lowcarbontogether.partners;

import java.util.UUID;
import org.lowcarbontogether.recording.ClaimantHold;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;

/**
 * A suspended partner's unsettled records wait: while it is suspended, a reviewer's approval of a record it sent (its
 * id is the claimant of the record's claims) is refused with {@code partner-suspended}, and the record stays held
 * until an officer reactivates the partner. Rejecting is still possible.
 */
@Component
class PartnerHolds implements ClaimantHold {

    private final Partners partners;

    PartnerHolds(Partners partners) {
        this.partners = partners;
    }

    @Override
    public void beforeApproval(String claimant) {
        UUID partnerId;
        try {
            partnerId = UUID.fromString(claimant);
        } catch (IllegalArgumentException e) {
            return;
        }
        partners.find(partnerId).filter(p -> !p.active()).ifPresent(p -> {
            throw Refusal.conflict("partner-suspended", "recordId", p.nameEn());
        });
    }
}
