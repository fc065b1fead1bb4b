package org.lowcarbontogether.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.platform.Rows;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What changed after a course, per cohort (the trainees who attended one session): the share of them recording at
 * least one behaviour, and their average reduction per person per week, in the 4 and 12 weeks before the session
 * versus the 4 and 12 weeks after it — read from the carbon ledger by when the behaviour happened (credits less
 * reversals and adjustments, as the ledger's activity counts them). Beside it, when there is one, a comparison group:
 * members of the same organisation who did not enrol in any of its courses, over the same weeks. A group of fewer
 * people than the open data's minimum group size is suppressed. These are observed associations, not proof that the
 * course caused the change: people who choose to train may differ from those who do not.
 */
@Service
public class FollowUp {

    /** The windows compared, in weeks. */
    public static final List<Integer> WINDOWS = List.of(4, 12);

    /** One group over one window: its size and, unless suppressed, its figures before and after. */
    public record Group(
            int people,
            boolean suppressed,
            @Nullable Integer activeBefore,
            @Nullable Integer activeAfter,
            @Nullable Integer sharePercentBefore,
            @Nullable Integer sharePercentAfter,
            @Nullable Long weeklyGramsBefore,
            @Nullable Long weeklyGramsAfter) {}

    /** One window: whether its after-weeks are over (figures are shown only then), the trainees and the comparison. */
    public record Window(
            int weeks,
            boolean complete,
            LocalDate completeOn,
            Group trainees,
            @Nullable Group comparison) {}

    /** One cohort: the session, the day it is measured from, and its windows. */
    public record Cohort(UUID sessionId, Courses.Mode mode, LocalDate day, int trainees, List<Window> windows) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Courses courses;
    private final Organisations organisations;
    private final Ledger ledger;
    private final int minimum;

    FollowUp(
            JdbcClient jdbc,
            Clock clock,
            Courses courses,
            Organisations organisations,
            Ledger ledger,
            @Value("${lct.open-data.min-group-size:10}") int minimum) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.courses = courses;
        this.organisations = organisations;
        this.ledger = ledger;
        this.minimum = minimum;
    }

    public int minimumGroupSize() {
        return minimum;
    }

    /** The cohorts of a course, for its organisers. */
    @Transactional(readOnly = true)
    public List<Cohort> of(Actor me, UUID courseId) {
        var course = courses.manageable(me, courseId);
        var trained = new HashSet<>(jdbc.sql("""
                        select distinct e.user_id from course_enrolment e join course c on c.id = e.course_id
                        where c.organisation_id = :org""")
                .param("org", course.organisationId())
                .query(UUID.class)
                .list());
        var comparison = organisations.members(course.organisationId()).stream()
                .map(Organisations.PublicMember::userId)
                .filter(id -> !trained.contains(id))
                .toList();
        var cohorts = new ArrayList<Cohort>();
        for (var session : course.sessions()) {
            var people = Rows.present(jdbc.sql("select user_id from course_attendance where session_id = :session")
                    .param("session", session.id())
                    .query(UUID.class)
                    .list());
            if (people.isEmpty()) {
                continue;
            }
            Instant starts = session.startsAt() != null
                    ? session.startsAt()
                    : jdbc.sql("select min(attended_at) from course_attendance where session_id = :session")
                            .param("session", session.id())
                            .query(java.sql.Timestamp.class)
                            .single()
                            .toInstant();
            Instant ends = session.endsAt() != null ? session.endsAt() : starts;
            var windows = new ArrayList<Window>();
            for (int weeks : WINDOWS) {
                Duration span = Duration.ofDays(7L * weeks);
                Instant completeAt = ends.plus(span);
                boolean complete = !clock.instant().isBefore(completeAt);
                windows.add(new Window(
                        weeks,
                        complete,
                        ProgrammeCalendar.dayOf(completeAt),
                        group(people, starts, ends, weeks, complete),
                        comparison.isEmpty() ? null : group(comparison, starts, ends, weeks, complete)));
            }
            cohorts.add(
                    new Cohort(session.id(), session.mode(), ProgrammeCalendar.dayOf(starts), people.size(), windows));
        }
        return cohorts;
    }

    private Group group(Collection<UUID> people, Instant starts, Instant ends, int weeks, boolean complete) {
        int size = people.size();
        if (size < minimum || !complete) {
            return new Group(size, size < minimum, null, null, null, null, null, null);
        }
        Duration span = Duration.ofDays(7L * weeks);
        int activeBefore = 0;
        int activeAfter = 0;
        long gramsBefore = 0;
        long gramsAfter = 0;
        // Everyone shares the windows: two ledger queries for the whole group.
        for (var before : ledger.activities(people, starts.minus(span), starts).values()) {
            activeBefore += before.behaviours() > 0 ? 1 : 0;
            gramsBefore += before.reduction().grams();
        }
        for (var after : ledger.activities(people, ends, ends.plus(span)).values()) {
            activeAfter += after.behaviours() > 0 ? 1 : 0;
            gramsAfter += after.reduction().grams();
        }
        return new Group(
                size,
                false,
                activeBefore,
                activeAfter,
                Math.round(100f * activeBefore / size),
                Math.round(100f * activeAfter / size),
                Math.round((double) gramsBefore / size / weeks),
                Math.round((double) gramsAfter / size / weeks));
    }
}
