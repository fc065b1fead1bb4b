package org.lowcarbontogether.incentives;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.JsonTexts;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each person's points: an append-only ledger of entries and an account row holding the balance. Every change locks
 * the account row first (one statement creates and locks it), appends one entry per source — a source that was booked
 * already is not booked again — and moves the balance, which a constraint keeps from going below zero.
 */
@Service
public class Points {

    /** A person's points at a glance. */
    public record Summary(
            long balance,
            long lifetimeEarned,
            PointsRules.Level level,
            PointsRules.@Nullable Level nextLevel,
            Streak streak,
            String rulesVersion) {}

    /** Consecutive days (programme time) with a credited behaviour: the run reaching today or yesterday, and the longest. */
    public record Streak(int current, int longest, @Nullable LocalDate lastActiveDay) {}

    /** The locked account row, as a change sees it. */
    record Locked(
            long balance, long lifetimeEarned, @Nullable Instant firstCreditAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PointsRules rules;
    private final Clock clock;

    Points(JdbcClient jdbc, JsonMapper json, PointsRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Summary summary(UUID userId) {
        var row = jdbc.sql("select balance, lifetime_earned from points_account where user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .optional()
                .orElse(new long[] {0, 0});
        var current = rules.current();
        return new Summary(
                row[0],
                row[1],
                current.levelFor(row[1]),
                current.nextLevel(row[1]).orElse(null),
                streak(userId),
                current.version());
    }

    /** The newest entries of a person's points ledger. */
    @Transactional(readOnly = true)
    public List<PointsEntry> entries(UUID userId, int limit) {
        return jdbc.sql("""
                        select id, kind, points, source_kind, source_id, record_id, behaviour, day, rules_version, reason::text as reason,
                            booked_at
                        from points_entry where user_id = :user order by booked_at desc, id limit :limit""")
                .param("user", userId)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(this::map)
                .list();
    }

    /**
     * The person's streaks from the days of their earning entries whose credit was not reversed. Consecutive days
     * form one run (gaps and islands); the current streak is the run that reaches today or yesterday.
     */
    @Transactional(readOnly = true)
    public Streak streak(UUID userId) {
        return Objects.requireNonNull(streaks(List.of(userId)).get(userId), "every person asked for has a streak");
    }

    /** {@link #streak} for several people at once: one query. */
    @Transactional(readOnly = true)
    Map<UUID, Streak> streaks(Collection<UUID> userIds) {
        var runs = new HashMap<UUID, List<Object[]>>();
        jdbc.sql("""
                        with days as (
                            select user_id, day from points_tally where user_id = any(:users)
                            group by user_id, day having sum(earnings) > 0
                        ), runs as (
                            select user_id, day, day - cast(row_number() over (partition by user_id order by day) as integer) as run
                            from days
                        )
                        select user_id, max(day) as last_day, count(*) as length from runs group by user_id, run""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .query((rs, n) -> runs.computeIfAbsent(rs.getObject("user_id", UUID.class), u -> new ArrayList<>())
                        .add(new Object[] {rs.getDate("last_day").toLocalDate(), rs.getInt("length")}))
                .list();
        LocalDate today = ProgrammeCalendar.today(clock);
        var streaks = new HashMap<UUID, Streak>();
        for (UUID user : userIds) {
            int longest = 0;
            int current = 0;
            LocalDate last = null;
            for (Object[] run : runs.getOrDefault(user, List.of())) {
                LocalDate end = (LocalDate) run[0];
                int length = (Integer) run[1];
                longest = Math.max(longest, length);
                if (!end.isBefore(today.minusDays(1))) {
                    current = Math.max(current, length);
                }
                if (last == null || end.isAfter(last)) {
                    last = end;
                }
            }
            streaks.put(user, new Streak(current, longest, last));
        }
        return streaks;
    }

    /** Creates the person's account on first use and locks its row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    Locked lock(UUID userId) {
        return Objects.requireNonNull(lockAll(List.of(userId)).get(userId), "every person asked for is locked");
    }

    /** Locks several people's accounts (creating them on first use) in the database's key order. */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, Locked> lockAll(List<UUID> sortedUserIds) {
        // Accounts met for the first time are created (an account that exists is not written), then all are locked
        // in key order. An upsert that "updated" every row to lock it wrote a new version of each account per batch.
        jdbc.sql("""
                        insert into points_account (user_id, balance, lifetime_earned, updated_at)
                        select u.user_id, 0, 0, now() from unnest(:users) with ordinality as u(user_id, n) order by u.n
                        on conflict (user_id) do nothing""")
                .param("users", new SqlArrayValue("uuid", sortedUserIds.toArray()))
                .update();
        var locked = new HashMap<UUID, Locked>();
        jdbc.sql("""
                        select user_id, balance, lifetime_earned, first_credit_at from points_account
                        where user_id = any(:users) order by user_id for update""")
                .param("users", new SqlArrayValue("uuid", sortedUserIds.toArray()))
                .query((rs, n) -> locked.put(
                        rs.getObject(1, UUID.class),
                        new Locked(
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getTimestamp(4) == null
                                        ? null
                                        : rs.getTimestamp(4).toInstant())))
                .list();
        return locked;
    }

    /**
     * Points already earned per behaviour, for each (person, day) pair: one query, each pair read from its tallies
     * through the key (summing the day's entries was one of the listener's dearest statements).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, Map<LocalDate, Map<String, Long>>> earnedOn(List<UUID> userIds, List<LocalDate> days) {
        var earned = new HashMap<UUID, Map<LocalDate, Map<String, Long>>>();
        for (int i = 0; i < userIds.size(); i++) {
            earned.computeIfAbsent(userIds.get(i), u -> new HashMap<>()).put(days.get(i), new HashMap<>());
        }
        jdbc.sql("""
                        select p.user_id, p.day, t.behaviour, t.points from unnest(:users, :days) as p(user_id, day)
                        cross join lateral (select behaviour, points from points_tally
                                            where user_id = p.user_id and day = p.day offset 0) t""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .param(
                        "days",
                        new SqlArrayValue(
                                "date", days.stream().map(Date::valueOf).toArray()))
                // every row is one of the pairs put in above
                .query((rs, n) -> Objects.requireNonNull(Objects.requireNonNull(earned.get(rs.getObject(1, UUID.class)))
                                .get(rs.getDate(2).toLocalDate()))
                        .put(rs.getString(3), rs.getLong(4)))
                .list();
        return earned;
    }

    /** An earning to book with {@link #earnAll}. */
    record Earned(
            UUID userId,
            long points,
            String sourceKind,
            UUID sourceId,
            UUID recordId,
            String behaviour,
            LocalDate day,
            PointsReason reason) {}

    /**
     * Books earnings of several people at once, their accounts locked by this transaction: the entries in one
     * statement, the accounts and the tallies in one each. A source booked already (by a concurrent delivery of the same
     * event) keeps its first entry and moves nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void earnAll(List<Earned> earnings) {
        if (earnings.isEmpty()) {
            return;
        }
        Instant bookedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var inserted = new HashSet<UUID>();
        jdbc.sql("""
                        insert into points_entry (user_id, id, kind, points, source_kind, source_id, record_id, behaviour, day,
                            rules_version, reason, booked_at)
                        select e.user_id, e.id, 'EARNED', e.points, e.source_kind, e.source_id, e.record_id, e.behaviour, e.day,
                            e.rules_version, r.reason, :bookedAt
                        from unnest(:users, :ids, :points, :sourceKinds, :sources, :records, :behaviours, :days, :rules)
                            with ordinality as e(user_id, id, points, source_kind, source_id, record_id, behaviour, day, rules_version, n)
                        join json_array_elements(cast(:reasons as json)) with ordinality as r(reason, n) using (n)
                        order by e.n
                        on conflict (user_id, source_kind, source_id) do nothing
                        returning source_id""")
                .param(
                        "users",
                        new SqlArrayValue(
                                "uuid", earnings.stream().map(Earned::userId).toArray()))
                .param(
                        "ids",
                        new SqlArrayValue(
                                "uuid",
                                earnings.stream().map(e -> UUID.randomUUID()).toArray()))
                .param(
                        "points",
                        new SqlArrayValue(
                                "int8", earnings.stream().map(Earned::points).toArray()))
                .param(
                        "sourceKinds",
                        new SqlArrayValue(
                                "text",
                                earnings.stream().map(Earned::sourceKind).toArray()))
                .param(
                        "sources",
                        new SqlArrayValue(
                                "uuid", earnings.stream().map(Earned::sourceId).toArray()))
                .param(
                        "records",
                        new SqlArrayValue(
                                "uuid", earnings.stream().map(Earned::recordId).toArray()))
                .param(
                        "behaviours",
                        new SqlArrayValue(
                                "text", earnings.stream().map(Earned::behaviour).toArray()))
                .param(
                        "days",
                        new SqlArrayValue(
                                "date",
                                earnings.stream()
                                        .map(e -> Date.valueOf(e.day()))
                                        .toArray()))
                .param(
                        "rules",
                        new SqlArrayValue(
                                "text",
                                earnings.stream()
                                        .map(e -> e.reason().rulesVersion())
                                        .toArray()))
                .param(
                        "reasons",
                        JsonTexts.array(earnings.stream()
                                .map(e -> json.writeValueAsString(e.reason()))
                                .toList()))
                .param("bookedAt", Timestamp.from(bookedAt))
                .query(UUID.class)
                .list()
                .forEach(inserted::add);
        var booked =
                earnings.stream().filter(e -> inserted.contains(e.sourceId())).toList();
        if (booked.isEmpty()) {
            return;
        }
        var perUser = new TreeMap<UUID, Long>();
        booked.forEach(e -> perUser.merge(e.userId(), e.points(), Long::sum));
        // The accounts exist and are locked (lockAll); the upsert moves each through its key.
        jdbc.sql("""
                        insert into points_account as a (user_id, balance, lifetime_earned, first_credit_at, updated_at)
                        select u.user_id, u.points, u.points, :bookedAt, :bookedAt from unnest(:users, :points) as u(user_id, points)
                        on conflict (user_id) do update set balance = a.balance + excluded.balance,
                            lifetime_earned = a.lifetime_earned + excluded.lifetime_earned,
                            first_credit_at = coalesce(a.first_credit_at, excluded.first_credit_at), updated_at = excluded.updated_at""")
                .param("users", new SqlArrayValue("uuid", perUser.keySet().toArray()))
                .param("points", new SqlArrayValue("int8", perUser.values().toArray()))
                .param("bookedAt", Timestamp.from(bookedAt))
                .update();
        // Tallies: every earning adds its points (the day's caps count them); it counts as an earning unless its record
        // was clawed back before it (see untally()). The claw-back check probes the index once per earning (offset 0
        // keeps it a sub-plan): as an anti-join it was sometimes planned as a hash of every points entry, 7 ms a batch
        // instead of 0.1.
        jdbc.sql("""
                        insert into points_tally (user_id, day, behaviour, earnings, points)
                        select e.user_id, e.day, e.behaviour,
                            sum(case when exists (select 1 from points_entry c where c.user_id = e.user_id and c.kind = 'CLAWBACK'
                                                  and c.record_id = e.record_id offset 0) then 0 else 1 end),
                            sum(e.points)
                        from unnest(:users, :days, :behaviours, :records, :points) as e(user_id, day, behaviour, record_id, points)
                        group by e.user_id, e.day, e.behaviour
                        order by e.user_id, e.day, e.behaviour
                        on conflict (user_id, day, behaviour) do update set earnings = points_tally.earnings + excluded.earnings,
                            points = points_tally.points + excluded.points""")
                .param(
                        "users",
                        new SqlArrayValue(
                                "uuid", booked.stream().map(Earned::userId).toArray()))
                .param(
                        "days",
                        new SqlArrayValue(
                                "date",
                                booked.stream().map(e -> Date.valueOf(e.day())).toArray()))
                .param(
                        "behaviours",
                        new SqlArrayValue(
                                "text", booked.stream().map(Earned::behaviour).toArray()))
                .param(
                        "records",
                        new SqlArrayValue(
                                "uuid", booked.stream().map(Earned::recordId).toArray()))
                .param(
                        "points",
                        new SqlArrayValue(
                                "int8", booked.stream().map(Earned::points).toArray()))
                .update();
    }

    /** The entry booked for a source, if there is one. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<PointsEntry> bySource(UUID userId, String sourceKind, UUID sourceId) {
        return jdbc.sql("""
                        select id, kind, points, source_kind, source_id, record_id, behaviour, day, rules_version, reason::text as reason,
                            booked_at
                        from points_entry where user_id = :user and source_kind = :kind and source_id = :source""")
                .param("user", userId)
                .param("kind", sourceKind)
                .param("source", sourceId)
                .query(this::map)
                .optional();
    }

    /** Everything booked for a record (earning and claw-back), oldest first. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<PointsEntry> forRecord(UUID userId, UUID recordId) {
        return jdbc.sql("""
                        select id, kind, points, source_kind, source_id, record_id, behaviour, day, rules_version, reason::text as reason,
                            booked_at
                        from points_entry where user_id = :user and record_id = :record order by booked_at""")
                .param("user", userId)
                .param("record", recordId)
                .query(this::map)
                .list();
    }

    /**
     * Of these (person, source) pairs, those booked already. Like every batch lookup here, each pair is probed through
     * the index on its own ({@code lateral … offset 0}), whatever the statistics say about the table.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Set<UUID> booked(String sourceKind, List<UUID> userIds, List<UUID> sourceIds) {
        return new HashSet<>(jdbc.sql("""
                        select e.source_id from unnest(:users, :sources) as s(user_id, source_id)
                        cross join lateral (select e.source_id from points_entry e
                                            where e.user_id = s.user_id and e.source_kind = :kind and e.source_id = s.source_id
                                            offset 0) e""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .param("sources", new SqlArrayValue("uuid", sourceIds.toArray()))
                .param("kind", sourceKind)
                .query(UUID.class)
                .list());
    }

    /** Of these (person, record) pairs, the records whose points were clawed back already. */
    @Transactional(propagation = Propagation.MANDATORY)
    Set<UUID> clawedBack(List<UUID> userIds, List<UUID> recordIds) {
        return new HashSet<>(jdbc.sql("""
                        select e.record_id from unnest(:users, :records) as r(user_id, record_id)
                        cross join lateral (select e.record_id from points_entry e
                                            where e.user_id = r.user_id and e.record_id = r.record_id and e.kind = 'CLAWBACK'
                                            offset 0) e""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .param("records", new SqlArrayValue("uuid", recordIds.toArray()))
                .query(UUID.class)
                .list());
    }

    /**
     * Appends an entry and moves the balance by {@code points} and lifetime earned points by {@code lifetimeDelta}. The
     * account must be locked by this transaction. A source booked already keeps its first entry, which is returned.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    PointsEntry append(
            UUID userId,
            PointsEntry.Kind kind,
            long points,
            long lifetimeDelta,
            String sourceKind,
            UUID sourceId,
            @Nullable UUID recordId,
            @Nullable String behaviour,
            @Nullable LocalDate day,
            PointsReason reason) {
        UUID id = UUID.randomUUID();
        Instant bookedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int inserted = jdbc.sql("""
                        insert into points_entry (user_id, id, kind, points, source_kind, source_id, record_id, behaviour, day,
                            rules_version, reason, booked_at)
                        values (:user, :id, :kind, :points, :sourceKind, :sourceId, :record, :behaviour, :day, :rules,
                            cast(:reason as json), :bookedAt)
                        on conflict (user_id, source_kind, source_id) do nothing""")
                .param("user", userId)
                .param("id", id)
                .param("kind", kind.name())
                .param("points", points)
                .param("sourceKind", sourceKind)
                .param("sourceId", sourceId)
                .param("record", recordId)
                .param("behaviour", behaviour)
                .param("day", day == null ? null : Date.valueOf(day))
                .param("rules", reason.rulesVersion())
                .param("reason", json.writeValueAsString(reason))
                .param("bookedAt", Timestamp.from(bookedAt))
                .update();
        if (inserted == 0) {
            return bySource(userId, sourceKind, sourceId).orElseThrow();
        }
        if (kind == PointsEntry.Kind.CLAWBACK && recordId != null) {
            untally(userId, id, recordId);
        }
        jdbc.sql("""
                        update points_account set balance = balance + :points, lifetime_earned = lifetime_earned + :lifetime,
                            first_credit_at = case when :earned then coalesce(first_credit_at, :bookedAt) else first_credit_at end,
                            updated_at = :bookedAt
                        where user_id = :user""")
                .param("points", points)
                .param("lifetime", lifetimeDelta)
                .param("earned", kind == PointsEntry.Kind.EARNED)
                .param("bookedAt", Timestamp.from(bookedAt))
                .param("user", userId)
                .update();
        return new PointsEntry(
                id,
                kind,
                points,
                sourceKind,
                sourceId,
                recordId,
                behaviour,
                day,
                reason.rulesVersion(),
                reason,
                bookedAt);
    }

    /**
     * Keeps {@code points_tally} — earnings per day and behaviour whose credit stands — in step with a claw-back just
     * appended: the first claw-back of a record uncounts its earning ({@link #earnAll} counts earnings).
     */
    private void untally(UUID userId, UUID entryId, UUID recordId) {
        jdbc.sql("""
                        update points_tally t set earnings = t.earnings - 1
                        from points_entry e
                        where e.user_id = :user and e.record_id = :record and e.kind = 'EARNED'
                          and t.user_id = e.user_id and t.day = e.day and t.behaviour = e.behaviour
                          and not exists (select 1 from points_entry c where c.user_id = :user and c.record_id = :record
                                          and c.kind = 'CLAWBACK' and c.id <> :entry)""")
                .param("user", userId)
                .param("record", recordId)
                .param("entry", entryId)
                .update();
    }

    private PointsEntry map(ResultSet rs, int row) throws SQLException {
        Date day = rs.getDate("day");
        return new PointsEntry(
                rs.getObject("id", UUID.class),
                PointsEntry.Kind.valueOf(rs.getString("kind")),
                rs.getLong("points"),
                rs.getString("source_kind"),
                rs.getObject("source_id", UUID.class),
                rs.getObject("record_id", UUID.class),
                rs.getString("behaviour"),
                day == null ? null : day.toLocalDate(),
                rs.getString("rules_version"),
                json.readValue(rs.getString("reason"), PointsReason.class),
                rs.getTimestamp("booked_at").toInstant());
    }
}
