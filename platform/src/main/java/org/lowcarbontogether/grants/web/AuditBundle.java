package org.lowcarbontogether.grants.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auditor's bundle of a programme's executive summary, a ZIP an auditor can recompute from: the summary PDF in
 * English and Chinese, every table behind it as one XLSX (grams exact, numbers as numbers), the methodology versions of
 * the counted records, the potential models' version with its inputs, and the definitions used.
 */
@Component
class AuditBundle {

    static final List<String> FILES = List.of(
            "README.txt",
            "executive-summary-en.pdf",
            "executive-summary-zh.pdf",
            "tables.xlsx",
            "methodology.json",
            "potential-models.json",
            "definitions.txt");

    static final List<String> DEFINITIONS = List.of(
            "behaviours",
            "direct",
            "restated",
            "participants",
            "retained",
            "reach",
            "potential",
            "potentialModels",
            "project",
            "programme",
            "evidence");

    private final SummaryDocument document;
    private final ProgrammeImpact impact;
    private final Methodology methodology;
    private final MessageSource messages;
    private final JsonMapper json;

    AuditBundle(
            SummaryDocument document,
            ProgrammeImpact impact,
            Methodology methodology,
            MessageSource messages,
            JsonMapper json) {
        this.document = document;
        this.impact = impact;
        this.methodology = methodology;
        this.messages = messages;
        this.json = json;
    }

