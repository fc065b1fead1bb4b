package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.reporting.ReportedImpact;

/** A report's filter from request parameters; the period defaults to the programme's life so far. */
final class GrantFilters {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private GrantFilters() {}

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    static ReportedImpact.Filter of(ProgrammeImpact impact, UUID programmeId, @Nullable LocalDate from, @Nullable LocalDate to,
            @Nullable String evidence, @Nullable String region, @Nullable String category) {
        var period = impact.defaultPeriod(programmeId, today());
        return new ReportedImpact.Filter(from == null ? period.from() : from, to == null ? period.to() : to, blank(evidence),
                blank(region), blank(category));
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
