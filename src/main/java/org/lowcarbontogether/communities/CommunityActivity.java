package org.lowcarbontogether.communities;

import org.lowcarbontogether.ledger.ReductionAdjusted;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts credited behaviours into the communities their person belongs to, and carries restatements and reversals
 * into every group (community or campaign) that counted the record. Asynchronous, retried from the event publication
 * registry; counting is idempotent per ledger entry.
 */
@Component
class CommunityActivity {

    private final Participation participation;

    CommunityActivity(Participation participation) {
        this.participation = participation;
    }

    @ApplicationModuleListener
    void on(ReductionsCredited batch) {
        var communities = new java.util.HashMap<java.util.UUID, java.util.List<java.util.UUID>>();
        for (ReductionCredited credited : batch.credits()) {
            var groups = communities.computeIfAbsent(credited.userId(),
                    user -> participation.groupsOf(user, Participation.ScopeKind.COMMUNITY));
            for (var community : groups) {
                participation.count(Participation.Scope.community(community), credited);
            }
        }
    }

    @ApplicationModuleListener
    void on(ReductionAdjusted adjusted) {
        participation.count(adjusted);
    }

    @ApplicationModuleListener
    void on(ReductionReversed reversed) {
        participation.count(reversed);
    }
}
