package org.lowcarbontogether.communities;

import java.util.ArrayList;
import java.util.List;
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
        var communities = participation.groupsOf(
                batch.credits().stream()
                        .map(ReductionCredited::userId)
                        .distinct()
                        .toList(),
                Participation.ScopeKind.COMMUNITY);
        var countings = new ArrayList<Participation.Counting>();
        for (ReductionCredited credited : batch.credits()) {
            for (var community : communities.getOrDefault(credited.userId(), List.of())) {
                countings.add(new Participation.Counting(Participation.Scope.community(community), credited));
            }
        }
        participation.count(countings);
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
