package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** A planned output's target and due date as a grantee proposes or an officer sets it; the service checks them. */
class PlanInput {

    private @Nullable String output;

    private @Nullable Long target;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate dueOn;

    /** {@code set} (officers) or {@code propose}. */
    private @Nullable String action;

    public @Nullable String getOutput() {
        return output;
    }

    public void setOutput(@Nullable String output) {
        this.output = output;
    }

    public @Nullable Long getTarget() {
        return target;
    }

    public void setTarget(@Nullable Long target) {
        this.target = target;
    }

    public @Nullable LocalDate getDueOn() {
        return dueOn;
    }

    public void setDueOn(@Nullable LocalDate dueOn) {
        this.dueOn = dueOn;
    }

    public @Nullable String getAction() {
        return action;
    }

    public void setAction(@Nullable String action) {
        this.action = action;
    }
}
