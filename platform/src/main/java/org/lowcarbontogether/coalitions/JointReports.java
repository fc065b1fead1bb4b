package org.lowcarbontogether.coalitions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A coalition's joint report: the pool, each member's contribution and the coalition's summary in both languages. The
 * coalition's organisers write and publish it; once published anyone may read it, with the published figures only
 * (disclosure control applied); before, its organisers and its members' organisers see it.
 */
@Service
public class JointReports {

    /** The report's words and whether it is published. */
    public record Report(
            String summaryEn, String summaryZh, @Nullable Instant publishedAt) {
        public boolean published() {
            return publishedAt != null;
        }
    }

    /** A report to read: the pool as the reader may see it, and the words. */
    public record Reading(Report report, CoalitionPool.Pool pool, boolean manage) {}

    private static final int SUMMARY_MAX = 4_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Coalitions coalitions;
    private final CoalitionPool pool;
    private final AuditLog audit;

    JointReports(JdbcClient jdbc, Clock clock, Coalitions coalitions, CoalitionPool pool, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.coalitions = coalitions;
        this.pool = pool;
        this.audit = audit;
    }

    public Report report(UUID coalitionId) {
        return jdbc.sql("select summary_en, summary_zh, published_at from coalition_report where coalition_id = :c")
                .param("c", coalitionId)
                .query((rs, n) -> new Report(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional()
                .orElse(new Report("", "", null));
    }

    /** The coalitions whose joint report is published, by name: what the public can read. */
    public List<Organisation> published() {
        var ids = jdbc.sql("select coalition_id from coalition_report where published_at is not null")
                .query(UUID.class)
                .set();
        return coalitions.all().stream().filter(c -> ids.contains(c.id())).toList();
    }

    /** Writes the summary and publishes the report (or takes it back); the coalition's organisers only. */
    @Transactional
    public Report write(
            Actor me, UUID coalitionId, @Nullable String summaryEn, @Nullable String summaryZh, boolean publish) {
        var coalition = coalitions.coalition(coalitionId);
        if (!coalitions.mayManage(me, coalitionId)) {
            throw Refusal.forbidden("coalition-not-organiser", "coalitionId");
        }
        String en = summaryEn == null ? "" : summaryEn.strip();
        String zh = summaryZh == null ? "" : summaryZh.strip();
        if (en.length() > SUMMARY_MAX || zh.length() > SUMMARY_MAX) {
            throw Refusal.unacceptable(
                    "coalition-summary-too-long", en.length() > SUMMARY_MAX ? "summaryEn" : "summaryZh", SUMMARY_MAX);
        }
        boolean wasPublished = report(coalitionId).published();
        jdbc.sql("""
                        insert into coalition_report (coalition_id, summary_en, summary_zh, published_at)
                        values (:c, :en, :zh, :at)
                        on conflict (coalition_id) do update set summary_en = excluded.summary_en, summary_zh = excluded.summary_zh,
                            published_at = case when :publish then coalesce(coalition_report.published_at, excluded.published_at) end""")
                .param("c", coalitionId)
                .param("en", en)
                .param("zh", zh)
                .param("at", publish ? Timestamp.from(clock.instant()) : null)
                .param("publish", publish)
                .update();
        if (publish && !wasPublished) {
            audit.record(
                    me.id(),
                    AuditLog.Action.COALITION_REPORT_PUBLISHED,
                    coalitionId,
                    AuditLog.Target.ORGANISATION,
                    coalitionId,
                    Map.of("coalition", coalition.name()));
        }
        return report(coalitionId);
    }

    /**
     * The report as the caller may read it: the coalition's organisers read live figures; its members' organisers the
     * published pool and their own contribution live; anyone else only a published report, with published figures (404
     * before it is published, so an unpublished coalition report is not revealed).
     */
    @Transactional
    public Reading read(@Nullable Actor me, UUID coalitionId) {
        var coalition = coalitions.coalition(coalitionId);
        var report = report(coalitionId);
        boolean manage = coalitions.mayManage(me, coalitionId);
        Set<UUID> own = coalitions.representedBy(me, coalitionId).stream()
                .filter(Coalitions.Membership::accepted)
                .map(Coalitions.Membership::organisationId)
                .collect(Collectors.toSet());
        if (!manage && own.isEmpty() && !report.published()) {
            throw Refusal.notFound("coalition-report-unknown", "id", coalitionId);
        }
        return new Reading(report, pool.pool(coalition, coalitions.accepted(coalitionId), manage, own), manage);
    }

    /**
     * The coalition's dashboard: its organisers see the live pool; a member's organisers see the published pool and
     * their own contribution live; anyone else is refused (403).
     */
    @Transactional
    public Reading dashboard(Actor me, UUID coalitionId) {
        var coalition = coalitions.coalition(coalitionId);
        boolean manage = coalitions.mayManage(me, coalitionId);
        var represented = coalitions.representedBy(me, coalitionId);
        if (!manage && represented.isEmpty()) {
            throw Refusal.forbidden("coalition-not-organiser", "id");
        }
        Set<UUID> own = represented.stream()
                .filter(Coalitions.Membership::accepted)
                .map(Coalitions.Membership::organisationId)
                .collect(Collectors.toSet());
        return new Reading(
                report(coalitionId), pool.pool(coalition, coalitions.accepted(coalitionId), manage, own), manage);
    }
}
