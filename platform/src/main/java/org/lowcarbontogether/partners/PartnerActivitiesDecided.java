package org.lowcarbontogether.partners;

import java.util.List;

/**
 * Outcomes of partners' activities were decided, or changed later — one event for all the outcomes one request, one
 * message batch or one ledger event decided, so a 10,000-row upload is one event, not ten thousand.
 */
public record PartnerActivitiesDecided(List<PartnerActivityDecided> decisions) {

    public PartnerActivitiesDecided {
        decisions = List.copyOf(decisions);
    }
}
