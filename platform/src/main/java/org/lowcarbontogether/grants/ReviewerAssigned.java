package org.lowcarbontogether.grants;

import java.time.Instant;
import java.util.UUID;

/** An officer asked a reviewer to review an application; published once per reviewer and application. */
public record ReviewerAssigned(
        UUID applicationId, UUID reviewerId, String applicationTitle, String callTitle, Instant assignedAt) {}
