package org.lowcarbontogether.methodology;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored methodology versions — each a JSON document with its status and content hash — and their trail. */
@Repository
class MethodologyVersions {

    /** A stored version row. */
    record Stored(
            String code,
            String version,
            Status status,
            String document,
            String contentHash,
            @Nullable UUID authorId,
            @Nullable UUID reviewerId,
            Instant createdAt,
            @Nullable Instant submittedAt,
            @Nullable Instant publishedAt,
            @Nullable Instant retiredAt) {}

    /** One step in a version's life. */
    record Event(
            String action, @Nullable UUID actorId, @Nullable String comment, Instant at) {}

    private static final String COLUMNS = """
            code, version, status, document::text as document, content_hash, author_id, reviewer_id, created_at,
            submitted_at, published_at, retired_at""";

    private final JdbcClient jdbc;

    MethodologyVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String code, String version) {
        return jdbc.sql("select " + COLUMNS + " from methodology_version where code = :code and version = :version")
                .param("code", code)
                .param("version", version)
                .query(Stored.class)
                .optional();
    }

    List<Stored> all() {
        return Rows.present(jdbc.sql("select " + COLUMNS + " from methodology_version")
                .query(Stored.class)
                .list());
    }

    List<Stored> withStatus(Status... statuses) {
        return Rows.present(jdbc.sql("select " + COLUMNS + " from methodology_version where status in (:statuses)")
                .param("statuses", Arrays.stream(statuses).map(Status::name).toList())
                .query(Stored.class)
                .list());
    }

    void insert(
            String code,
            String version,
            Status status,
            String document,
            String contentHash,
            @Nullable UUID authorId,
            Instant now) {
        jdbc.sql("""
                        insert into methodology_version (code, version, status, document, content_hash, author_id, created_at,
                            published_at)
                        values (:code, :version, :status, cast(:document as jsonb), :hash, :author, :now, :publishedAt)""")
                .param("code", code)
                .param("version", version)
                .param("status", status.name())
                .param("document", document)
                .param("hash", contentHash)
                .param("author", authorId)
                .param("now", Timestamp.from(now))
                .param("publishedAt", status == Status.PUBLISHED ? Timestamp.from(now) : null)
                .update();
    }

    /** Replaces a draft's document; returns false when the version is not a draft. */
    boolean replaceDraft(String code, String version, String document, String contentHash) {
        return jdbc.sql("""
                        update methodology_version set document = cast(:document as jsonb), content_hash = :hash
                        where code = :code and version = :version and status = 'DRAFT'""")
                        .param("document", document)
                        .param("hash", contentHash)
                        .param("code", code)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Moves a version from one status to another; returns false when it was not in {@code from}. */
    boolean transition(String code, String version, Status from, Status to, @Nullable UUID reviewerId, Instant now) {
        String timestamps = switch (to) {
            case IN_REVIEW -> "submitted_at = :now";
            case PUBLISHED -> "published_at = :now, reviewer_id = :reviewer";
            case RETIRED -> "retired_at = :now";
            case DRAFT -> "submitted_at = null";
        };
        return jdbc.sql("update methodology_version set status = :to, " + timestamps
                                + " where code = :code and version = :version and status = :from")
                        .param("to", to.name())
                        .param("from", from.name())
                        .param("now", Timestamp.from(now))
                        .param("reviewer", reviewerId)
                        .param("code", code)
                        .param("version", version)
                        .update()
                == 1;
    }

    void event(
            String code, String version, String action, @Nullable UUID actorId, @Nullable String comment, Instant now) {
        jdbc.sql("""
                        insert into methodology_event (code, version, action, actor_id, comment, at)
                        values (:code, :version, :action, :actor, :comment, :now)""")
                .param("code", code)
                .param("version", version)
                .param("action", action)
                .param("actor", actorId)
                .param("comment", comment)
                .param("now", Timestamp.from(now))
                .update();
    }

    List<Event> events(String code, String version) {
        return Rows.present(jdbc.sql("""
                        select action, actor_id, comment, at from methodology_event
                        where code = :code and version = :version order by at, id""")
                .param("code", code)
                .param("version", version)
                .query(Event.class)
                .list());
    }

    /** Where a version is in its life. */
    enum Status {
        DRAFT,
        IN_REVIEW,
        PUBLISHED,
        RETIRED
    }
}
