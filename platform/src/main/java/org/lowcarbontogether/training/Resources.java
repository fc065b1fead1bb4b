package org.lowcarbontogether.training;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resource library, the programme's knowledge products: guides, slides, videos (by link), case studies and
 * templates, each tagged by topic and audience, in English or Chinese, searchable, with a count of how often it was
 * opened. Programme officers and administrators publish directly; an organiser (a grantee) submits materials of their
 * organisation, which appear once an officer approves them.
 */
@Service
public class Resources {

    public enum Kind {
        GUIDE,
        SLIDES,
        VIDEO,
        CASE_STUDY,
        TEMPLATE
    }

    public enum Status {
        SUBMITTED,
        PUBLISHED,
        REJECTED
    }

    public record ResourceForm(
            @Nullable UUID organisationId,
            @Nullable String kind,
            @Nullable String title,
            @Nullable String summary,
            @Nullable String url,
            @Nullable String language,
            @Nullable String topics,
            @Nullable String audience) {}

    public record Resource(
            UUID id,
            @Nullable UUID organisationId,
            @Nullable String organisationName,
            Kind kind,
            String title,
            String summary,
            String url,
            String language,
            List<String> topics,
            Courses.Audience audience,
            Status status,
            Instant submittedAt,
            long downloads) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;

    Resources(JdbcClient jdbc, Clock clock, Organisations organisations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
    }

    static boolean isOfficer(Actor me) {
        return me.hasRole(Role.ADMIN) || me.hasRole(Role.PROGRAMME_OFFICER);
    }

    /** Adds a resource: published at once by an officer; submitted for review by an organiser of its organisation. */
    @Transactional
    public Resource submit(Actor me, ResourceForm form) {
        boolean officer = isOfficer(me);
        if (form.organisationId() != null) {
            organisations.requireOrganiser(me, form.organisationId());
        } else if (!officer) {
            throw Refusal.invalid(List.of(Violation.of("organisationId", "field-required", "organisationId")));
        }
        var violations = new ArrayList<Violation>();
        String title = form.title() == null ? "" : form.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            violations.add(Violation.of("title", "field-required", "title"));
        }
        String summary = form.summary() == null ? "" : form.summary().strip();
        if (summary.length() > 2000) {
            violations.add(Violation.of("summary", "course-text-too-long", 2000));
        }
        String url = form.url() == null ? "" : form.url().strip();
        if (url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://")) || url.contains(" ")) {
            violations.add(Violation.of("url", "course-link-invalid"));
        }
        String language = form.language() == null ? "" : form.language().strip();
        if (!language.equals("en") && !language.equals("zh-CN")) {
            violations.add(Violation.of("language", "course-language-unknown", language));
        }
        Kind kind = choice(Kind.class, form.kind(), "kind", violations);
        Courses.Audience audience = choice(Courses.Audience.class, form.audience(), "audience", violations);
        var topics = new LinkedHashSet<String>();
        for (String topic : (form.topics() == null ? "" : form.topics()).split("[,，;；]")) {
            String t = topic.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && t.length() <= 40 && topics.size() < 10) {
                topics.add(t);
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into training_resource (id, organisation_id, kind, title, summary, url, language, topics, audience,
                            status, submitted_by, reviewed_by, submitted_at, reviewed_at)
                        values (:id, :org, :kind, :title, :summary, :url, :language, :topics, :audience, :status, :by,
                            :reviewer, :now, :reviewed)""")
                .param("id", id)
                .param("org", form.organisationId())
                .param("kind", kind.name())
                .param("title", title)
                .param("summary", summary)
                .param("url", url)
                .param("language", language)
                .param("topics", new SqlArrayValue("text", topics.toArray()))
                .param("audience", audience.name())
                .param("status", officer ? Status.PUBLISHED.name() : Status.SUBMITTED.name())
                .param("by", me.id())
                .param("reviewer", officer ? me.id() : null)
                .param("now", now)
                .param("reviewed", officer ? now : null)
                .update();
        return get(id);
    }

    /** An officer publishes or rejects a submitted resource. */
    @Transactional
    public Resource review(Actor me, UUID id, boolean publish) {
        if (!isOfficer(me)) {
            throw Refusal.forbidden("forbidden", null);
        }
        int changed = jdbc.sql("""
                        update training_resource set status = :status, reviewed_by = :me, reviewed_at = :now
                        where id = :id and status = 'SUBMITTED'""")
                .param("status", publish ? Status.PUBLISHED.name() : Status.REJECTED.name())
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (changed == 0) {
            get(id);
            throw Refusal.conflict("resource-not-waiting", "id", id);
        }
        return get(id);
    }

    public Resource get(UUID id) {
        return jdbc.sql(SELECT + " where r.id = :id")
                .param("id", id)
                .query(Resources::resource)
                .optional()
                .orElseThrow(() -> Refusal.notFound("resource-unknown", "id", id));
    }

    /**
     * Published resources matching the words (in title, summary or topics, either language), and optionally a kind,
     * an audience and a language; most opened first.
     */
    public List<Resource> search(
            @Nullable String text,
            @Nullable Kind kind,
            Courses.@Nullable Audience audience,
            @Nullable String language) {
        String words = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(SELECT + " " + """
                         where r.status = 'PUBLISHED'
                           and (:words = '' or lower(r.title) like :pattern or lower(r.summary) like :pattern
                                or array_to_string(r.topics, ' ') like :pattern)
                           and (cast(:kind as text) is null or r.kind = :kind)
                           and (cast(:audience as text) is null or r.audience = :audience)
                           and (cast(:language as text) is null or r.language = :language)
                         order by r.downloads desc, r.submitted_at desc limit 200""")
                .param("words", words)
                .param("pattern", pattern)
                .param("kind", kind == null ? null : kind.name())
                .param("audience", audience == null ? null : audience.name())
                .param("language", language == null || language.isBlank() ? null : language)
                .query(Resources::resource)
                .list();
    }

    /** Submissions waiting for an officer's review, oldest first. */
    public List<Resource> waiting(Actor me) {
        if (!isOfficer(me)) {
            throw Refusal.forbidden("forbidden", null);
        }
        return jdbc.sql(SELECT + " where r.status = 'SUBMITTED' order by r.submitted_at")
                .query(Resources::resource)
                .list();
    }

    /** Counts an opening of a published resource and gives its address. */
    @Transactional
    public String open(UUID id) {
        return jdbc.sql("""
                        update training_resource set downloads = downloads + 1
                        where id = :id and status = 'PUBLISHED' returning url""")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("resource-unknown", "id", id));
    }

    private static <E extends Enum<E>> E choice(
            Class<E> type, @Nullable String value, String field, List<Violation> violations) {
        for (E e : type.getEnumConstants()) {
            if (value != null && e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        violations.add(Violation.of(field, "course-choice-unknown", value == null ? "" : value));
        return type.getEnumConstants()[0];
    }

    private static Resource resource(ResultSet rs, int n) throws SQLException {
        Array topics = rs.getArray(9);
        return new Resource(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                Kind.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                topics == null ? List.of() : Arrays.asList((String[]) topics.getArray()),
                Courses.Audience.valueOf(rs.getString(10)),
                Status.valueOf(rs.getString(11)),
                rs.getTimestamp(12).toInstant(),
                rs.getLong(13));
    }

    private static final String SELECT = """
            select r.id, r.organisation_id, o.name, r.kind, r.title, r.summary, r.url, r.language, r.topics, r.audience,
                r.status, r.submitted_at, r.downloads
            from training_resource r left join organisation o on o.id = r.organisation_id""";
}
