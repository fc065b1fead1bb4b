package org.lowcarbontogether.campaigns;

import java.time.LocalDate;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.ledger.ReductionCredited;
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
    void on(ReductionCredited credited) {
        LocalDate day = LocalDate.ofInstant(credited.occurredAt(), Participation.PROGRAMME_ZONE);
        for (var id : participation.groupsOf(credited.userId(), Participation.ScopeKind.CAMPAIGN)) {
            campaigns.find(id)
                    .filter(c -> c.covers(credited.behaviour(), day, credited.region()))
                    .ifPresent(c -> participation.count(Participation.Scope.campaign(id), credited));
        }
    }
}
