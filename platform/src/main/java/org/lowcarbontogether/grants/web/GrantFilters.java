package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;

/** A report's filter from request parameters; the period defaults to the programme's life so far. */
final class GrantFilters {

    private GrantFilters() {}

    static LocalDate today() {
        return LocalDate.now(ProgrammeCalendar.ZONE);
    }

    static ReportedImpact.Filter of(
            ProgrammeImpact impact,
            UUID programmeId,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable String evidence,
            @Nullable String region,
            @Nullable String category) {
        var period = impact.defaultPeriod(programmeId, today());
        return new ReportedImpact.Filter(
                from == null ? period.from() : from,
                to == null ? period.to() : to,
                blank(evidence),
                blank(region),
                blank(category));
    }

    /**
     * The view a caller may see: the programme's office sees live figures for any period and filter; everyone else sees
     * the published release — whole months only, so a free period is refused ({@code refuseFreePeriod}, the API) or
     * ignored (pages, which say so).
     */
    static ProgrammeImpact.View view(
            ProgrammeImpact impact,
            boolean office,
            UUID programmeId,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable String evidence,
            @Nullable String region,
            @Nullable String category,
            @Nullable YearMonth month,
            boolean refuseFreePeriod) {
        if (office) {
            if (month != null && from == null && to == null) {
                return impact.view(
                        programmeId,
                        new ReportedImpact.Filter(
                                month.atDay(1), month.atEndOfMonth(), blank(evidence), blank(region), blank(category)));
            }
            return impact.view(programmeId, of(impact, programmeId, from, to, evidence, region, category));
        }
        if (refuseFreePeriod && (from != null || to != null)) {
            throw Refusal.unacceptable("impact-free-period", "from");
        }
        return impact.publicView(programmeId, month, evidence, region, category);
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
