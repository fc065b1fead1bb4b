package org.lowcarbontogether.incentives;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.CampaignJoined;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.communities.CommunityJoined;
import org.lowcarbontogether.communities.CommunityLeft;
import org.lowcarbontogether.events.AttendeeCheckedIn;
import org.lowcarbontogether.stories.StoryPublished;
import org.lowcarbontogether.training.CourseCompleted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What the other modules announce and incentives needs: stories, event check-ins, community joins and completed
 * training courses (for badges),
 * current community membership (for rewards restricted to a community) and campaigns with their members (for
 * multipliers). Every handler is idempotent; membership keeps the newest event whatever order events arrive in.
 */
@Component
class Activity {

    private final JdbcClient jdbc;
    private final Points points;
    private final Badges badges;
    private final CampaignMultipliers campaigns;

    Activity(JdbcClient jdbc, Points points, Badges badges, CampaignMultipliers campaigns) {
        this.jdbc = jdbc;
        this.points = points;
        this.badges = badges;
        this.campaigns = campaigns;
    }

    @ApplicationModuleListener
    void on(StoryPublished published) {
        remember(published.authorId(), "STORY_PUBLISHED", published.storyId(), null, published.publishedAt());
    }

    @ApplicationModuleListener
    void on(AttendeeCheckedIn checkedIn) {
        remember(
                checkedIn.userId(),
                "EVENT_ATTENDED",
                checkedIn.eventId(),
                checkedIn.organisationId(),
                checkedIn.checkedInAt());
    }

    @ApplicationModuleListener
    void on(CourseCompleted completed) {
        remember(
                completed.userId(),
                "COURSE_COMPLETED",
                completed.courseId(),
                completed.organisationId(),
                completed.completedAt());
    }

    @ApplicationModuleListener
    void on(CommunityJoined joined) {
        membership(joined.userId(), joined.communityId(), joined.organisationId(), true, joined.joinedAt());
        remember(joined.userId(), "COMMUNITY_JOINED", joined.communityId(), joined.organisationId(), joined.joinedAt());
    }

    @ApplicationModuleListener
    void on(CommunityLeft left) {
        membership(left.userId(), left.communityId(), left.organisationId(), false, left.leftAt());
    }

    @ApplicationModuleListener
    void on(CampaignLaunched launched) {
        campaigns.launched(launched);
    }

    @ApplicationModuleListener
    void on(CampaignJoined joined) {
        campaigns.joined(joined);
    }

    private void remember(UUID userId, String kind, UUID sourceId, @Nullable UUID organisationId, Instant at) {
        // Listeners run in parallel: without the person's lock, ten check-ins committing together could each count
        // fewer than ten and the badge would never be awarded. Holding it, each evaluation sees all earlier ones.
        points.lock(userId);
        int fresh = jdbc.sql("""
                        insert into incentive_activity (user_id, kind, source_id, organisation_id, occurred_at)
                        values (:user, :kind, :source, :org, :at) on conflict do nothing""")
                .param("user", userId)
                .param("kind", kind)
                .param("source", sourceId)
                .param("org", organisationId)
                .param("at", Timestamp.from(at))
                .update();
        if (fresh > 0) {
            badges.evaluate(userId);
        }
    }

    private void membership(UUID userId, UUID communityId, UUID organisationId, boolean member, Instant at) {
        jdbc.sql("""
                        insert into incentive_community_member (user_id, community_id, organisation_id, member, changed_at)
                        values (:user, :community, :org, :member, :at)
                        on conflict (user_id, community_id) do update set member = excluded.member, changed_at = excluded.changed_at
                        where incentive_community_member.changed_at < excluded.changed_at""")
                .param("user", userId)
                .param("community", communityId)
                .param("org", organisationId)
                .param("member", member)
                .param("at", Timestamp.from(at))
                .update();
    }
}