    byte[] zip(ProgrammeImpact.View view) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "README.txt", readme(view).getBytes(StandardCharsets.UTF_8));
            put(zip, "executive-summary-en.pdf", document.pdf(view, Locale.ENGLISH));
            put(zip, "executive-summary-zh.pdf", document.pdf(view, Locale.SIMPLIFIED_CHINESE));
            put(zip, "tables.xlsx", tables(view));
            put(zip, "methodology.json", methodologies(view).getBytes(StandardCharsets.UTF_8));
            put(zip, "potential-models.json", models(view).getBytes(StandardCharsets.UTF_8));
            put(zip, "definitions.txt", definitions().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private String readme(ProgrammeImpact.View view) {
        var text = new StringBuilder();
        for (var locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            text.append(message(
                            "bundle.readme",
                            locale,
                            view.programme().name(),
                            view.filter().from(),
                            view.filter().to()))
                    .append("\n\n");
        }
        return text.toString();
    }

    private String definitions() {
        var text = new StringBuilder();
        for (var locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            text.append(message("summary.definitionsText", locale)).append("\n\n");
            for (var term : DEFINITIONS) {
                text.append(message("definitions." + term + ".term", locale))
                        .append("\n")
                        .append(message("definitions." + term + ".text", locale))
                        .append("\n\n");
            }
            text.append(message("grants.gasBasisNote", locale)).append("\n\n");
        }
        return text.toString();
    }

    /** The methodology versions of the counted records, each as the methodology publishes it; the current one if none. */
    private String methodologies(ProgrammeImpact.View view) {
        var versions = impact.methodologyVersions(view.programme().id());
        var documents = new ArrayList<String>();
        if (versions.isEmpty()) {
            documents.add(methodology.toJson(methodology.current()));
        }
        for (var version : versions) {
            methodology.version(version).ifPresent(v -> documents.add(methodology.toJson(v)));
        }
        return "[\n" + String.join(",\n", documents) + "\n]\n";
    }

    private String models(ProgrammeImpact.View view) {
        var m = view.models();
        var content = new LinkedHashMap<String, Object>();
        content.put(
                "note", "Potential is never added to the direct reduction; the models are never added to each other.");
        if (m != null) {
            content.put("comparison", m);
            content.put("version", impact.potentialModelVersion(m.version()));
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(content);
    }

    private byte[] tables(ProgrammeImpact.View view) {
        try (var workbook = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            var f = view.figures();
            sheet(
                    workbook,
                    "figures",
                    List.of("figure", "value"),
                    List.of(
                            List.of("from", view.filter().from().toString()),
                            List.of("to", view.filter().to().toString()),
                            List.of("behaviours", f.behaviours()),
                            List.of("grams_recorded", f.gramsRecorded()),
                            List.of("grams_restated", f.gramsRestated()),
                            List.of("participants", f.participants()),
                            List.of("stories", f.reach().stories()),
                            List.of("views", f.reach().views()),
                            List.of("shares", f.reach().shares()),
                            List.of("hits", f.reach().hits()),
                            List.of("projects", view.projects().size()),
                            List.of("awarded_fen", view.awardedFen())));
            var projects = new ArrayList<List<Object>>();
            for (var p : view.projects()) {
                projects.add(List.of(
                        p.project().id().toString(),
                        p.project().title(),
                        p.project().organisationName(),
                        p.project().amountFen(),
                        p.figures().behaviours(),
                        p.figures().gramsRecorded(),
                        p.figures().gramsRestated(),
                        p.figures().participants(),
                        p.figures().reach().hits()));
            }
            sheet(
                    workbook,
                    "projects",
                    List.of(
                            "project_id",
                            "title",
                            "organisation",
                            "grant_fen",
                            "behaviours",
                            "grams_recorded",
                            "grams_restated",
                            "participants",
                            "hits"),
                    projects);
            lines(workbook, "months", view.byMonth());
            lines(workbook, "categories", view.byCategory());
            lines(workbook, "regions", view.byRegion());
            lines(workbook, "evidence", view.byEvidence());
            var m = view.models();
            if (m != null) {
                var scenarios = new ArrayList<List<Object>>();
                var parameters = new ArrayList<List<Object>>();
                var sensitivity = new ArrayList<List<Object>>();
                for (var r : m.results()) {
                    scenarios.add(List.of(m.version(), r.model(), r.low(), r.central(), r.high()));
                    for (var v : r.parameters()) {
                        parameters.add(List.of(
                                r.model(),
                                v.key(),
                                v.unit(),
                                v.low(),
                                v.central(),
                                v.high(),
                                v.basis().name(),
                                v.source()));
                    }
                    for (var s : r.sensitivity()) {
                        sensitivity.add(List.of(r.model(), s.parameter(), s.atLow(), r.central(), s.atHigh()));
                    }
                }
                sheet(
                        workbook,
                        "potential",
                        List.of(
                                "version",
                                "model",
                                "low_grams_per_year",
                                "central_grams_per_year",
                                "high_grams_per_year"),
                        scenarios);
                sheet(
                        workbook,
                        "parameters",
                        List.of("model", "parameter", "unit", "low", "central", "high", "basis", "source"),
                        parameters);
                sheet(
                        workbook,
                        "sensitivity",
                        List.of("model", "parameter", "grams_at_low", "grams_central", "grams_at_high"),
                        sensitivity);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void lines(XSSFWorkbook workbook, String name, List<ReportedImpact.Line> lines) {
        sheet(
                workbook,
                name,
                List.of("key", "behaviours", "grams_recorded", "grams_restated", "participants"),
                lines.stream()
                        .map(l -> List.<Object>of(
                                l.key(), l.behaviours(), l.gramsRecorded(), l.gramsRestated(), l.participants()))
                        .toList());
    }

    private static void sheet(XSSFWorkbook workbook, String name, List<String> header, List<List<Object>> rows) {
        var sheet = workbook.createSheet(name);
        var top = sheet.createRow(0);
        for (int c = 0; c < header.size(); c++) {
            top.createCell(c).setCellValue(header.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            var row = sheet.createRow(r + 1);
            var values = rows.get(r);
            for (int c = 0; c < values.size(); c++) {
                var cell = row.createCell(c);
                if (values.get(c) instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                } else {
                    cell.setCellValue(String.valueOf(values.get(c)));
                }
            }
        }
    }

    private String message(String key, Locale locale, Object... args) {
        return Objects.requireNonNull(messages.getMessage(key, args, key, locale));
    }
}
