package org.lowcarbontogether.stories;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Pupils;
import org.lowcarbontogether.platform.Photos;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stories by participants and organisers, with photos. A story waits for moderation before anyone else sees it: the
 * organisers of the organisation it is linked to decide, or the platform's reviewers for a story linked to none.
 * Until then only its author and its moderators can open it; everyone else gets 404.
 */
@Service
public class Stories {

    /** The most photos a story has. */
    static final int MAX_PHOTOS = 4;

    public enum Status {
        SUBMITTED,
        PUBLISHED,
        REJECTED
    }

    /** Where a story belongs: the organisation whose organisers moderate it, and the community or campaign it tells of. */
    public record Link(
            @Nullable UUID organisationId,
            @Nullable UUID communityId,
            @Nullable UUID campaignId) {
        public static final Link NONE = new Link(null, null, null);
    }

    public record Story(
            UUID id,
            UUID authorId,
            String authorName,
            @Nullable UUID organisationId,
            @Nullable UUID communityId,
            @Nullable UUID campaignId,
            String title,
            String body,
            Status status,
            @Nullable String moderationNote,
            Instant createdAt,
            @Nullable Instant publishedAt,
            List<UUID> photoIds,
            long views,
            long shares) {

        public String excerpt() {
            return body.length() <= 240 ? body : body.substring(0, 237).strip() + "…";
        }
    }

    public record StoredPhoto(String contentType, byte[] bytes, String sha256) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final ApplicationEventPublisher events;
    private final Pupils pupils;

    Stories(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            ApplicationEventPublisher events,
            Pupils pupils) {
        this.pupils = pupils;
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.events = events;
    }

