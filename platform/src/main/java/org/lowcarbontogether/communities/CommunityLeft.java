package org.lowcarbontogether.communities;

import java.time.Instant;
import java.util.UUID;

/** A person left a community. */
public record CommunityLeft(UUID communityId, UUID organisationId, UUID userId, Instant leftAt) {}
