package org.lowcarbontogether.campaigns;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A campaign was created (or its scope changed: the latest event for a campaign wins). {@code behaviours} empty means
 * every behaviour; {@code region} null means everywhere. Dates are inclusive, in Asia/Shanghai.
 */
public record CampaignLaunched(
        UUID campaignId,
        UUID organisationId,
        String name,
        List<String> behaviours,
        LocalDate startsOn,
        LocalDate endsOn,
        @Nullable String region) {}
