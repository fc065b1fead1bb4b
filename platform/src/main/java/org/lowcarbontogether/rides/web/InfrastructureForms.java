package org.lowcarbontogether.rides.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.rides.InfrastructureReports;
import org.lowcarbontogether.shared.Refusal;

/** What the infrastructure pages and API read from a request and write as CSV. */
final class InfrastructureForms {

    private InfrastructureForms() {}

    static InfrastructureReports.@Nullable Status status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return InfrastructureReports.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("report-status-invalid", "status");
        }
    }

    /** A segment as "lat lon;lat lon;…" (empty for a pin). */
    static String segment(List<double[]> segment) {
        var out = new StringBuilder();
        for (double[] p : segment) {
            out.append(out.isEmpty() ? "" : ";").append(p[0]).append(' ').append(p[1]);
        }
        return out.toString();
    }

    /** One row a report; riders_around is empty where fewer than the map's threshold rode nearby. */
    static String csv(List<InfrastructureReports.Exported> reports) {
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "id",
                                "category",
                                "status",
                                "lat",
                                "lon",
                                "description",
                                "confirmations",
                                "created_at",
                                "status_note",
                                "riders_around",
                                "segment")
                        .get())) {
            for (var e : reports) {
                var r = e.report();
                csv.printRecord(CsvCells.safe(
                        r.id(),
                        r.category().name(),
                        r.status().name(),
                        r.lat(),
                        r.lon(),
                        r.description(),
                        r.confirmations(),
                        r.createdAt(),
                        r.statusNote(),
                        e.ridersAround(),
                        segment(r.segment())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
