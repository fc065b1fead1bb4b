package org.lowcarbontogether.schools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A class's figures, from its pupils' ledgers: the class total (every pupil's entries: credits less reversals, with the
 * methodology versions that computed them — unknown, never zero, while no pupil has a credited record), participation
 * this week (how many joined, how many recorded — counts, never a ranking), and the class's challenges with their
 * progress. Only a teacher of the class's school sees the dashboard and the export; a pupil sees the class total and
 * the challenges, never another pupil.
 */
@Service
public class ClassFigures {

    /** What a class's challenge counts: behaviours recorded, or grams of CO2e avoided. */
    public enum Measure {
        ACTIONS,
        GRAMS
    }

    /** A class's total: behaviours and grams; {@code reduction} is null (unknown) while nothing is credited. */
    public record Total(long behaviours, @Nullable CarbonQuantity reduction, SortedSet<String> methodologyVersions) {}

    /** A challenge and how far the class has come (days in China time, both inclusive). */
    public record Challenge(
            UUID id, Measure measure, long target, LocalDate startsOn, LocalDate endsOn, long progress, boolean open) {

        public int percent() {
            return (int) Math.min(100, progress * 100 / target);
        }
    }

    /** A pupil as the class's teachers see them: nickname, age, when they joined, whether the guardian consented. */
    public record Pupil(UUID id, String nickname, int age, Instant joinedAt, boolean consented) {}

    /** The teacher's dashboard. */
    public record Dashboard(
            Schools.SchoolClass schoolClass,
            int pupils,
            int consented,
            int joinedThisWeek,
            int recordedThisWeek,
            Total total,
            List<Challenge> challenges,
            List<Pupil> pupilList) {}

    /** What a pupil sees: their class, its total and challenges. */
    public record ClassView(Schools.SchoolClass schoolClass, Total total, List<Challenge> challenges) {}

    private final JdbcClient jdbc;
    private final Schools schools;
    private final Ledger ledger;
    private final org.lowcarbontogether.account.GuardianConsents guardians;
    private final Clock clock;

