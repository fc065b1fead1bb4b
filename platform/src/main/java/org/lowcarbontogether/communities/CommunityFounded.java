package org.lowcarbontogether.communities;

import java.util.UUID;

/** An organisation started a community. */
public record CommunityFounded(UUID communityId, UUID organisationId) {}
