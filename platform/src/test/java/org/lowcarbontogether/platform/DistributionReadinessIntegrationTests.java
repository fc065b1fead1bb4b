package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the schema ready for Citus (issue 25, docs/scaling.md "The path to Citus"). Every table of the live, migrated
 * schema is placed in {@link #PLACEMENTS}: distributed by the person, distributed by another column (its own co-location
 * group, with the reason), a reference table (copied to every node) or a local table (on the coordinator only); a few
 * tables owned by frameworks are left out in {@link #FRAMEWORK}. Then it checks what Citus would refuse:
 *
 * <ul>
 *   <li>a distributed table's distribution column is NOT NULL and is in its primary key and in every unique constraint
 *       and unique index (partial ones too): Citus can only enforce uniqueness within one shard;
 *   <li>a foreign key between distributed tables includes the distribution column on both sides and stays within one
 *       co-location group; a distributed table never references a local one; a reference or local table never
 *       references a distributed one.
 * </ul>
 *
 * Where the schema does not conform yet, the exact violation is listed in {@link #GAPS} (a per-person table whose
 * uniqueness is global) or {@link #ACTOR_REFERENCES} (a key to the person who acted), each with its reason. The lists
 * are exact both ways: a new violation fails, and so does a listed one that is gone, so they only shrink.
 */
@IntegrationTest
class DistributionReadinessIntegrationTests {

    enum Kind {
        /** Distributed by the person's id, all co-located with {@code app_user}. */
        PERSON,
        /** Distributed by another column, in a co-location group of its own. */
        DISTRIBUTED,
        /** Copied to every node: small, read everywhere, written seldom. */
        REFERENCE,
        /** Kept on the coordinator only. */
        LOCAL
    }

    /** Where a table would go under Citus, and why. */
    record Placement(Kind kind, @Nullable String column, String group, String reason) {
        boolean distributed() {
            return kind == Kind.PERSON || kind == Kind.DISTRIBUTED;
        }
    }

    static final String PERSONS = "person";

    static Placement person(String column) {
        return new Placement(Kind.PERSON, column, PERSONS, "");
    }

    static Placement person() {
        return person("user_id");
    }

    static Placement by(String column, String group, String reason) {
        return new Placement(Kind.DISTRIBUTED, column, group, reason);
    }

    static Placement reference(String reason) {
        return new Placement(Kind.REFERENCE, null, "", reason);
    }

    static Placement local(String reason) {
        return new Placement(Kind.LOCAL, null, "", reason);
    }

    static final String CATALOGUE = "catalogue or group definition, written through organisers and the office";
    static final String GRANTS = "the office's calls, applications and awards: small, written through the office";
    static final String PRODUCTS = "the product catalogue and its review: small next to the records, written seldom";
    static final String OUTBOX = "an outbox drained by one job at a time on the coordinator; never joined with records";
    static final String SECRET = "a handful of rows of secrets or limits used by the instances themselves";
    static final String ROLLUPS =
            "a group's roll-up rows: the listener that keeps a group's figures writes and reads them"
                    + " by group, so they are distributed by the group (rollup_id), co-located with each other";
    static final String ENTRIES =
            "one row per ledger entry counted, only ever checked by the entry's id (\"counted yet?\");"
                    + " distributing by that id spreads it evenly and keeps the check on one shard";

    /** Where every table goes. Keep in step with docs/scaling.md ("The path to Citus"). */
    static final Map<String, Placement> PLACEMENTS = placements();

    private static Map<String, Placement> placements() {
        var p = new TreeMap<String, Placement>();
        // The person and everything kept for one person: distributed by the person, co-located.
        p.put("app_user", person("id"));
        for (String table : List.of(
                "account_link",
                "activity_record",
                "badge_award",
                "community_join_request",
                "consent",
                "course_attendance",
                "course_certificate",
                "course_enrolment",
                "course_quiz_result",
                "event_registration",
                "guardian_consent_request",
                "impact_participant",
                "incentive_activity",
                "incentive_campaign_member",
                "incentive_community_member",
                "incentive_profile",
                "infra_confirmation",
                "ledger_account",
                "ledger_entry",
                "membership",
                "membership_invitation",
                "notification",
                "notification_preference",
                "notification_sent",
                "participant",
                "participation_activity",
                "partner_link",
                "personal_access_token",
                "points_account",
                "points_entry",
                "points_tally",
                "privacy_zone",
                "product_purchase",
                "programme_officer",
                "redemption",
                "ride",
                "ride_cell_rider",
                "role_grant",
                "rollup_user_day",
                "rollup_user_key",
                "school_pupil",
                "weekly_goal")) {
            p.put(table, person());
        }

        // Distributed by another column, each group for its reason.
        String claims = "a claim on a real-world reference (a partner's activity, a ride, a receipt) is unique across"
                + " everybody: that is its purpose, so it is distributed by the reference; a record with a claim writes"
                + " the person's shard and the claim's in one two-phase commit";
        p.put("external_claim", by("reference", "claims", claims));
        p.put(
                "partner_activity",
                by(
                        "reference",
                        "partner-activities",
                        "a partner's log of what it sent, idempotent by (partner, mode, reference) whether or not a"
                                + " person is named (user_id is null when refused before a link): distributed by the"
                                + " partner's reference, which spreads one large partner's uploads over every shard;"
                                + " a partner's own reports read its rows from every shard by day"));
        for (String table :
                List.of("rollup_daily", "rollup_key", "rollup_snapshot", "rollup_source", "public_release")) {
            p.put(table, by("rollup_id", "rollups", ROLLUPS));
        }
        for (String table : List.of("rollup_counted_entry", "impact_counted_entry", "participation_followup")) {
            p.put(table, by("entry_id", "entries", ENTRIES));
        }
        p.put(
                "idempotency_key",
                by(
                        "scope",
                        "idempotency",
                        "a key is looked up by its scope (the caller and what it is for) and key; the person's id is"
                                + " inside the text scope, so it cannot be co-located with the person"));
        String reach = "a story's visitors per day: many rows, written and read by story";
        p.put("story_reach_visit", by("story_id", "story-reach", reach));
        p.put("story_reach_daily", by("story_id", "story-reach", reach));

        // Reference tables: catalogues and group definitions.
        for (String table : List.of(
                "announcement",
                "campaign",
                "campaign_co_organiser",
                "campaign_team",
                "class_challenge",
                "coalition_member",
                "coalition_report",
                "community",
                "community_invitation",
                "course",
                "course_invitation",
                "course_module",
                "course_session",
                "event",
                "handover_item",
                "incentive_campaign",
                "infra_report",
                "methodology_event",
                "methodology_version",
                "metro_line",
                "metro_line_cell",
                "organisation",
                "organisation_application",
                "partner",
                "partner_client",
                "partner_scenario",
                "programme",
                "reward",
                "ride_challenge",
                "ride_map_month",
                "school_class",
                "school_resource_grade",
                "story",
                "story_photo",
                "training_resource",
                "voucher_code")) {
            p.put(table, reference(CATALOGUE));
        }
        for (String table : List.of(
                "application_attachment",
                "award_milestone",
                "award_planned_output",
                "award_report_schedule",
                "award_tranche",
                "call_criterion",
                "grant_agreement",
                "grant_application",
                "grant_award",
                "grant_call",
                "grantee_report",
                "grantee_report_review",
                "project_link",
                "reported_output",
                "review_assignment",
                "review_score")) {
            p.put(table, reference(GRANTS));
        }
        for (String table : List.of(
                "product",
                "product_category",
                "product_challenge",
                "product_claim",
                "product_evidence",
                "product_label_scheme",
                "product_photo",
                "product_review_accreditation",
                "product_review_conflict",
                "product_review_step")) {
            p.put(table, reference(PRODUCTS));
        }
        p.put("restatement", reference("the methodology office's restatement runs: a few rows a year"));

        // Local to the coordinator.
        for (String table :
                List.of("mail_outbox", "mail_attachment", "webhook_endpoint", "webhook_message", "webhook_attempt")) {
            p.put(table, local(OUTBOX));
        }
        for (String table : List.of(
                "cluster_job",
                "notification_secret",
                "partner_signing_key",
                "rate_bucket",
                "reach_key",
                "reach_salt",
                "sign_in_failure")) {
            p.put(table, local(SECRET));
        }
        p.put(
                "audit_entry",
                local("the office's log, read by the office; it has no key but its id, so it can be distributed by id"
                        + " alone if it outgrows the coordinator"));
        String impact = "the platform's totals per day: a few thousand rows updated by every credit, too hot to copy"
                + " to every node";
        p.put("impact_daily", local(impact));
        p.put("impact_evidence_daily", local(impact));
        return p;
    }

    /** Tables whose schema a framework owns; they stay on the coordinator as they are and are not checked. */
    static final Map<String, String> FRAMEWORK = Map.of(
            "flyway_schema_history", "Flyway's own history of migrations",
            "spring_session", "Spring Session JDBC's sessions (docs/scaling.md, several instances)",
            "spring_session_attributes", "Spring Session JDBC's session attributes",
            "event_publication", "Spring Modulith's event publication registry",
            "oauth2_authorization", "Spring Authorization Server's authorizations",
            "oauth2_authorization_consent", "Spring Authorization Server's consents",
            "oauth2_registered_client", "Spring Authorization Server's clients");

    static final String LOOKUP_CODE =
            "a code or token looked up without knowing the person (a sign-in, a link in a mail,"
                    + " a code at the door or on a certificate): unique across everybody. Under Citus the lookup moves to a"
                    + " small table distributed by the code (as external_claim is by reference) naming the person, or the code"
                    + " is made to carry the person's id";

    /**
     * Violations of the rules that are known and accepted for now, each with its reason. Exact: a listed violation that
     * is gone fails the test, so it is removed from here.
     */
    static final Map<String, String> GAPS = gaps();

    private static Map<String, String> gaps() {
        var g = new LinkedHashMap<String, String>();
        g.put("app_user: unique index app_user_email_key (email) lacks id", LOOKUP_CODE + " (sign-in by email)");
        g.put("account_link: primary key account_link_pkey (token_hash) lacks user_id", LOOKUP_CODE);
        g.put("course_certificate: primary key course_certificate_pkey (code) lacks user_id", LOOKUP_CODE);
        g.put(
                "course_enrolment: unique index course_enrolment_personal_code_key (personal_code) lacks user_id",
                LOOKUP_CODE);
        g.put(
                "event_registration: unique index event_registration_personal_code (personal_code) lacks user_id",
                LOOKUP_CODE);
        g.put(
                "personal_access_token: unique index personal_access_token_token_hash_key (token_hash) lacks user_id",
                LOOKUP_CODE + " (API tokens)");
        g.put(
                "partner_link: unique index partner_link_subject_key (subject) lacks user_id",
                LOOKUP_CODE + " (the partner names the person by the pseudonymous subject)");
        g.put(
                "school_pupil: unique index school_pupil_code (class_id, pupil_code_hash) lacks user_id",
                LOOKUP_CODE + " (a pupil signs in with the class's code and their own)");
        g.put(
                "product_purchase: unique index product_purchase_partner_order (partner_id, partner_reference) lacks user_id",
                "a partner's order is counted once across everybody; under Citus this moves to external_claim (claims"
                        + " group), where the ride and receipt claims already are");
        return g;
    }

    /**
     * Foreign keys to {@code app_user} from a column that is not the table's distribution column: who created,
     * decided, reviewed, moderated or wrote something in a group or catalogue table, or another person named beside
     * the row's own. Citus cannot enforce them (a key from a reference table, or on another column, into a distributed
     * table); under Citus the constraint is dropped and the id kept as a value, as {@code ledger_entry.actor_id} and
     * {@code audit_entry.actor_id} already are, and each module's {@link PersonalData} still exports and erases them.
     */
    static final Set<String> ACTOR_REFERENCES = new TreeSet<>(List.of(
            "announcement.user_id",
            "app_user.suspended_by",
            "award_planned_output.proposed_by",
            "award_planned_output.set_by",
            "award_report_schedule.created_by",
            "campaign.created_by",
            "campaign_team.created_by",
            "class_challenge.created_by",
            "community.created_by",
            "community_invitation.invited_by",
            "community_join_request.decided_by",
            "course.created_by",
            "course_attendance.recorded_by",
            "course_invitation.invited_by",
            "event.created_by",
            "event_registration.checked_in_by",
            "event_registration.confirmed_by",
            "grant_agreement.recorded_by",
            "grant_application.submitted_by",
            "grant_award.awarded_by",
            "grant_call.created_by",
            "grantee_report.submitted_by",
            "grantee_report_review.reviewed_by",
            "handover_item.giver_id",
            "handover_item.receiver_id",
            "infra_report.reporter_id",
            "infra_report.status_changed_by",
            "membership_invitation.invited_by",
            "organisation_application.applicant_id",
            "organisation_application.decided_by",
            "programme.potential_updated_by",
            "reported_output.reported_by",
            "reported_output.reviewed_by",
            "review_assignment.assigned_by",
            "review_assignment.reviewer_id",
            "role_grant.granted_by",
            "school_class.created_by",
            "school_resource_grade.tagged_by",
            "story.author_id",
            "story.moderated_by",
            "training_resource.reviewed_by",
            "training_resource.submitted_by"));

    @Autowired
    JdbcClient jdbc;

    record Index(String table, String name, boolean primary, List<String> columns) {}

    record ForeignKey(String table, List<String> columns, String target, List<String> targetColumns) {}

    @Test
    void everyTableIsPlacedAndTheSchemaIsWhatCitusNeeds() {
        List<String> tables = jdbc.sql("""
                        select c.relname from pg_class c
                        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                          and not c.relispartition
                        order by 1""").query(String.class).list();

        var message = new StringBuilder();
        var unplaced = new ArrayList<String>();
        for (String table : tables) {
            if (!PLACEMENTS.containsKey(table) && !FRAMEWORK.containsKey(table)) {
                unplaced.add(table);
            }
        }
        if (!unplaced.isEmpty()) {
            message.append("These tables are not placed for Citus: " + unplaced + ".\nAdd each to PLACEMENTS in "
                    + getClass().getSimpleName() + " (and to docs/scaling.md):\n"
                    + "  person()                       a person's own rows, with user_id NOT NULL in the primary key and"
                    + " every unique key;\n"
                    + "  by(column, group, reason)      distributed by another column that is in every unique key;\n"
                    + "  reference(reason)              small, read everywhere, written seldom (copied to every node);\n"
                    + "  local(reason)                  on the coordinator only, never referenced by a distributed"
                    + " table.\n");
        }
        var gone = new TreeSet<>(PLACEMENTS.keySet());
        tables.forEach(gone::remove);
        if (!gone.isEmpty()) {
            message.append("PLACEMENTS names tables the schema no longer has: " + gone + "\n");
        }

        var violations = new TreeSet<String>();
        violations.addAll(keyViolations());
        violations.addAll(foreignKeyViolations());

        var unexpected = new TreeSet<>(violations);
        unexpected.removeAll(GAPS.keySet());
        var closed = new TreeSet<>(GAPS.keySet());
        closed.removeAll(violations);
        if (!unexpected.isEmpty()) {
            message.append("The schema would not distribute under Citus (docs/scaling.md, \"The path to Citus\"):\n");
            unexpected.forEach(v -> message.append("  ").append(v).append('\n'));
            message.append("Put the distribution column into the primary key and every unique constraint and index;"
                    + " make a foreign key between distributed tables include it on both sides, or point at a"
                    + " reference table. If it cannot be so yet, say why in GAPS.\n");
        }
        if (!closed.isEmpty()) {
            message.append("These GAPS are closed; remove them from the list (and from docs/scaling.md):\n");
            closed.forEach(v -> message.append("  ").append(v).append('\n'));
        }
        if (!message.isEmpty()) {
            fail(message.toString());
        }
    }

    /** Rule (b): the distribution column is NOT NULL and in the primary key and every unique index. */
    private List<String> keyViolations() {
        var violations = new ArrayList<String>();
        Map<String, Set<String>> notNull = new TreeMap<>();
        jdbc.sql("""
                        select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
                        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                          and a.attnum > 0 and not a.attisdropped and a.attnotnull""")
                .query((rs, n) -> notNull.computeIfAbsent(rs.getString(1), t -> new TreeSet<>())
                        .add(rs.getString(2)))
                .list();
        Map<String, Set<String>> columns = new TreeMap<>();
        jdbc.sql("""
                        select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
                        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                          and a.attnum > 0 and not a.attisdropped""")
                .query((rs, n) -> columns.computeIfAbsent(rs.getString(1), t -> new TreeSet<>())
                        .add(rs.getString(2)))
                .list();
        List<Index> indexes = jdbc.sql("""
                        select t.relname as table_name, i.relname as index_name, x.indisprimary,
                            array(select coalesce(a.attname, '(expression)')
                                  from unnest(x.indkey) with ordinality as k(attnum, n)
                                  left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                                  where k.n <= x.indnkeyatts
                                  order by k.n) as columns
                        from pg_index x
                        join pg_class t on t.oid = x.indrelid
                        join pg_class i on i.oid = x.indexrelid
                        where t.relnamespace = current_schema()::regnamespace and x.indisunique
                        order by 1, 2""")
                .query((rs, n) -> new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3), List.of((String[])
                        rs.getArray(4).getArray())))
                .list();
        var withPrimaryKey = new TreeSet<String>();
        for (Index index : indexes) {
            if (index.primary()) {
                withPrimaryKey.add(index.table());
            }
        }
        PLACEMENTS.forEach((table, placement) -> {
            String column = placement.column();
            if (column == null) {
                return;
            }
            if (!columns.getOrDefault(table, Set.of()).contains(column)) {
                violations.add(table + ": has no column " + column);
                return;
            }
            if (!notNull.getOrDefault(table, Set.of()).contains(column)) {
                violations.add(table + ": " + column + " may be null");
            }
            if (!withPrimaryKey.contains(table)) {
                violations.add(table + ": has no primary key");
            }
        });
        for (Index index : indexes) {
            var placement = PLACEMENTS.get(index.table());
            if (placement == null || placement.column() == null) {
                continue;
            }
            if (!index.columns().contains(placement.column())) {
                violations.add(index.table() + ": " + (index.primary() ? "primary key " : "unique index ")
                        + index.name() + " (" + String.join(", ", index.columns()) + ") lacks " + placement.column());
            }
        }
        // Exclusion constraints are unique in their own way; Citus needs the distribution column in them too.
        jdbc.sql("""
                        select t.relname, k.conname from pg_constraint k join pg_class t on t.oid = k.conrelid
                        where t.relnamespace = current_schema()::regnamespace and k.contype = 'x'""")
                .query((rs, n) -> rs.getString(1) + ": exclusion constraint " + rs.getString(2))
                .list()
                .forEach(x -> {
                    var placement = PLACEMENTS.get(x.substring(0, x.indexOf(':')));
                    if (placement != null && placement.distributed()) {
                        violations.add(x + " on a distributed table");
                    }
                });
        return violations;
    }

    /**
     * Rule (c): a foreign key into a distributed table comes from a table of the same co-location group and maps the
     * distribution column to the distribution column; a distributed table never references a local one. Keys into
     * reference tables are always fine.
     */
    private List<String> foreignKeyViolations() {
        List<ForeignKey> keys = jdbc.sql("""
                        select s.relname, t.relname,
                            array(select a.attname from unnest(k.conkey) with ordinality as c(attnum, n)
                                  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c.attnum order by c.n),
                            array(select a.attname from unnest(k.confkey) with ordinality as c(attnum, n)
                                  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = c.attnum order by c.n)
                        from pg_constraint k
                        join pg_class s on s.oid = k.conrelid
                        join pg_class t on t.oid = k.confrelid
                        where k.contype = 'f' and s.relnamespace = current_schema()::regnamespace
                        order by 1, 2""")
                .query((rs, n) -> new ForeignKey(
                        rs.getString(1), List.of((String[]) rs.getArray(3).getArray()), rs.getString(2), List.of((String
                                        [])
                                rs.getArray(4).getArray())))
                .list();
        var violations = new ArrayList<String>();
        var actors = new TreeSet<String>();
        for (ForeignKey key : keys) {
            if (FRAMEWORK.containsKey(key.table()) && FRAMEWORK.containsKey(key.target())) {
                continue;
            }
            var from = PLACEMENTS.get(key.table());
            var to = PLACEMENTS.get(key.target());
            String described = key.table() + " (" + String.join(", ", key.columns()) + ") -> " + key.target() + " ("
                    + String.join(", ", key.targetColumns()) + ")";
            if (from == null || to == null) {
                if (FRAMEWORK.containsKey(key.table()) || FRAMEWORK.containsKey(key.target())) {
                    violations.add(described + ": between a framework table and a table of ours");
                } // else a table not placed yet, reported as such
                continue;
            }
            if (to.kind() == Kind.REFERENCE) {
                continue;
            }
            if (to.kind() == Kind.LOCAL) {
                if (from.distributed()) {
                    violations.add(described + ": a distributed table cannot reference a local one");
                }
                continue;
            }
            String column = from.column();
            int at = column == null ? -1 : key.columns().indexOf(column);
            boolean colocated = from.distributed()
                    && from.group().equals(to.group())
                    && at >= 0
                    && key.targetColumns().get(at).equals(to.column());
            if (colocated) {
                continue;
            }
            if (key.target().equals("app_user") && key.columns().size() == 1) {
                actors.add(key.table() + "." + key.columns().getFirst());
            } else {
                violations.add(described + ": does not include the distribution column on both sides");
            }
        }
        var unlisted = new TreeSet<>(actors);
        unlisted.removeAll(ACTOR_REFERENCES);
        unlisted.forEach(a -> violations.add("foreign key " + a + " -> app_user (id) is not a distribution column"
                + " (list it in ACTOR_REFERENCES if it names who acted, or make the table distributed by it)"));
        var stale = new TreeSet<>(ACTOR_REFERENCES);
        stale.removeAll(actors);
        stale.forEach(
                a -> violations.add("ACTOR_REFERENCES lists " + a + ", which is no longer such a key; remove it"));
        return violations;
    }
}
