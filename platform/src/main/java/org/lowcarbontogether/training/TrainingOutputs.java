package org.lowcarbontogether.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a grant programme's training adds up to, for its office and its executive summary: per grantee organisation
 * (the courses it organised) and across the programme (the grantees' courses and the grantees' courses the programme
 * office's organisation organised), the courses and sessions held in a period, the trainees who attended them, the NGOs trained (grantee
 * organisations whose members attended a grantees' course) and the cohorts' follow-up change pooled — the same figures
 * as {@link FollowUp}'s, summed over every cohort whose window is over. A session is held in the period when its cohort
 * is measured from a day in it (its start; a self-paced one's first attendance). Trainee counts and follow-up groups
 * of fewer people than the minimum group size are withheld. Observed association, not causal proof.
 */
@Service
public class TrainingOutputs {

    /** One window's pooled change: the cohort members measured (a person counts once per cohort) and their figures. */
    public record Change(
            int weeks,
            int people,
            boolean suppressed,
            @Nullable Integer sharePercentBefore,
            @Nullable Integer sharePercentAfter,
            @Nullable Long weeklyGramsBefore,
            @Nullable Long weeklyGramsAfter) {}

    /** The figures of one grantee, or of the programme; {@code trainees} is null when withheld (too few people). */
    public record Figures(
            int courses, int sessions, @Nullable Integer trainees, int ngosTrained, List<Change> change) {

        public boolean empty() {
            return sessions == 0;
        }
    }

    /** The programme's figures and each grantee organisation's, in the order the grantees were given. */
    public record Report(Figures programme, Map<UUID, Figures> byGrantee, int minimumGroupSize) {}

    private record Cohort(
            UUID sessionId, UUID courseId, UUID organisationId, boolean forGrantees, Instant starts, Instant ends) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Ledger ledger;
    private final int minimum;

    TrainingOutputs(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Ledger ledger,
            @Value("${lct.open-data.min-group-size:10}") int minimum) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.ledger = ledger;
        this.minimum = minimum;
    }

    /**
     * The training figures of a programme run by the {@code office} organisation whose grantees are these
     * organisations, for sessions held from … to (both days included).
     */
    @Transactional(readOnly = true)
    public Report of(UUID office, Collection<UUID> grantees, LocalDate from, LocalDate to) {
        var granteeIds = new ArrayList<>(new LinkedHashSet<>(grantees));
        // an IN list may not be empty; a random id matches nothing
        var orgs = granteeIds.isEmpty() ? List.of(UUID.randomUUID()) : granteeIds;
        var cohorts = new ArrayList<Cohort>();
        jdbc.sql("""
                        select s.id, s.course_id, c.organisation_id, c.audience = 'GRANTEES',
                            coalesce(s.starts_at, (select min(a.attended_at) from course_attendance a where a.session_id = s.id)),
                            coalesce(s.ends_at, s.starts_at, (select min(a.attended_at) from course_attendance a where a.session_id = s.id))
                        from course_session s join course c on c.id = s.course_id
                        where (c.organisation_id in (:orgs) or (c.organisation_id = :office and c.audience = 'GRANTEES'))
                            and exists (select 1 from course_attendance a where a.session_id = s.id)""")
                .param("orgs", orgs)
                .param("office", office)
                .query((rs, n) -> new Cohort(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()))
                .list()
                .forEach(c -> {
                    var day = ProgrammeCalendar.dayOf(c.starts());
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        cohorts.add(c);
                    }
                });
        var attendees = new HashMap<UUID, List<UUID>>();
        if (!cohorts.isEmpty()) {
            jdbc.sql("select session_id, user_id from course_attendance where session_id in (:sessions)")
                    .param("sessions", cohorts.stream().map(Cohort::sessionId).toList())
                    .query((rs, n) -> {
                        attendees
                                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(rs.getObject(2, UUID.class));
                        return 0;
                    })
                    .list();
        }
        var membersOf = new LinkedHashMap<UUID, Set<UUID>>();
        for (UUID grantee : granteeIds) {
            var members = new HashSet<UUID>();
            organisations.members(grantee).forEach(m -> members.add(m.userId()));
            membersOf.put(grantee, members);
        }
        var byGrantee = new LinkedHashMap<UUID, Figures>();
        for (UUID grantee : granteeIds) {
            byGrantee.put(
                    grantee,
                    figures(
                            cohorts.stream()
                                    .filter(c -> c.organisationId().equals(grantee))
                                    .toList(),
                            attendees,
                            membersOf));
        }
        return new Report(figures(cohorts, attendees, membersOf), byGrantee, minimum);
    }

    private Figures figures(List<Cohort> cohorts, Map<UUID, List<UUID>> attendees, Map<UUID, Set<UUID>> membersOf) {
        var trainees = new HashSet<UUID>();
        var trainedInGranteesCourses = new HashSet<UUID>();
        for (var c : cohorts) {
            var people = attendees.getOrDefault(c.sessionId(), List.of());
            trainees.addAll(people);
            if (c.forGrantees()) {
                trainedInGranteesCourses.addAll(people);
            }
        }
        int ngos = (int) membersOf.values().stream()
                .filter(members -> members.stream().anyMatch(trainedInGranteesCourses::contains))
                .count();
        var change = new ArrayList<Change>();
        for (int weeks : FollowUp.WINDOWS) {
            change.add(change(cohorts, attendees, weeks));
        }
        int courses = (int) cohorts.stream().map(Cohort::courseId).distinct().count();
        int size = trainees.size();
        return new Figures(courses, cohorts.size(), size > 0 && size < minimum ? null : size, ngos, change);
    }

    /** The cohorts whose window is over, pooled: each of their members counts once per cohort. */
    private Change change(List<Cohort> cohorts, Map<UUID, List<UUID>> attendees, int weeks) {
        Duration span = Duration.ofDays(7L * weeks);
        Instant now = clock.instant();
        var complete =
                cohorts.stream().filter(c -> !now.isBefore(c.ends().plus(span))).toList();
        int people = complete.stream()
                .mapToInt(c -> attendees.getOrDefault(c.sessionId(), List.of()).size())
                .sum();
        if (people < minimum) {
            return new Change(weeks, people, true, null, null, null, null);
        }
        int activeBefore = 0;
        int activeAfter = 0;
        long gramsBefore = 0;
        long gramsAfter = 0;
        for (var c : complete) {
            // A cohort's people share its windows: two ledger queries a cohort.
            var cohort = attendees.getOrDefault(c.sessionId(), List.of());
            for (var before : ledger.activities(cohort, c.starts().minus(span), c.starts())
                    .values()) {
                activeBefore += before.behaviours() > 0 ? 1 : 0;
                gramsBefore += before.reduction().grams();
            }
            for (var after :
                    ledger.activities(cohort, c.ends(), c.ends().plus(span)).values()) {
                activeAfter += after.behaviours() > 0 ? 1 : 0;
                gramsAfter += after.reduction().grams();
            }
        }
        return new Change(
                weeks,
                people,
                false,
                Math.round(100f * activeBefore / people),
                Math.round(100f * activeAfter / people),
                Math.round((double) gramsBefore / people / weeks),
                Math.round((double) gramsAfter / people / weeks));
    }
}
