package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** A grantee's milestone or final report as they write it; its figures are the platform's. The service checks the rest. */
class ReportInput {

    private @Nullable String kind;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate periodFrom;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate periodTo;

    private @Nullable String narrative;
    private @Nullable String keyFindings;
    private @Nullable String recommendations;
    private @Nullable Integer schedule;

    public @Nullable Integer getSchedule() {
        return schedule;
    }

    public void setSchedule(@Nullable Integer schedule) {
        this.schedule = schedule;
    }

    public @Nullable String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind;
    }

    public @Nullable LocalDate getPeriodFrom() {
        return periodFrom;
    }

    public void setPeriodFrom(@Nullable LocalDate periodFrom) {
        this.periodFrom = periodFrom;
    }

    public @Nullable LocalDate getPeriodTo() {
        return periodTo;
    }

    public void setPeriodTo(@Nullable LocalDate periodTo) {
        this.periodTo = periodTo;
    }

    public @Nullable String getNarrative() {
        return narrative;
    }

    public void setNarrative(@Nullable String narrative) {
        this.narrative = narrative;
    }

    public @Nullable String getKeyFindings() {
        return keyFindings;
    }

    public void setKeyFindings(@Nullable String keyFindings) {
        this.keyFindings = keyFindings;
    }

    public @Nullable String getRecommendations() {
        return recommendations;
    }

    public void setRecommendations(@Nullable String recommendations) {
        this.recommendations = recommendations;
    }
}
