package org.lowcarbontogether.communities;

import java.time.Instant;
import java.util.UUID;

/** A person joined a community (or rejoined after leaving). */
public record CommunityJoined(UUID communityId, UUID organisationId, UUID userId, Instant joinedAt) {}
