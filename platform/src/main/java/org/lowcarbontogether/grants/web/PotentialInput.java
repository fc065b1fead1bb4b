package org.lowcarbontogether.grants.web;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.FormNumber;

/** The assumptions of the potential continuing annual reduction, as an officer sets them; the service checks their ranges. */
class PotentialInput {

    @FormNumber
    private @Nullable Integer minWeeks;

    @FormNumber
    private @Nullable Integer windowWeeks;

    @FormNumber
    private @Nullable BigDecimal persistence;

    public @Nullable Integer getMinWeeks() {
        return minWeeks;
    }

    public void setMinWeeks(@Nullable Integer minWeeks) {
        this.minWeeks = minWeeks;
    }

    public @Nullable Integer getWindowWeeks() {
        return windowWeeks;
    }

    public void setWindowWeeks(@Nullable Integer windowWeeks) {
        this.windowWeeks = windowWeeks;
    }

    public @Nullable BigDecimal getPersistence() {
        return persistence;
    }

    public void setPersistence(@Nullable BigDecimal persistence) {
        this.persistence = persistence;
    }
}