    ClassFigures(
            JdbcClient jdbc,
            Schools schools,
            Ledger ledger,
            org.lowcarbontogether.account.GuardianConsents guardians,
            Clock clock) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.ledger = ledger;
        this.guardians = guardians;
        this.clock = clock;
    }

    /** The teacher's dashboard for a class; 404 for anyone but a teacher of its school. */
    @Transactional(readOnly = true)
    public Dashboard dashboard(Actor me, UUID classId) {
        var schoolClass = schools.get(me, classId);
        var pupils = pupils(classId);
        var pending = guardians.pendingAmong(pupils.stream().map(Pupil::id).toList());
        var withConsent = pupils.stream()
                .map(p -> new Pupil(p.id(), p.nickname(), p.age(), p.joinedAt(), !pending.contains(p.id())))
                .toList();
        LocalDate today = ProgrammeCalendar.today(clock);
        Instant weekStart = ProgrammeCalendar.startOf(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        Instant now = clock.instant();
        int joined = (int)
                pupils.stream().filter(p -> !p.joinedAt().isBefore(weekStart)).count();
        int recorded = (int) ledger.activities(ids(pupils), weekStart, now.plusSeconds(1)).values().stream()
                .filter(a -> a.behaviours() > 0)
                .count();
        return new Dashboard(
                schoolClass,
                pupils.size(),
                (int) withConsent.stream().filter(Pupil::consented).count(),
                joined,
                recorded,
                total(pupils),
                challenges(classId, pupils),
                withConsent);
    }

    /** The class a pupil is in, its total and its challenges. */
    @Transactional(readOnly = true)
    public ClassView forPupil(Actor me) {
        var schoolClass = schools.classOfPupil(me);
        var pupils = pupils(schoolClass.id());
        return new ClassView(schoolClass, total(pupils), challenges(schoolClass.id(), pupils));
    }

    /** The class total for a teacher of its school. */
    @Transactional(readOnly = true)
    public Total total(Actor me, UUID classId) {
        schools.get(me, classId);
        return total(pupils(classId));
    }

    /**
     * A teacher sets the class a challenge: a measure, a positive target and a period of at most a school year
     * (366 days); invalid fields together.
     */
    @Transactional
    public Challenge addChallenge(
            Actor me,
            UUID classId,
            @Nullable String measure,
            @Nullable Long target,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn) {
        schools.get(me, classId);
        var violations = new ArrayList<Violation>();
        Measure parsed = null;
        try {
            parsed = measure == null ? null : Measure.valueOf(measure);
        } catch (IllegalArgumentException unknown) {
            parsed = null;
        }
        if (parsed == null) {
            violations.add(Violation.of("measure", "challenge-measure-invalid"));
        }
        if (target == null || target <= 0) {
            violations.add(Violation.of("target", "challenge-target-invalid"));
        }
        if (startsOn == null
                || endsOn == null
                || endsOn.isBefore(startsOn)
                || startsOn.plusDays(366).isBefore(endsOn)) {
            violations.add(Violation.of("endsOn", "challenge-period-invalid"));
        }
        if (!violations.isEmpty() || parsed == null || target == null || startsOn == null || endsOn == null) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into class_challenge (id, class_id, measure, target, starts_on, ends_on, created_by,
                            created_at)
                        values (:id, :class, :measure, :target, :from, :to, :by, :now)""")
                .param("id", id)
                .param("class", classId)
                .param("measure", parsed.name())
                .param("target", target)
                .param("from", startsOn)
                .param("to", endsOn)
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return challenges(classId, pupils(classId)).stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The class's figures as CSV for a teacher of its school: the class total with its methodology versions, this
     * week's participation and each challenge — no row per pupil, so the sheet ranks nobody.
     */
    @Transactional(readOnly = true)
    public byte[] exportCsv(Actor me, UUID classId) {
        var dashboard = dashboard(me, classId);
        var out = new ByteArrayOutputStream();
        var lines = new ArrayList<String>();
        var c = dashboard.schoolClass();
        lines.add("school,class,grade,school_year,pupils,consented,joined_this_week,recorded_this_week,"
                + "behaviours,reduction_grams,methodology_versions");
        var total = dashboard.total();
        lines.add(String.join(
                ",",
                csv(c.schoolName()),
                csv(c.name()),
                String.valueOf(c.grade()),
                c.schoolYear(),
                String.valueOf(dashboard.pupils()),
                String.valueOf(dashboard.consented()),
                String.valueOf(dashboard.joinedThisWeek()),
                String.valueOf(dashboard.recordedThisWeek()),
                String.valueOf(total.behaviours()),
                total.reduction() == null
                        ? ""
                        : String.valueOf(total.reduction().grams()),
                csv(String.join(" ", total.methodologyVersions()))));
        lines.add("");
        lines.add("challenge,measure,target,starts_on,ends_on,progress");
        for (var challenge : dashboard.challenges()) {
            lines.add(String.join(
                    ",",
                    challenge.id().toString(),
                    challenge.measure().name(),
                    String.valueOf(challenge.target()),
                    challenge.startsOn().toString(),
                    challenge.endsOn().toString(),
                    String.valueOf(challenge.progress())));
        }
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    List<Pupil> pupils(UUID classId) {
        return jdbc.sql("""
                        select user_id, nickname, age, joined_at from school_pupil
                        where class_id = :class and left_at is null order by nickname, joined_at""")
                .param("class", classId)
                .query((rs, n) -> new Pupil(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("nickname"),
                        rs.getInt("age"),
                        rs.getTimestamp("joined_at").toInstant(),
                        true))
                .list();
    }

    /**
     * Every ledger entry of the class's pupils (a pupil's account exists only for the class), summed in the ledger: a
     * pupil with entries has a credit among them, so the total is known as soon as anyone has entries.
     */
    Total total(List<Pupil> pupils) {
        var ids = ids(pupils);
        // Everything: records may say they happened a little ahead of the server's clock.
        var activities = ledger.activities(ids, Instant.EPOCH, clock.instant().plus(Duration.ofDays(1)));
        long behaviours = activities.values().stream()
                .mapToLong(Ledger.Activity::behaviours)
                .sum();
        long grams = activities.values().stream()
                .mapToLong(a -> a.reduction().grams())
                .sum();
        return new Total(
                behaviours,
                activities.isEmpty() ? null : CarbonQuantity.ofGrams(grams),
                activities.isEmpty() ? new TreeSet<>() : ledger.methodologyVersions(ids));
    }

    private static List<UUID> ids(List<Pupil> pupils) {
        return pupils.stream().map(Pupil::id).toList();
    }

    private List<Challenge> challenges(UUID classId, List<Pupil> pupils) {
        LocalDate today = ProgrammeCalendar.today(clock);
        return jdbc.sql("""
                        select id, measure, target, starts_on, ends_on from class_challenge
                        where class_id = :class order by starts_on desc, created_at desc""")
                .param("class", classId)
                .query((rs, n) -> {
                    LocalDate from = rs.getObject("starts_on", LocalDate.class);
                    LocalDate to = rs.getObject("ends_on", LocalDate.class);
                    Measure measure = Measure.valueOf(rs.getString("measure"));
                    long progress = ledger
                            .activities(
                                    ids(pupils),
                                    ProgrammeCalendar.startOf(from),
                                    ProgrammeCalendar.startOf(to.plusDays(1)))
                            .values()
                            .stream()
                            .mapToLong(a -> measure == Measure.ACTIONS
                                    ? a.behaviours()
                                    : a.reduction().grams())
                            .sum();
                    return new Challenge(
                            rs.getObject("id", UUID.class),
                            measure,
                            rs.getLong("target"),
                            from,
                            to,
                            Math.max(0, progress),
                            !today.isBefore(from) && !today.isAfter(to));
                })
                .list();
    }
}
