package org.lowcarbontogether.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisers' announcements to the people of a community or a campaign. Only organisers of the group's organisation
 * post them, at most {@code lct.notifications.announcements-per-day} (3) per group in any 24 hours. After the post
 * commits, each person taking part then gets it once, as they chose for the kind; the author does not.
 */
@Service
public class Announcements {

    /** Whom an announcement is for: a community's members or a campaign's participants. */
    public enum Audience {
        COMMUNITY,
        CAMPAIGN;

        Participation.Scope scope(UUID id) {
            return this == COMMUNITY ? Participation.Scope.community(id) : Participation.Scope.campaign(id);
        }

        NotificationKind kind() {
            return this == COMMUNITY ? NotificationKind.COMMUNITY_ANNOUNCEMENT : NotificationKind.CAMPAIGN_ANNOUNCEMENT;
        }

        /** The group's public page. */
        String page(UUID id) {
            return (this == COMMUNITY ? "/communities/" : "/campaigns/") + id;
        }

        /** The audience of a path segment ({@code communities}, {@code campaigns}). */
        public static Audience of(String segment) {
            return switch (segment.toLowerCase(Locale.ROOT)) {
                case "communities", "community" -> COMMUNITY;
                case "campaigns", "campaign" -> CAMPAIGN;
                default -> throw Refusal.notFound("not-found", null);
            };
        }
    }

    public record Announcement(
            UUID id,
            Audience audience,
            UUID scopeId,
            String groupName,
            UUID organisationId,
            String title,
            String body,
            Instant createdAt,
            @Nullable Integer recipients) {}

    static final int TITLE_MAX = 120;
    static final int BODY_MAX = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Participation participation;
    private final Delivery delivery;
    private final ApplicationEventPublisher events;
    private final int perDay;

    Announcements(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Communities communities,
            Campaigns campaigns,
            Participation participation,
            Delivery delivery,
            ApplicationEventPublisher events,
            @Value("${lct.notifications.announcements-per-day:3}") int perDay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.communities = communities;
        this.campaigns = campaigns;
        this.participation = participation;
        this.delivery = delivery;
        this.events = events;
        this.perDay = perDay;
    }

