package org.lowcarbontogether.notifications.web;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Goals;
import org.lowcarbontogether.platform.FormNumber;

/** The weekly goal form: what to count, how much, and whether to be nudged before a streak breaks. */
class GoalInput {

    private String measure = Goals.Measure.BEHAVIOURS.name();

    // Only the page checks that it is a number (typeMismatch); the service checks its range, as for the API.
    @FormNumber
    private @Nullable BigDecimal target;

    private boolean streakNudge;

    static GoalInput of(Goals.Progress progress) {
        var input = new GoalInput();
        var goal = progress.goal();
        if (goal != null) {
            input.measure = goal.measure().name();
            input.target = goal.shown();
        }
        input.streakNudge = progress.streakNudge();
        return input;
    }

    public String getMeasure() {
        return measure;
    }

    public void setMeasure(String measure) {
        this.measure = measure;
    }

    public @Nullable BigDecimal getTarget() {
        return target;
    }

    public void setTarget(@Nullable BigDecimal target) {
        this.target = target;
    }

    public boolean isStreakNudge() {
        return streakNudge;
    }

    public void setStreakNudge(boolean streakNudge) {
        this.streakNudge = streakNudge;
    }
}
