package org.lowcarbontogether.campaigns;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person joined a campaign, possibly in a team. */
public record CampaignJoined(
        UUID campaignId, UUID userId, @Nullable UUID teamId, Instant joinedAt) {}
