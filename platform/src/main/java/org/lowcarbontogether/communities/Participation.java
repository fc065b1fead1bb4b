package org.lowcarbontogether.communities;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.ReductionAdjusted;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.platform.Rows;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who takes part in which group — a community or a campaign — and what they did there: one definition of
 * participants, active participants, retention and streaks for every group, so organisers compare like with like.
 *
 * <p>A behaviour counts in a group when its person was taking part that day (from the day they joined). Reversed
 * records stop counting; restatements move the reduction but not the number of behaviours.
 */
@Service
public class Participation {

    public enum ScopeKind {
        COMMUNITY,
        CAMPAIGN
    }

    /** One group: a community or a campaign. */
    public record Scope(ScopeKind kind, UUID id) {
        public static Scope community(UUID id) {
            return new Scope(ScopeKind.COMMUNITY, id);
        }

        public static Scope campaign(UUID id) {
            return new Scope(ScopeKind.CAMPAIGN, id);
        }
    }

    /**
     * Retention at {@code days}: of the {@code cohort} who started at least that long ago — joined a group, or first
     * recorded in a report's period — those still recording that many days or more after starting. One shape for groups
     * and reports, so pages and the API show both alike.
     */
    public record Retention(int days, long cohort, long retained) {
        /** The share retained; unknown (null) while nobody has been in the group that long. */
        public @Nullable Double share() {
            return cohort == 0 ? null : (double) retained / cohort;
        }
    }

    /** Current streaks: consecutive days with a credited behaviour, ending today or yesterday. */
    public record Streaks(long onStreak, long onWeekStreak, int longestCurrent) {}

    public record Metrics(
            long participants,
            long everJoined,
            long behaviours,
            long grams,
            long gramsRecorded,
            long active7,
            long active30,
            long active90,
            Retention retained30,
            Retention retained90,
            Streaks streaks) {}

    public record Day(LocalDate day, long behaviours, long grams, long activeParticipants) {}

    /** A recent behaviour in the group's feed; {@code name} only when its person lets the group see it. */
    public record FeedItem(
            Instant occurredAt,
            String behaviour,
            String category,
            long grams,
            @Nullable String name) {}

    /** How individuals are ranked: by reduction, or by days active (which rewards habits over one big action). */
    public enum Ranking {
        REDUCTION,
        ACTIVE_DAYS
    }

    /**
     * One line of a leaderboard. It carries no person id — a hidden name must stay hidden — only whether the line is the
     * viewer's own.
     */
    public record Standing(
            int rank,
            boolean self,
            @Nullable String name,
            long behaviours,
            long grams,
            long activeDays,
            int currentStreak) {}

    public record TeamStanding(UUID teamId, long members, long activeMembers, long behaviours, long grams) {
        /** Reduction per member, so a small team can beat a large one. */
        public long gramsPerMember() {
            return members == 0 ? 0 : grams / members;
        }
    }

    /** One member's line in an organiser's export. */
    public record Member(
            UUID userId,
            String name,
            Instant joinedAt,
            @Nullable Instant leftAt,
            @Nullable UUID teamId,
            long behaviours,
            long grams,
            @Nullable LocalDate lastActive) {}

    private final JdbcClient jdbc;
    /** The organisers' aggregates (metrics, the daily series, teams, turnout, the export): a replica when there is one. */
    private final ReportingReads reads;

    private final Clock clock;
    private final ApplicationEventPublisher events;

    Participation(JdbcClient jdbc, ReportingReads reads, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.clock = clock;
        this.events = events;
    }

    /** Joins (or rejoins) a group; true when the person was not taking part before. */
    @Transactional
    public boolean join(Scope scope, UUID userId, @Nullable UUID teamId) {
        return joinSince(scope, userId, teamId, clock.instant());
    }

    /** Joins a group as of an earlier moment: an imported membership list that says when each person joined. */
    @Transactional
    public boolean joinSince(Scope scope, UUID userId, @Nullable UUID teamId, Instant joinedAt) {
        boolean wasIn = isParticipant(scope, userId);
        jdbc.sql("""
                        insert into participant (scope_kind, scope_id, user_id, team_id, joined_at)
                        values (:kind, :scope, :user, :team, :now)
                        on conflict (scope_kind, scope_id, user_id)
                        do update set left_at = null, team_id = coalesce(excluded.team_id, participant.team_id)""")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("user", userId)
                .param("team", teamId)
                .param("now", Timestamp.from(joinedAt))
                .update();
        return !wasIn;
    }