    /**
     * Submits a story for moderation. The caller has already checked that the author may post to the linked community
     * or campaign; every photo is checked and re-encoded here.
     */
    @Transactional
    public Story submit(Actor author, @Nullable String title, @Nullable String body, Link link, List<byte[]> photos) {
        // Pupils write no free text that others see.
        if (pupils.isPupil(author.id())) {
            throw Refusal.forbidden("not-for-pupils", null);
        }
        var violations = new ArrayList<Violation>();
        String cleanTitle = title == null ? "" : title.strip();
        String cleanBody = body == null ? "" : body.strip();
        if (cleanTitle.length() < 3 || cleanTitle.length() > 140) {
            violations.add(Violation.of("title", "text-length", 3, 140));
        }
        if (cleanBody.length() < 10 || cleanBody.length() > 10_000) {
            violations.add(Violation.of("body", "text-length", 10, 10_000));
        }
        if (photos.size() > MAX_PHOTOS) {
            violations.add(Violation.of("photos", "photo-count", MAX_PHOTOS));
        }
        var processed = new ArrayList<Photos.Processed>();
        for (int i = 0; i < photos.size() && i < MAX_PHOTOS; i++) {
            try {
                processed.add(Photos.process(photos.get(i), "photos[" + i + "]"));
            } catch (Refusal e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    "invalid-story",
                    violations,
                    Map.of(),
                    String.join(", ", violations.stream().map(Violation::field).toList()));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into story (id, author_id, organisation_id, community_id, campaign_id, title, body, status, created_at)
                        values (:id, :author, :org, :community, :campaign, :title, :body, 'SUBMITTED', :now)""")
                .param("id", id)
                .param("author", author.id())
                .param("org", link.organisationId())
                .param("community", link.communityId())
                .param("campaign", link.campaignId())
                .param("title", cleanTitle)
                .param("body", cleanBody)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        for (var photo : processed) {
            store(id, photo);
        }
        return find(id).orElseThrow();
    }

    /** Adds a photo to a story still waiting for moderation, by its author. */
    @Transactional
    public Story addPhoto(Actor author, UUID storyId, byte[] upload) {
        Story story = visible(author, storyId);
        if (!story.authorId().equals(author.id())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        if (story.status() != Status.SUBMITTED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "story-not-submitted", "id", storyId);
        }
        if (story.photoIds().size() >= MAX_PHOTOS) {
            throw Refusal.unacceptable("photo-count", "photo", MAX_PHOTOS);
        }
        store(storyId, Photos.process(upload, "photo"));
        return find(storyId).orElseThrow();
    }

    private void store(UUID storyId, Photos.Processed photo) {
        jdbc.sql("""
                        insert into story_photo (id, story_id, position, content_type, width, height, bytes, sha256)
                        values (:id, :story, (select count(*) from story_photo where story_id = :story), :type, :width, :height,
                            :bytes, :sha)""")
                .param("id", UUID.randomUUID())
                .param("story", storyId)
                .param("type", photo.contentType())
                .param("width", photo.width())
                .param("height", photo.height())
                .param("bytes", photo.bytes())
                .param("sha", photo.sha256())
                .update();
    }

    public Optional<Story> find(UUID id) {
        return jdbc.sql(SELECT + " where s.id = :id")
                .param("id", id)
                .query(this::story)
                .optional();
    }

    /** A story the viewer may open: published, or their own, or one they moderate; otherwise 404. */
    public Story visible(@Nullable Actor viewer, UUID id) {
        return find(id).filter(s -> s.status() == Status.PUBLISHED
                        || (viewer != null && (s.authorId().equals(viewer.id()) || mayModerate(viewer, s))))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "story-unknown", "id", id));
    }

    /** Who moderates a story: its organisation's organisers (reviewers for stories of no organisation) and administrators, never its author. */
    public boolean mayModerate(@Nullable Actor me, Story story) {
        if (me == null || story.authorId().equals(me.id())) {
            return false;
        }
        if (me.hasRole(Role.ADMIN)) {
            return true;
        }
        return story.organisationId() == null
                ? me.hasRole(Role.REVIEWER)
                : organisations.isOrganiser(me.id(), story.organisationId());
    }

    /** Published stories, newest first: all, or those of one community or campaign. */
    public List<Story> published(@Nullable UUID communityId, @Nullable UUID campaignId, int limit) {
        return jdbc.sql(SELECT + """
                         where s.status = 'PUBLISHED'
                          and (cast(:community as uuid) is null or s.community_id = :community)
                          and (cast(:campaign as uuid) is null or s.campaign_id = :campaign)
                        order by s.published_at desc limit :limit""")
                .param("community", communityId)
                .param("campaign", campaignId)
                .param("limit", limit)
                .query(this::story)
                .list();
    }

    public List<Story> by(UUID authorId) {
        return jdbc.sql(SELECT + " where s.author_id = :author order by s.created_at desc")
                .param("author", authorId)
                .query(this::story)
                .list();
    }

    /** The stories waiting for this moderator, oldest first. */
    public List<Story> queue(Actor me) {
        return jdbc.sql(SELECT + """
                         where s.status = 'SUBMITTED' and s.author_id <> :me and (:admin
                            or (s.organisation_id is null and :reviewer)
                            or s.organisation_id in (select organisation_id from membership where user_id = :me and role = 'ORGANISER'))
                        order by s.created_at""")
                .param("admin", me.hasRole(Role.ADMIN))
                .param("reviewer", me.hasRole(Role.REVIEWER))
                .param("me", me.id())
                .query(this::story)
                .list();
    }

    /** Publishes or rejects a story waiting for moderation; a rejection says why, to the author. */
    @Transactional
    public Story decide(Actor me, UUID id, boolean publish, @Nullable String note) {
        Story story = visible(me, id);
        if (story.authorId().equals(me.id())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "story-own", null);
        }
        if (!mayModerate(me, story)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        String reason = note == null || note.isBlank() ? null : note.strip();
        if (!publish && reason == null) {
            throw Refusal.invalid("story-reason-required", "note");
        }
        Instant now = clock.instant();
        int changed = jdbc.sql("""
                        update story set status = :status, moderated_by = :me, moderated_at = :now, moderation_note = :note,
                            published_at = case when cast(:publish as boolean) then cast(:now as timestamptz) end
                        where id = :id and status = 'SUBMITTED'""")
                .param("status", publish ? "PUBLISHED" : "REJECTED")
                .param("me", me.id())
                .param("now", Timestamp.from(now))
                .param("note", reason)
                .param("publish", publish)
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "story-not-submitted", "id", id);
        }
        if (publish) {
            events.publishEvent(new StoryPublished(id, story.authorId(), story.communityId(), story.campaignId(), now));
        }
        return find(id).orElseThrow();
    }

    /** A photo of a story the viewer may open. */
    public StoredPhoto photo(@Nullable Actor viewer, UUID storyId, UUID photoId) {
        visible(viewer, storyId);
        return jdbc.sql("select content_type, bytes, sha256 from story_photo where id = :photo and story_id = :story")
                .param("photo", photoId)
                .param("story", storyId)
                .query((rs, n) -> new StoredPhoto(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "story-unknown", "id", storyId));
    }

    private Story story(ResultSet rs, int row) throws SQLException {
        var photos = rs.getArray("photo_ids");
        return new Story(
                rs.getObject("id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("author_name"),
                rs.getObject("organisation_id", UUID.class),
                rs.getObject("community_id", UUID.class),
                rs.getObject("campaign_id", UUID.class),
                rs.getString("title"),
                rs.getString("body"),
                Status.valueOf(rs.getString("status")),
                rs.getString("moderation_note"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("published_at") == null
                        ? null
                        : rs.getTimestamp("published_at").toInstant(),
                photos == null
                        ? List.of()
                        : Arrays.stream((Object[]) photos.getArray())
                                .map(UUID.class::cast)
                                .toList(),
                rs.getLong("views"),
                rs.getLong("shares"));
    }

    private static final String SELECT = """
            select s.id, s.author_id, u.display_name as author_name, s.organisation_id, s.community_id, s.campaign_id, s.title,
                s.body, s.status, s.moderation_note, s.created_at, s.published_at,
                (select array_agg(p.id order by p.position) from story_photo p where p.story_id = s.id) as photo_ids,
                coalesce((select sum(r.views) from story_reach_daily r where r.story_id = s.id), 0) as views,
                coalesce((select sum(r.shares) from story_reach_daily r where r.story_id = s.id), 0) as shares
            from story s join app_user u on u.id = s.author_id""";
}