    /** An organiser of the group's organisation announces something to its people. */
    @Transactional
    public Announcement post(Actor me, Audience audience, UUID scopeId, @Nullable String title, @Nullable String body) {
        var group = organisedGroup(me, audience, scopeId);
        String heading = title == null ? "" : title.strip();
        String text = body == null ? "" : body.strip();
        var violations = new ArrayList<Violation>();
        if (heading.length() < 3 || heading.length() > TITLE_MAX) {
            violations.add(Violation.of("title", "text-length", 3, TITLE_MAX));
        }
        if (text.length() < 10 || text.length() > BODY_MAX) {
            violations.add(Violation.of("body", "text-length", 10, BODY_MAX));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        // One post at a time per group, so two at once cannot both slip under the limit.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:scope, 0))")
                .param("scope", "announcement:" + scopeId)
                .query((rs, n) -> 1)
                .single();
        Instant now = clock.instant();
        long recent = jdbc.sql("""
                        select count(*) from announcement
                        where scope_kind = :kind and scope_id = :scope and created_at > :since""")
                .param("kind", audience.name())
                .param("scope", scopeId)
                .param("since", Timestamp.from(now.minus(Duration.ofDays(1))))
                .query(Long.class)
                .single();
        if (recent >= perDay) {
            throw new Refusal(Refusal.Kind.TOO_FREQUENT, "announcement-too-frequent", null, perDay);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into announcement (id, scope_kind, scope_id, organisation_id, user_id, title, body, created_at)
                        values (:id, :kind, :scope, :org, :author, :title, :body, :now)""")
                .param("id", id)
                .param("kind", audience.name())
                .param("scope", scopeId)
                .param("org", group.organisationId())
                .param("author", me.id())
                .param("title", heading)
                .param("body", text)
                .param("now", Timestamp.from(now))
                .update();
        events.publishEvent(new AnnouncementPosted(id));
        return new Announcement(id, audience, scopeId, group.name(), group.organisationId(), heading, text, now, null);
    }

    /** A group's announcements, newest first, for its organisers. */
    @Transactional(readOnly = true)
    public List<Announcement> of(Actor me, Audience audience, UUID scopeId) {
        var group = organisedGroup(me, audience, scopeId);
        return jdbc.sql(SELECT + " where scope_kind = :kind and scope_id = :scope order by created_at desc limit 50")
                .param("kind", audience.name())
                .param("scope", scopeId)
                .query((rs, n) -> new Announcement(
                        rs.getObject("id", UUID.class),
                        audience,
                        scopeId,
                        group.name(),
                        group.organisationId(),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(),
                        (Integer) rs.getObject("recipients")))
                .list();
    }

    /** The name of a group the caller may announce to. */
    public String groupName(Actor me, Audience audience, UUID scopeId) {
        return organisedGroup(me, audience, scopeId).name();
    }

    /** Announcements to these groups since a moment, newest first: a digest's news. */
    @Transactional(readOnly = true)
    List<Announcement> since(Audience audience, Collection<UUID> scopeIds, Instant since, int limit) {
        if (scopeIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                         where scope_kind = :kind and scope_id = any(:scopes) and created_at >= :since
                        order by created_at desc limit :limit""")
                .param("kind", audience.name())
                .param("scopes", new SqlArrayValue("uuid", scopeIds.toArray()))
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, n) -> new Announcement(
                        rs.getObject("id", UUID.class),
                        audience,
                        rs.getObject("scope_id", UUID.class),
                        "",
                        rs.getObject("organisation_id", UUID.class),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant(),
                        (Integer) rs.getObject("recipients")))
                .list();
    }

    /**
     * Delivers a posted announcement to the group's people as they are now, each once (a redelivered event finds its
     * markers), in one transaction after the post committed.
     */
    @ApplicationModuleListener
    void on(AnnouncementPosted posted) {
        var row = jdbc.sql("""
                        select scope_kind, scope_id, user_id, title, body from announcement where id = :id""")
                .param("id", posted.announcementId())
                .query((rs, n) -> new Object[] {
                    Audience.valueOf(rs.getString(1)),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getString(4),
                    rs.getString(5)
                })
                .optional();
        if (row.isEmpty()) {
            return;
        }
        Audience audience = (Audience) row.get()[0];
        UUID scopeId = (UUID) row.get()[1];
        UUID author = (UUID) row.get()[2];
        String title = (String) row.get()[3];
        String body = (String) row.get()[4];
        String name = groupName(audience, scopeId);
        int delivered = 0;
        for (UUID person : participation.currentParticipants(audience.scope(scopeId))) {
            if (person.equals(author)) {
                continue;
            }
            var notice = new Notice(
                    person,
                    audience.kind(),
                    "announcement:" + posted.announcementId(),
                    "announcement",
                    List.of(name, title, body),
                    audience.page(scopeId));
            if (delivery.deliver(notice)) {
                delivered++;
            }
        }
        jdbc.sql("update announcement set recipients = coalesce(recipients, 0) + :n where id = :id")
                .param("n", delivered)
                .param("id", posted.announcementId())
                .update();
    }

    private record Group(String name, UUID organisationId) {}

    /** The group, when the caller organises its organisation: 404 for no such group, 403 for anyone else. */
    private Group organisedGroup(Actor me, Audience audience, UUID scopeId) {
        Group group = switch (audience) {
            case COMMUNITY -> {
                var community = communities.get(scopeId);
                yield new Group(community.name(), community.organisationId());
            }
            case CAMPAIGN -> {
                var campaign = campaigns.get(scopeId);
                yield new Group(campaign.name(), campaign.organisationId());
            }
        };
        if (!organisations.isOrganiser(me.id(), group.organisationId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        return group;
    }

    private String groupName(Audience audience, UUID scopeId) {
        return switch (audience) {
            case COMMUNITY ->
                communities.find(scopeId).map(Communities.Community::name).orElse("");
            case CAMPAIGN ->
                campaigns.find(scopeId).map(Campaigns.Campaign::name).orElse("");
        };
    }

    private static final String SELECT =
            "select id, scope_id, organisation_id, title, body, created_at, recipients from announcement";
}
