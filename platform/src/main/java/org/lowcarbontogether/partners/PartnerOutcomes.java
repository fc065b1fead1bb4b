package org.lowcarbontogether.partners;

import java.util.List;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.recording.RecordApproved;
import org.lowcarbontogether.recording.RecordRejected;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A partner's activity whose outcome changes after its answer: a held record a reviewer accepted is credited, one a
 * reviewer rejected is refused ({@code review-rejected}), a credited one reversed. Each change is stored and published (a {@link PartnerActivitiesDecided}).
 */
@Component
class PartnerOutcomes {

    private final ActivityLog log;

    PartnerOutcomes(ActivityLog log) {
        this.log = log;
    }

    /**
     * Credited after review. First credits are not announced here: their answer went back when they were sent, so the
     * bulk paths pay nothing for this.
     */
    @ApplicationModuleListener
    void on(RecordApproved approved) {
        if (EvidenceLevel.PARTNER_VERIFIED.name().equals(approved.evidence())) {
            log.changed(
                    List.of(approved.recordId()), PartnerActivities.Outcome.CREDITED, PartnerActivities.Outcome.HELD);
        }
    }

    @ApplicationModuleListener
    void on(ReductionReversed reversed) {
        if (EvidenceLevel.PARTNER_VERIFIED.name().equals(reversed.evidence())) {
            log.changed(List.of(reversed.recordId()), PartnerActivities.Outcome.REVERSED, null);
        }
    }

    /** Rejected by a reviewer: a held activity is refused, with the reason {@link #REVIEW_REJECTED}. */
    @ApplicationModuleListener
    void on(RecordRejected rejected) {
        if (EvidenceLevel.PARTNER_VERIFIED.name().equals(rejected.evidence())) {
            log.refusedAfterReview(rejected.recordId(), REVIEW_REJECTED);
        }
    }

    /** The reason code of an activity a reviewer rejected. */
    static final String REVIEW_REJECTED = "review-rejected";
}
