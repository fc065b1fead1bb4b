package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.grants.AwardPlans.Status;

/**
 * The plan's status rule on a hand-checked fixture: a target of 100 due 100 days after the start, judged on day 50
 * (pro-rata target 50): on track from 40 (80 %), at risk from 25 (50 %), behind below; each boundary on both sides.
 */
class AwardPlanStatusTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate DUE = START.plusDays(100);
    static final LocalDate HALFWAY = START.plusDays(50);

    static Status on(LocalDate day, Long actual) {
        return AwardPlans.status(100, actual, START, DUE, day);
    }

    @Test
    void halfwayEachBoundary() {
        assertThat(on(HALFWAY, 100L)).isEqualTo(Status.ACHIEVED);
        assertThat(on(HALFWAY, 99L)).isEqualTo(Status.ON_TRACK);
        assertThat(on(HALFWAY, 40L)).as("40 / 50 = 80 %").isEqualTo(Status.ON_TRACK);
        assertThat(on(HALFWAY, 39L)).as("78 %").isEqualTo(Status.AT_RISK);
        assertThat(on(HALFWAY, 25L)).as("50 %").isEqualTo(Status.AT_RISK);
        assertThat(on(HALFWAY, 24L)).as("48 %").isEqualTo(Status.BEHIND);
        assertThat(on(HALFWAY, 0L)).isEqualTo(Status.BEHIND);
        assertThat(AwardPlans.expected(100, START, DUE, HALFWAY)).isEqualTo(50);
    }

    @Test
    void unknownIsNeverZero() {
        assertThat(on(HALFWAY, null)).isEqualTo(Status.UNKNOWN);
        assertThat(on(START, null)).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void nothingIsExpectedBeforeOrOnTheFirstDay() {
        assertThat(on(START, 0L)).isEqualTo(Status.ON_TRACK);
        assertThat(on(START.minusDays(5), 0L)).isEqualTo(Status.ON_TRACK);
        assertThat(AwardPlans.expected(100, START, DUE, START)).isZero();
    }

    @Test
    void theDueDateItselfAndAfter() {
        // On the due day the whole target is expected: 80 of 100 is on track, 79 at risk, 49 behind.
        assertThat(on(DUE, 80L)).isEqualTo(Status.ON_TRACK);
        assertThat(on(DUE, 79L)).isEqualTo(Status.AT_RISK);
        assertThat(on(DUE, 50L)).isEqualTo(Status.AT_RISK);
        assertThat(on(DUE, 49L)).isEqualTo(Status.BEHIND);
        // The day after, anything short of the target is behind; the target reached is achieved.
        assertThat(on(DUE.plusDays(1), 99L)).isEqualTo(Status.BEHIND);
        assertThat(on(DUE.plusDays(1), 100L)).isEqualTo(Status.ACHIEVED);
        assertThat(on(DUE.plusDays(1), 150L)).isEqualTo(Status.ACHIEVED);
    }

    @Test
    void aQuarterOfTheWay() {
        // Day 25 of 100: pro-rata 25; 20 is 80 %, 19 is 76 %; 13 is 52 %, 12 is 48 %.
        LocalDate day = START.plusDays(25);
        assertThat(on(day, 20L)).isEqualTo(Status.ON_TRACK);
        assertThat(on(day, 19L)).isEqualTo(Status.AT_RISK);
        assertThat(on(day, 13L)).isEqualTo(Status.AT_RISK);
        assertThat(on(day, 12L)).isEqualTo(Status.BEHIND);
    }

    @Test
    void dueOnTheFirstDay() {
        assertThat(AwardPlans.status(10, 8L, START, START, START)).isEqualTo(Status.ON_TRACK);
        assertThat(AwardPlans.status(10, 4L, START, START, START)).isEqualTo(Status.BEHIND);
        assertThat(AwardPlans.status(10, 0L, START, START, START.minusDays(1))).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void thePlanIsAsBadAsItsWorstOutputWithATarget() {
        var plan = new AwardPlans.Plan(
                java.util.UUID.randomUUID(),
                HALFWAY,
                java.util.List.of(
                        new AwardPlans.PlannedOutput(
                                AwardPlans.Output.BEHAVIOURS, 100L, DUE, null, null, 60L, 50L, Status.ON_TRACK),
                        new AwardPlans.PlannedOutput(
                                AwardPlans.Output.EVENTS, 4L, DUE, null, null, null, null, Status.UNKNOWN),
                        new AwardPlans.PlannedOutput(
                                AwardPlans.Output.REACH, null, null, 500L, DUE, null, null, Status.NOT_SET)));
        assertThat(plan.worst()).isEqualTo(Status.UNKNOWN);
        assertThat(new AwardPlans.Plan(plan.awardId(), HALFWAY, java.util.List.of()).worst())
                .isEqualTo(Status.NOT_SET);
    }
}