    /** Leaves a group (and its team: a rejoin starts without one, so no team can grow past its size); true when the person was taking part. */
    @Transactional
    public boolean leave(Scope scope, UUID userId) {
        return jdbc.sql("""
                        update participant set left_at = :now, team_id = null
                        where scope_kind = :kind and scope_id = :scope and user_id = :user and left_at is null""")
                        .param("kind", scope.kind().name())
                        .param("scope", scope.id())
                        .param("user", userId)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                > 0;
    }

    public boolean isParticipant(Scope scope, UUID userId) {
        return jdbc.sql("""
                        select count(*) from participant
                        where scope_kind = :kind and scope_id = :scope and user_id = :user and left_at is null""")
                        .param("kind", scope.kind().name())
                        .param("scope", scope.id())
                        .param("user", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The people taking part in a group now (joined and not left), for messages to them. */
    @Transactional(readOnly = true)
    public List<UUID> currentParticipants(Scope scope) {
        return Rows.present(jdbc.sql("""
                        select user_id from participant
                        where scope_kind = :kind and scope_id = :scope and left_at is null order by user_id""")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .query(UUID.class)
                .list());
    }

    /** The team a participant is in, if any. */
    public Optional<UUID> teamOf(Scope scope, UUID userId) {
        return jdbc.sql(
                        "select team_id from participant where scope_kind = :kind and scope_id = :scope and user_id = :user")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("user", userId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .optional()
                .flatMap(t -> t);
    }

    /** Whether the person lets the group's other members see their name and behaviours. */
    @Transactional
    public void showInFeed(Scope scope, UUID userId, boolean show) {
        jdbc.sql(
                        "update participant set show_in_feed = :show where scope_kind = :kind and scope_id = :scope and user_id = :user")
                .param("show", show)
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("user", userId)
                .update();
    }

    public boolean showsInFeed(Scope scope, UUID userId) {
        return jdbc.sql(
                        "select show_in_feed from participant where scope_kind = :kind and scope_id = :scope and user_id = :user")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("user", userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** The groups of one kind each of these people takes part in now: one query for a batch of credits. */
    public Map<UUID, List<UUID>> groupsOf(Collection<UUID> users, ScopeKind kind) {
        var groups = new HashMap<UUID, List<UUID>>();
        jdbc.sql(
                        "select user_id, scope_id from participant where user_id = any(:users) and scope_kind = :kind and left_at is null")
                .param(
                        "users",
                        new SqlArrayValue("uuid", users.stream().distinct().toArray()))
                .param("kind", kind.name())
                .query(rs -> {
                    groups.computeIfAbsent(rs.getObject("user_id", UUID.class), u -> new ArrayList<>())
                            .add(rs.getObject("scope_id", UUID.class));
                });
        return groups;
    }

    /** A credit to count in one group. */
    public record Counting(Scope scope, ReductionCredited credited) {}

    /**
     * Counts each credit in its group if its person was taking part on the activity's day; once, however often the
     * event arrives. Two statements for the whole batch, whatever its size.
     */
    @Transactional
    public void count(List<Counting> countings) {
        if (countings.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into participation_activity (scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category,
                            evidence, region, grams, grams_recorded, behaviour_delta, occurred_at, occurred_on)
                        select p.scope_kind, p.scope_id, c.entry_id, p.user_id, c.record_id, c.behaviour, c.category, c.evidence,
                            c.region, c.grams, c.grams, 1, c.occurred_at, c.day
                        from unnest(:kinds, :scopes, :entries, :users, :records, :behaviours, :categories, :evidences, :regions,
                                :grams, :occurredAts, :days)
                            with ordinality as c(kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region,
                                grams, occurred_at, day, n)
                        cross join lateral (
                            select p.scope_kind, p.scope_id, p.user_id from participant p
                            where p.scope_kind = c.kind and p.scope_id = c.scope_id and p.user_id = c.user_id and p.left_at is null
                              and (p.joined_at at time zone :zone)::date <= c.day
                            offset 0) p
                        order by c.n
                        on conflict do nothing
                        returning scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region, grams,
                            grams_recorded, behaviour_delta, occurred_on""")
                .param("zone", ProgrammeCalendar.ZONE_ID)
                .param("kinds", array("text", countings, c -> c.scope().kind().name()))
                .param("scopes", array("uuid", countings, c -> c.scope().id()))
                .param("entries", array("uuid", countings, c -> c.credited().entryId()))
                .param("users", array("uuid", countings, c -> c.credited().userId()))
                .param("records", array("uuid", countings, c -> c.credited().recordId()))
                .param("behaviours", array("text", countings, c -> c.credited().behaviour()))
                .param("categories", array("text", countings, c -> c.credited().category()))
                .param("evidences", array("text", countings, c -> c.credited().evidence()))
                .param("regions", array("text", countings, c -> c.credited().region()))
                .param("grams", array("int8", countings, c -> c.credited().grams()))
                .param(
                        "occurredAts",
                        array(
                                "timestamptz",
                                countings,
                                c -> Timestamp.from(c.credited().occurredAt())))
                .param(
                        "days",
                        array(
                                "date",
                                countings,
                                c -> Date.valueOf(
                                        LocalDate.ofInstant(c.credited().occurredAt(), ProgrammeCalendar.ZONE))))
                .query(Participation::counted)
                .list()
                .forEach(events::publishEvent);
        // Restatements or reversals of these records that were handled before their credits reached the groups.
        jdbc.sql("""
                        insert into participation_activity (scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category,
                            evidence, region, grams, grams_recorded, behaviour_delta, occurred_at, occurred_on)
                        select a.scope_kind, a.scope_id, f.entry_id, a.user_id, a.record_id, a.behaviour, a.category, a.evidence,
                            a.region, f.grams, f.grams_recorded, f.behaviour_delta, a.occurred_at, a.occurred_on
                        from unnest(:kinds, :scopes, :records) as c(kind, scope_id, record_id)
                        join participation_followup f on f.record_id = c.record_id
                        join participation_activity a on a.record_id = f.record_id and a.behaviour_delta = 1
                            and a.scope_kind = c.kind and a.scope_id = c.scope_id
                        on conflict do nothing
                        returning scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region, grams,
                            grams_recorded, behaviour_delta, occurred_on""")
                .param("kinds", array("text", countings, c -> c.scope().kind().name()))
                .param("scopes", array("uuid", countings, c -> c.scope().id()))
                .param("records", array("uuid", countings, c -> c.credited().recordId()))
                .query(Participation::counted)
                .list()
                .forEach(events::publishEvent);
    }

    private static SqlArrayValue array(
            String type, List<Counting> countings, Function<Counting, @Nullable Object> value) {
        return new SqlArrayValue(type, countings.stream().map(value).toArray());
    }

    /** A restatement moves the reduction of the record in every group that counted it. */
    @Transactional
    public void count(ReductionAdjusted adjusted) {
        followUp(adjusted.entryId(), adjusted.recordId(), adjusted.deltaGrams(), 0, 0);
    }

    /** A reversed record stops counting in every group that counted it. */
    @Transactional
    public void count(ReductionReversed reversed) {
        followUp(reversed.entryId(), reversed.recordId(), reversed.grams(), -reversed.creditedGrams(), -1);
    }

    private void followUp(UUID entryId, UUID recordId, long grams, long recordedGrams, int behaviourDelta) {
        jdbc.sql("""
                        insert into participation_followup (entry_id, record_id, grams, grams_recorded, behaviour_delta)
                        values (:entry, :record, :grams, :recorded, :delta) on conflict do nothing""")
                .param("entry", entryId)
                .param("record", recordId)
                .param("grams", grams)
                .param("recorded", recordedGrams)
                .param("delta", behaviourDelta)
                .update();
        jdbc.sql("""
                        insert into participation_activity (scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category,
                            evidence, region, grams, grams_recorded, behaviour_delta, occurred_at, occurred_on)
                        select scope_kind, scope_id, :entry, user_id, record_id, behaviour, category, evidence, region, :grams,
                            :recorded, :delta, occurred_at, occurred_on
                        from participation_activity where record_id = :record and behaviour_delta = 1
                        on conflict do nothing
                        returning scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region, grams,
                            grams_recorded, behaviour_delta, occurred_on""")
                .param("entry", entryId)
                .param("record", recordId)
                .param("grams", grams)
                .param("recorded", recordedGrams)
                .param("delta", behaviourDelta)
                .query(Participation::counted)
                .list()
                .forEach(events::publishEvent);
    }

    private static BehaviourCounted counted(ResultSet rs, int row) throws SQLException {
        return new BehaviourCounted(
                new Scope(ScopeKind.valueOf(rs.getString("scope_kind")), rs.getObject("scope_id", UUID.class)),
                rs.getObject("entry_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("record_id", UUID.class),
                rs.getString("behaviour"),
                rs.getString("category"),
                rs.getString("evidence"),
                rs.getString("region"),
                rs.getLong("grams"),
                rs.getLong("grams_recorded"),
                rs.getInt("behaviour_delta"),
                rs.getDate("occurred_on").toLocalDate());
    }

    /** One row of a group's activity, as {@link #activitySince} hands it to a report that starts following the group. */
    @Transactional(readOnly = true)
    public List<BehaviourCounted> activitySince(Scope scope, LocalDate from) {
        return jdbc.sql("""
                        select scope_kind, scope_id, entry_id, user_id, record_id, behaviour, category, evidence, region, grams,
                            grams_recorded, behaviour_delta, occurred_on
                        from participation_activity
                        where scope_kind = :kind and scope_id = :scope and occurred_on >= cast(:from as date)
                        order by occurred_at""")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("from", Date.valueOf(from))
                .query(Participation::counted)
                .list();
    }

    /**
     * Whether activity row {@code a} still stands: its record has not been reversed in the same group. Written
     * {@code not_reversed(a)} in the statements below and put in by {@link #counting}, so every figure applies the
     * same test.
     */
    private static final String NOT_REVERSED = """
            not exists (select 1 from participation_activity r where r.scope_kind = a.scope_kind and r.scope_id = a.scope_id
                        and r.record_id = a.record_id and r.behaviour_delta = -1)""";

    private static String counting(String sql) {
        return sql.replace("not_reversed(a)", NOT_REVERSED);
    }

    /** The behaviours that count: credits whose record was not reversed. */
    private static final String COUNTED = counting("""
            counted as (
                select a.user_id, a.occurred_on from participation_activity a
                where a.scope_kind = :kind and a.scope_id = :scope and a.behaviour_delta = 1
                  and not_reversed(a)
            )""");

    /** Each person's current streak: the run of active days that ends today or yesterday. */
    private static final String STREAKS = """
            active_days as (select distinct user_id, occurred_on from counted where occurred_on <= cast(:today as date)),
            runs as (
                select user_id, max(occurred_on) as last_day, count(*) as length
                from (select user_id, occurred_on,
                          occurred_on - cast(row_number() over (partition by user_id order by occurred_on) as int) as run
                      from active_days) d
                group by user_id, run
            ),
            streak as (select user_id, max(length) as length from runs where last_day >= cast(:today as date) - 1 group by user_id)""";

    public Metrics metrics(Scope scope) {
        LocalDate today = today();
        return reads.jdbc()
                .sql("with " + COUNTED + ", " + STREAKS + """
                        ,
                        totals as (
                            select coalesce(sum(behaviour_delta), 0) as behaviours, coalesce(sum(grams), 0) as grams,
                                coalesce(sum(grams_recorded), 0) as grams_recorded
                            from participation_activity where scope_kind = :kind and scope_id = :scope
                        ),
                        members as (
                            select p.user_id, p.joined_at, p.left_at,
                                (select max(c.occurred_on) from counted c where c.user_id = p.user_id) as last_active
                            from participant p where p.scope_kind = :kind and p.scope_id = :scope
                        )
                        select
                            (select count(*) from members where left_at is null) as participants,
                            (select count(*) from members) as ever_joined,
                            t.behaviours, t.grams, t.grams_recorded,
                            (select count(distinct user_id) from counted where occurred_on > cast(:today as date) - 7 and occurred_on <= cast(:today as date)) as active7,
                            (select count(distinct user_id) from counted where occurred_on > cast(:today as date) - 30 and occurred_on <= cast(:today as date)) as active30,
                            (select count(distinct user_id) from counted where occurred_on > cast(:today as date) - 90 and occurred_on <= cast(:today as date)) as active90,
                            (select count(*) from members where joined_at <= cast(:now as timestamptz) - interval '30 days') as cohort30,
                            (select count(*) from members m where m.joined_at <= cast(:now as timestamptz) - interval '30 days'
                                and m.last_active >= (m.joined_at at time zone :zone)::date + 30) as retained30,
                            (select count(*) from members where joined_at <= cast(:now as timestamptz) - interval '90 days') as cohort90,
                            (select count(*) from members m where m.joined_at <= cast(:now as timestamptz) - interval '90 days'
                                and m.last_active >= (m.joined_at at time zone :zone)::date + 90) as retained90,
                            (select count(*) from streak where length >= 2) as on_streak,
                            (select count(*) from streak where length >= 7) as on_week_streak,
                            (select coalesce(max(length), 0) from streak) as longest_current
                        from totals t""")
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("zone", ProgrammeCalendar.ZONE_ID)
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Metrics(
                        rs.getLong("participants"),
                        rs.getLong("ever_joined"),
                        rs.getLong("behaviours"),
                        rs.getLong("grams"),
                        rs.getLong("grams_recorded"),
                        rs.getLong("active7"),
                        rs.getLong("active30"),
                        rs.getLong("active90"),
                        new Retention(30, rs.getLong("cohort30"), rs.getLong("retained30")),
                        new Retention(90, rs.getLong("cohort90"), rs.getLong("retained90")),
                        new Streaks(
                                rs.getLong("on_streak"), rs.getLong("on_week_streak"), rs.getInt("longest_current"))))
                .single();
    }

    /** Per day from {@code from} to {@code to}, every day present (zero where nothing was recorded). */
    public List<Day> daily(Scope scope, LocalDate from, LocalDate to) {
        return reads.jdbc()
                .sql(counting("""
                        select d.day::date as day, coalesce(sum(a.behaviour_delta), 0) as behaviours, coalesce(sum(a.grams), 0) as grams,
                            count(distinct a.user_id) filter (where a.behaviour_delta = 1 and not_reversed(a)) as active
                        from generate_series(cast(:from as date), cast(:to as date), interval '1 day') d(day)
                        left join participation_activity a on a.scope_kind = :kind and a.scope_id = :scope and a.occurred_on = d.day::date
                        group by d.day order by d.day"""))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .query((rs, n) -> new Day(
                        rs.getDate("day").toLocalDate(),
                        rs.getLong("behaviours"),
                        rs.getLong("grams"),
                        rs.getLong("active")))
                .list();
    }

    /** The latest behaviours in the group, named only for members who allow it. */
    @Transactional(readOnly = true)
    public List<FeedItem> feed(Scope scope, int limit) {
        return jdbc.sql(counting("""
                        select a.occurred_at, a.behaviour, a.category, a.grams, case when p.show_in_feed then u.display_name end as name
                        from participation_activity a
                        join participant p on p.scope_kind = a.scope_kind and p.scope_id = a.scope_id and p.user_id = a.user_id
                        join app_user u on u.id = a.user_id
                        where a.scope_kind = :kind and a.scope_id = :scope and a.behaviour_delta = 1
                          and not_reversed(a)
                        order by a.occurred_at desc limit :limit"""))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("limit", limit)
                .query((rs, n) -> new FeedItem(
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("behaviour"),
                        rs.getString("category"),
                        rs.getLong("grams"),
                        rs.getString("name")))
                .list();
    }

    /**
     * Individuals ranked over a period. Ties share a rank. Names show only for people who allow it; the viewer always
     * sees their own line named.
     */
    @Transactional(readOnly = true)
    public List<Standing> leaderboard(
            Scope scope, LocalDate from, LocalDate to, Ranking ranking, int limit, @Nullable UUID viewer) {
        String order = ranking == Ranking.REDUCTION ? "grams desc, active_days desc" : "active_days desc, grams desc";
        String rankBy = ranking == Ranking.REDUCTION ? "grams desc" : "active_days desc";
        return jdbc.sql(counting("with " + COUNTED + ", " + STREAKS + """
                        ,
                        period as (
                            select a.user_id, sum(a.behaviour_delta) as behaviours, sum(a.grams) as grams,
                                count(distinct a.occurred_on) filter (where a.behaviour_delta = 1 and not_reversed(a)) as active_days
                            from participation_activity a
                            where a.scope_kind = :kind and a.scope_id = :scope and a.occurred_on between cast(:from as date) and cast(:to as date)
                            group by a.user_id
                        )
                        select rank() over (order by %s) as rank, p.user_id,
                            case when pt.show_in_feed or p.user_id = :viewer then u.display_name end as name,
                            p.behaviours, p.grams, p.active_days, coalesce(s.length, 0) as streak
                        from period p join app_user u on u.id = p.user_id left join streak s on s.user_id = p.user_id
                        join participant pt on pt.scope_kind = :kind and pt.scope_id = :scope and pt.user_id = p.user_id
                        where p.behaviours > 0
                        order by %s, p.user_id limit :limit""".formatted(rankBy, order)))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("today", Date.valueOf(today()))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("viewer", viewer)
                .param("limit", limit)
                .query((rs, n) -> new Standing(
                        rs.getInt("rank"),
                        rs.getObject("user_id", UUID.class).equals(viewer),
                        rs.getString("name"),
                        rs.getLong("behaviours"),
                        rs.getLong("grams"),
                        rs.getLong("active_days"),
                        rs.getInt("streak")))
                .list();
    }

    /** Teams in a group with their current members' totals over a period. */
    public List<TeamStanding> teams(Scope scope, LocalDate from, LocalDate to) {
        return reads.jdbc()
                .sql(counting("""
                        select p.team_id, count(distinct p.user_id) as members,
                            count(distinct a.user_id) filter (where a.behaviour_delta = 1 and not_reversed(a)) as active,
                            coalesce(sum(a.behaviour_delta), 0) as behaviours, coalesce(sum(a.grams), 0) as grams
                        from participant p
                        left join participation_activity a on a.scope_kind = p.scope_kind and a.scope_id = p.scope_id
                            and a.user_id = p.user_id and a.occurred_on between cast(:from as date) and cast(:to as date)
                        where p.scope_kind = :kind and p.scope_id = :scope and p.team_id is not null and p.left_at is null
                        group by p.team_id"""))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new TeamStanding(
                        rs.getObject("team_id", UUID.class),
                        rs.getLong("members"),
                        rs.getLong("active"),
                        rs.getLong("behaviours"),
                        rs.getLong("grams")))
                .list();
    }

    /** A community's size and how many of its current members took part in a group during a period. */
    public record Turnout(UUID communityId, long members, long taking) {
        public double rate() {
            return members == 0 ? 0 : (double) taking / members;
        }
    }

    /**
     * For every community with members in a group: its size, and how many of them recorded a behaviour in the group
     * during the period — the participation rate that lets a small community beat a large one.
     */
    public List<Turnout> turnoutByCommunity(Scope scope, LocalDate from, LocalDate to) {
        return reads.jdbc()
                .sql(counting("""
                        with taking as (
                            select distinct a.user_id from participation_activity a
                            where a.scope_kind = :kind and a.scope_id = :scope and a.behaviour_delta = 1
                              and not_reversed(a)
                              and a.occurred_on between cast(:from as date) and cast(:to as date)
                        )
                        select c.scope_id as community, count(*) as members, count(t.user_id) as taking
                        from participant c left join taking t on t.user_id = c.user_id
                        where c.scope_kind = 'COMMUNITY' and c.left_at is null
                          and c.scope_id in (select c2.scope_id from participant c2 join taking t2 on t2.user_id = c2.user_id
                                             where c2.scope_kind = 'COMMUNITY' and c2.left_at is null)
                        group by c.scope_id"""))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) ->
                        new Turnout(rs.getObject("community", UUID.class), rs.getLong("members"), rs.getLong("taking")))
                .list();
    }

    /** Everyone who ever took part, for the organiser's export. */
    public List<Member> members(Scope scope) {
        return reads.jdbc()
                .sql(counting("""
                        select p.user_id, u.display_name, p.joined_at, p.left_at, p.team_id,
                            coalesce(sum(a.behaviour_delta), 0) as behaviours, coalesce(sum(a.grams), 0) as grams,
                            max(a.occurred_on) filter (where a.behaviour_delta = 1 and not_reversed(a)) as last_active
                        from participant p join app_user u on u.id = p.user_id
                        left join participation_activity a on a.scope_kind = p.scope_kind and a.scope_id = p.scope_id and a.user_id = p.user_id
                        where p.scope_kind = :kind and p.scope_id = :scope
                        group by p.user_id, u.display_name, p.joined_at, p.left_at, p.team_id
                        order by p.joined_at"""))
                .param("kind", scope.kind().name())
                .param("scope", scope.id())
                .query((rs, n) -> new Member(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("display_name"),
                        rs.getTimestamp("joined_at").toInstant(),
                        rs.getTimestamp("left_at") == null
                                ? null
                                : rs.getTimestamp("left_at").toInstant(),
                        rs.getObject("team_id", UUID.class),
                        rs.getLong("behaviours"),
                        rs.getLong("grams"),
                        rs.getDate("last_active") == null
                                ? null
                                : rs.getDate("last_active").toLocalDate()))
                .list();
    }

    public LocalDate today() {
        return ProgrammeCalendar.today(clock);
    }
}
