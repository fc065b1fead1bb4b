package org.lowcarbontogether.stories;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A story passed moderation and is public. Published once per story. */
public record StoryPublished(
        UUID storyId,
        UUID authorId,
        @Nullable UUID communityId,
        @Nullable UUID campaignId,
        Instant publishedAt) {}
