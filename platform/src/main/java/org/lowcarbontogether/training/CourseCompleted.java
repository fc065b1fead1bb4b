package org.lowcarbontogether.training;

import java.time.Instant;
import java.util.UUID;

/** A trainee completed a course (and was given its certificate). */
public record CourseCompleted(UUID courseId, UUID organisationId, UUID userId, Instant completedAt) {}
