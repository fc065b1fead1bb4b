package org.lowcarbontogether.coalitions;

import java.util.LinkedHashSet;
import java.util.UUID;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.communities.CommunityFounded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A community or campaign started by a coalition or by one of its accepted members joins the coalition's pool (and the
 * member's share) when it starts, so every month a release publishes already counts it.
 */
@Component
class CoalitionGroups {

    private final Coalitions coalitions;
    private final CoalitionPool pool;

    CoalitionGroups(Coalitions coalitions, CoalitionPool pool) {
        this.coalitions = coalitions;
        this.pool = pool;
    }

    @ApplicationModuleListener
    void on(CommunityFounded founded) {
        follow(founded.organisationId());
    }

    @ApplicationModuleListener
    void on(CampaignLaunched launched) {
        follow(launched.organisationId());
    }

    private void follow(UUID organisationId) {
        // The organisation may be a coalition itself, a member of some, or neither.
        var coalitionIds = new LinkedHashSet<UUID>();
        coalitionIds.add(organisationId);
        coalitions.ofOrganisation(organisationId).stream()
                .filter(Coalitions.Membership::accepted)
                .forEach(m -> coalitionIds.add(m.coalitionId()));
        for (UUID coalitionId : coalitionIds) {
            pool.sync(coalitionId, coalitions.accepted(coalitionId));
        }
    }
}
