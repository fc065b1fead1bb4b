package org.lowcarbontogether.campaigns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.lowcarbontogether.shared.ProgrammeCalendar;
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
        var joined = campaigns.joinedBy(batch.credits().stream()
                .map(ReductionCredited::userId)
                .distinct()
                .toList());
        var countings = new ArrayList<Participation.Counting>();
        for (ReductionCredited credited : batch.credits()) {
            LocalDate day = LocalDate.ofInstant(credited.occurredAt(), ProgrammeCalendar.ZONE);
            for (var campaign : joined.getOrDefault(credited.userId(), List.of())) {
                if (campaign.covers(credited.behaviour(), day, credited.region())) {
                    countings.add(new Participation.Counting(Participation.Scope.campaign(campaign.id()), credited));
                }
            }
        }
        participation.count(countings);
    }
}
