package org.lowcarbontogether.campaigns;

import java.time.LocalDate;
import org.lowcarbontogether.communities.Participation;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts a credited behaviour into each campaign its person has joined whose scope covers it (behaviour, period,
 * region). Restatements and reversals reach campaigns through {@link Participation}, like communities.
 */
@Component
class CampaignActivity {

    private final Campaigns campaigns;
    private final Participation participation;

    CampaignActivity(Campaigns campaigns, Participation participation) {
        this.campaigns = campaigns;
        this.participation = participation;
    }

    @ApplicationModuleListener
    void on(ReductionsCredited batch) {
        var joined = new HashMap<UUID, List<Campaigns.Campaign>>();
        for (ReductionCredited credited : batch.credits()) {
            LocalDate day = LocalDate.ofInstant(credited.occurredAt(), Participation.PROGRAMME_ZONE);
            var campaignsOfPerson = joined.computeIfAbsent(credited.userId(), user -> participation
                    .groupsOf(user, Participation.ScopeKind.CAMPAIGN).stream()
                    .flatMap(id -> campaigns.find(id).stream())
                    .toList());
            for (var campaign : campaignsOfPerson) {
                if (campaign.covers(credited.behaviour(), day, credited.region())) {
                    participation.count(Participation.Scope.campaign(campaign.id()), credited);
                }
            }
        }
    }
}
