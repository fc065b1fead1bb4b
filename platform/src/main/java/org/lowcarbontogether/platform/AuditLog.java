package org.lowcarbontogether.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log every module writes to: who (a person's id, or nobody for the platform itself) did what
 * ({@link Action}, a stable code with a label in each language, {@code audit.action.<code>}), to what ({@link Target}
 * and its id), in which organisation, with a few facts ({@code detail}: role, scope, reason …). An entry is written in
 * the caller's transaction, so it exists exactly when what it records does; the table refuses UPDATE and DELETE.
 * Only ids are kept: names are looked up when the log is read.
 */
@Service
public class AuditLog {

    /** What was done. The code is stored and never changes; labels are {@code audit.action.<code>}. */
    public enum Action {
        ORGANISATION_APPLIED("organisation-applied"),
        ORGANISATION_ADMITTED("organisation-admitted"),
        ORGANISATION_DECLINED("organisation-declined"),
        ORGANISATION_CREATED("organisation-created"),
        ROLE_GRANTED("role-granted"),
        ROLE_WITHDRAWN("role-withdrawn"),
        ROLES_SET("roles-set"),
        ACCOUNT_SUSPENDED("account-suspended"),
        ACCOUNT_REINSTATED("account-reinstated"),
        MEMBER_INVITED("member-invited"),
        MEMBER_ROLE_CHANGED("member-role-changed"),
        INVITATION_ACCEPTED("invitation-accepted"),
        INVITATION_DECLINED("invitation-declined"),
        MEMBER_REMOVED("member-removed"),
        MEMBER_LEFT("member-left"),
        PARTNER_ONBOARDED("partner-onboarded"),
        PARTNER_CHANGED("partner-changed"),
        PARTNER_SUSPENDED("partner-suspended"),
        PARTNER_REACTIVATED("partner-reactivated"),
        PARTNER_CREDENTIALS_ISSUED("partner-credentials-issued"),
        PARTNER_SECRET_ROTATED("partner-secret-rotated"),
        PARTNER_PREVIOUS_SECRET_ENDED("partner-previous-secret-ended"),
        PARTNER_LINKED("partner-linked"),
        PARTNER_LINK_REVOKED("partner-link-revoked"),
        PARTNER_WEBHOOK_REDELIVERED("partner-webhook-redelivered"),
        GUARDIAN_CONSENTED("guardian-consented"),
        GUARDIAN_REFUSED("guardian-refused"),
        COMMUNITY_INVITED("community-invited"),
        COMMUNITY_INVITATION_ACCEPTED("community-invitation-accepted"),
        COMMUNITY_INVITATION_DECLINED("community-invitation-declined"),
        PRODUCT_REGISTERED("product-registered"),
        PRODUCT_CLAIM_SUBMITTED("product-claim-submitted"),
        PRODUCT_CLAIM_REVIEWED("product-claim-reviewed"),
        PRODUCT_REVIEW_ACCREDITED("product-review-accredited"),
        PRODUCT_CONFLICT_DECLARED("product-conflict-declared"),
        PRODUCT_CHALLENGE_FILED("product-challenge-filed"),
        PRODUCT_CHALLENGE_ANSWERED("product-challenge-answered"),
        PRODUCT_PHOTO_ADDED("product-photo-added"),
        PRODUCT_PHOTO_REMOVED("product-photo-removed"),
        COURSE_PUBLISHED("course-published"),
        COURSE_EDITED("course-edited"),
        COURSE_ATTENDANCE_FROM_SHEET("course-attendance-from-sheet"),
        AWARD_PLAN_PROPOSED("award-plan-proposed"),
        AWARD_PLAN_SET("award-plan-set"),
        REPORT_SCHEDULED("report-scheduled"),
        TRANCHE_AFTER_REPORT("tranche-after-report"),
        GRANTEE_REPORT_ACCEPTED("grantee-report-accepted"),
        GRANTEE_REPORT_RETURNED("grantee-report-returned"),
        GRANT_AGREEMENT_RECORDED("grant-agreement-recorded"),
        METRO_LINE_IMPORTED("metro-line-imported"),
        METRO_LINE_DELETED("metro-line-deleted"),
        RIDE_CHALLENGE_SET("ride-challenge-set"),
        RIDE_CHALLENGE_CHANGED("ride-challenge-changed"),
        RIDE_CHALLENGE_DELETED("ride-challenge-deleted"),
        COALITION_MEMBER_INVITED("coalition-member-invited"),
        COALITION_MEMBER_ACCEPTED("coalition-member-accepted"),
        COALITION_MEMBER_DECLINED("coalition-member-declined"),
        COALITION_MEMBER_ENDED("coalition-member-ended"),
        COALITION_REPORT_PUBLISHED("coalition-report-published"),
        PARTNER_SIGNING_KEY_ROTATED("partner-signing-key-rotated");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Action> ofCode(@Nullable String code) {
            return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
        }
    }

    /** What an entry is about; labels are {@code audit.target.<name>}. */
    public enum Target {
        PERSON,
        ORGANISATION,
        ORGANISATION_APPLICATION,
        PARTNER,
        PARTNER_LINK,
        /** A community; its name is kept in the entry's detail ({@code community}), as communities own their names. */
        COMMUNITY,
        /** A registered product (its GTIN is kept in the entry's detail). */
        PRODUCT,
        /** A claim about a product: a label or a footprint disclosure. */
        PRODUCT_CLAIM,
        /** A public challenge of a product claim. */
        PRODUCT_CHALLENGE,
        /** A course; its title is kept in the entry's detail ({@code course}), as training owns its courses. */
        COURSE,
        /** A funded project (an award); its title is kept in the entry's detail ({@code project}). */
        AWARD,
        /** A metro or rail line the programme office imported; its city and name are kept in the entry's detail. */
        METRO_LINE,
        /** A community's or campaign's ride challenge; its title and group are kept in the entry's detail. */
        RIDE_CHALLENGE,
        /** A key that signs the partners' tokens; its kid is the target's id (and in the entry's detail). */
        PARTNER_SIGNING_KEY
    }

    /** One entry as stored. */
    public record Entry(
            long id,
            Instant at,
            @Nullable UUID actorId,
            Action action,
            @Nullable UUID organisationId,
            Target target,
            UUID targetId,
            Map<String, String> detail) {}

    /**
     * Which entries: by a person (as actor or as the one it was done to), an action, an organisation, and days from and
     * to (inclusive, programme calendar); each left out matches everything.
     */
    public record Query(
            @Nullable UUID personId,
            @Nullable Action action,
            @Nullable UUID organisationId,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {

        public static Query everything() {
            return new Query(null, null, null, null, null);
        }

        public static Query ofOrganisation(UUID organisationId) {
            return new Query(null, null, organisationId, null, null);
        }
    }

    /** A page of entries, newest first, and whether older ones follow. */
    public record Page(List<Entry> entries, int number, boolean hasNext) {}

    public static final int PAGE_SIZE = 50;
    private static final int EXPORT_CHUNK = 1000;
    private static final TypeReference<LinkedHashMap<String, String>> DETAIL = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** Records an entry in the caller's transaction (or its own, when there is none). */
    @Transactional
    public void record(
            @Nullable UUID actorId,
            Action action,
            @Nullable UUID organisationId,
            Target target,
            UUID targetId,
            Map<String, String> detail) {
        jdbc.sql("""
                        insert into audit_entry (at, actor_id, action, organisation_id, target_kind, target_id, detail)
                        values (:at, :actor, :action, :org, :target, :targetId, cast(:detail as jsonb))""")
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actorId)
                .param("action", action.code())
                .param("org", organisationId)
                .param("target", target.name())
                .param("targetId", targetId)
                .param("detail", json.writeValueAsString(detail))
                .update();
    }

    /** A page of the entries the query selects, newest first ({@code number} from 0). */
    public Page search(Query query, int number) {
        int page = Math.max(0, number);
        var where = new Where(query);
        List<Entry> rows = where.bind(jdbc.sql("select * from audit_entry where " + where.sql
                        + " order by id desc limit :limit offset :offset"))
                .param("limit", PAGE_SIZE + 1)
                .param("offset", (long) page * PAGE_SIZE)
                .query(this::map)
                .list();
        boolean more = rows.size() > PAGE_SIZE;
        return new Page(more ? rows.subList(0, PAGE_SIZE) : rows, page, more);
    }

    /** Every entry the query selects, newest first, handed over a thousand at a time (for an export of any size). */
    public void each(Query query, Consumer<Entry> each) {
        var where = new Where(query);
        long before = Long.MAX_VALUE;
        while (true) {
            List<Entry> chunk = where.bind(jdbc.sql("select * from audit_entry where " + where.sql
                            + " and id < :before order by id desc limit :limit"))
                    .param("before", before)
                    .param("limit", EXPORT_CHUNK)
                    .query(this::map)
                    .list();
            chunk.forEach(each);
            if (chunk.size() < EXPORT_CHUNK) {
                return;
            }
            before = chunk.getLast().id();
        }
    }

    /** The query as SQL conditions; each absent criterion is a condition that always holds. */
    private static final class Where {

        final String sql = """
                (cast(:person as uuid) is null or actor_id = :person or (target_kind = 'PERSON' and target_id = :person))
                and (cast(:action as text) is null or action = :action)
                and (cast(:org as uuid) is null or organisation_id = :org)
                and (cast(:from as timestamptz) is null or at >= :from)
                and (cast(:to as timestamptz) is null or at < :to)""";

        private final Query query;

        Where(Query query) {
            this.query = query;
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            Action action = query.action();
            LocalDate from = query.from();
            LocalDate to = query.to();
            return statement
                    .param("person", query.personId())
                    .param("action", action == null ? null : action.code())
                    .param("org", query.organisationId())
                    .param("from", from == null ? null : Timestamp.from(ProgrammeCalendar.startOf(from)))
                    .param("to", to == null ? null : Timestamp.from(ProgrammeCalendar.startOf(to.plusDays(1))));
        }
    }

    private Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", UUID.class),
                Action.ofCode(rs.getString("action")).orElseThrow(),
                rs.getObject("organisation_id", UUID.class),
                Target.valueOf(rs.getString("target_kind")),
                rs.getObject("target_id", UUID.class),
                json.readValue(rs.getString("detail"), DETAIL));
    }
}
