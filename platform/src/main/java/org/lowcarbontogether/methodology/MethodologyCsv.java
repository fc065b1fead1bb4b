package org.lowcarbontogether.methodology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersion.BaselineMethod;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.methodology.MethodologyVersion.GasBasis;
import org.lowcarbontogether.methodology.MethodologyVersion.MassUnit;
import org.lowcarbontogether.methodology.MethodologyVersion.Parameter;
import org.lowcarbontogether.methodology.MethodologyVersion.ProductBaseline;
import org.lowcarbontogether.methodology.MethodologyVersion.Purpose;
import org.lowcarbontogether.methodology.MethodologyVersion.Source;
import org.lowcarbontogether.methodology.MethodologyVersion.Term;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * A whole methodology version as a ZIP of CSV tables — for spreadsheets and for auditors. Reading what was written
 * gives back the same version. Empty cells mean "not given"; lists inside a cell are separated by semicolons.
 */
public final class MethodologyCsv {

    private static final CSVFormat WRITE =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private static final CSVFormat READ =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    static final String[] VERSION = {
        "code", "version", "title_en", "title_zh", "changelog_en", "changelog_zh", "effective_from"
    };
    static final String[] SOURCES = {"id", "publisher", "title", "url", "year", "note"};
    /** Columns added in later versions; a ZIP written before them still reads. */
    static final String[] SOURCES_LATER = {"secondary", "primary_citation"};

    static final String[] FACTORS = {
        "id",
        "activity",
        "name_en",
        "name_zh",
        "value",
        "mass_unit",
        "per_unit",
        "gas_basis",
        "region",
        "year",
        "purpose",
        "source_id",
        "source_locator",
        "confidence",
        "proxy",
        "derivation",
        "note",
        "valid_from",
        "valid_to"
    };
    static final String[] BEHAVIOURS = {
        "code",
        "category",
        "name_en",
        "name_zh",
        "description_en",
        "description_zh",
        "baseline_en",
        "baseline_zh",
        "alternative_en",
        "alternative_zh",
        "formula",
        "unit",
        "evidence",
        "max_per_day",
        "uncertainty_percent",
        "note_en",
        "note_zh",
        "baseline_method"
    };
    static final String[] BEHAVIOURS_LATER = {"max_grams_per_record", "max_grams_per_day"};
    static final String[] UNITS = {"behaviour", "unit", "to_base_unit"};
    static final String[] PARAMETERS = {
        "behaviour", "id", "name_en", "name_zh", "default_value", "unit", "max", "source_id", "note"
    };
    static final String[] PARAMETERS_LATER = {
        "min", "typical_min", "typical_max", "declarable", "explanation_en", "explanation_zh"
    };
    static final String[] TERMS = {"behaviour", "scenario", "activity", "multiply", "divide", "coefficient"};
    /** From 1.3.0; a version without category baselines has no such table, and a ZIP without it reads as none. */
    static final String[] PRODUCT_BASELINES = {
        "category",
        "functional_unit",
        "factor_id",
        "note_en",
        "note_zh",
        "unsupported_reason_en",
        "unsupported_reason_zh"
    };

    private MethodologyCsv() {}

    /** Writes a version as a ZIP with one CSV file per table. */
    public static byte[] write(MethodologyVersion v) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            entry(
                    zip,
                    "version.csv",
                    VERSION,
                    List.of(row(
                            v.code(),
                            v.version(),
                            v.title().en(),
                            v.title().zh(),
                            v.changelog().en(),
                            v.changelog().zh(),
                            v.effectiveFrom())));
            entry(
                    zip,
                    "sources.csv",
                    concat(SOURCES, SOURCES_LATER),
                    v.sources().stream()
                            .map(s -> row(
                                    s.id(),
                                    s.publisher(),
                                    s.title(),
                                    s.url(),
                                    s.year(),
                                    s.note(),
                                    s.secondary(),
                                    s.primaryCitation()))
                            .toList());
            entry(
                    zip,
                    "factors.csv",
                    FACTORS,
                    v.factors().stream()
                            .map(f -> row(
                                    f.id(),
                                    f.activity(),
                                    f.name().en(),
                                    f.name().zh(),
                                    f.value(),
                                    f.massUnit(),
                                    f.perUnit(),
                                    f.gasBasis(),
                                    f.region(),
                                    f.year(),
                                    f.purpose(),
                                    f.sourceId(),
                                    f.sourceLocator(),
                                    f.confidence(),
                                    f.proxy(),
                                    f.derivation(),
                                    f.note(),
                                    f.validFrom(),
                                    f.validTo()))
                            .toList());
            entry(
                    zip,
                    "behaviours.csv",
                    concat(BEHAVIOURS, BEHAVIOURS_LATER),
                    v.behaviours().stream()
                            .map(b -> row(
                                    b.code(),
                                    b.category(),
                                    b.name().en(),
                                    b.name().zh(),
                                    b.description().en(),
                                    b.description().zh(),
                                    b.baseline().en(),
                                    b.baseline().zh(),
                                    b.alternative().en(),
                                    b.alternative().zh(),
                                    b.formula(),
                                    b.unit(),
                                    String.join(
                                            ";",
                                            b.evidence().stream()
                                                    .map(Enum::name)
                                                    .toList()),
                                    b.maxPerDay(),
                                    b.uncertaintyPercent(),
                                    b.note() == null ? null : b.note().en(),
                                    b.note() == null ? null : b.note().zh(),
                                    b.baselineMethod(),
                                    b.maxGramsPerRecord(),
                                    b.maxGramsPerDay()))
                            .toList());
            var units = new ArrayList<List<@Nullable Object>>();
            var parameters = new ArrayList<List<@Nullable Object>>();
            var terms = new ArrayList<List<@Nullable Object>>();
            for (Behaviour b : v.behaviours()) {
                b.unitConversions().forEach((unit, factor) -> units.add(row(b.code(), unit, factor)));
                b.parameters()
                        .forEach(p -> parameters.add(row(
                                b.code(),
                                p.id(),
                                p.name().en(),
                                p.name().zh(),
                                p.defaultValue(),
                                p.unit(),
                                p.max(),
                                p.sourceId(),
                                p.note(),
                                p.min(),
                                p.typicalMin(),
                                p.typicalMax(),
                                p.declarable(),
                                p.explanation() == null ? null : p.explanation().en(),
                                p.explanation() == null ? null : p.explanation().zh())));
                b.baselineTerms().forEach(t -> terms.add(termRow(b.code(), "BASELINE", t)));
                b.projectTerms().forEach(t -> terms.add(termRow(b.code(), "PROJECT", t)));
            }
            entry(zip, "unit_conversions.csv", UNITS, units);
            entry(zip, "parameters.csv", concat(PARAMETERS, PARAMETERS_LATER), parameters);
            entry(zip, "terms.csv", TERMS, terms);
            if (v.productBaselines() != null) {
                entry(
                        zip,
                        "product_baselines.csv",
                        PRODUCT_BASELINES,
                        v.productBaselines().stream()
                                .map(b -> row(
                                        b.category(),
                                        b.functionalUnit(),
                                        b.factorId(),
                                        b.note() == null ? null : b.note().en(),
                                        b.note() == null ? null : b.note().zh(),
                                        b.unsupportedReason() == null
                                                ? null
                                                : b.unsupportedReason().en(),
                                        b.unsupportedReason() == null
                                                ? null
                                                : b.unsupportedReason().zh()))
                                .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** At most this many entries in an imported ZIP; a version has six or seven tables. */
    public static final int MAX_ENTRIES = 64;
    /** At most this many bytes in one table once inflated (the full catalogue's largest table is about 60 kB). */
    public static final int MAX_TABLE_BYTES = 8 * 1024 * 1024;
    /** At most this many bytes in all tables together once inflated. */
    public static final int MAX_TOTAL_BYTES = 32 * 1024 * 1024;
    /** Past 1 MB inflated, at most this many inflated bytes per compressed byte (CSV compresses about 5 to 10 times). */
    public static final int MAX_RATIO = 100;

    /** A ZIP refused before it is read whole: too many entries, a table too big, or inflating like a zip bomb. */
    public static final class ArchiveTooLarge extends IllegalArgumentException {
        private final String limit;

        ArchiveTooLarge(String limit) {
            super("ZIP over its " + limit + " limit");
            this.limit = limit;
        }

        /** Which limit: {@code entries}, {@code table}, {@code total} or {@code ratio}. */
        public String limit() {
            return limit;
        }
    }

    /**
     * Reads a version from a ZIP written by {@link #write}; a missing table or column is an error naming it. Entries are
     * inflated a block at a time against {@link #MAX_ENTRIES}, {@link #MAX_TABLE_BYTES}, {@link #MAX_TOTAL_BYTES} and
     * {@link #MAX_RATIO}, so a zip bomb is refused after a few megabytes, never inflated whole.
     */
    public static MethodologyVersion read(InputStream in) {
        Map<String, List<CSVRecord>> tables = new HashMap<>();
        var compressed = new CountingInputStream(in);
        try (var zip = new ZipInputStream(compressed, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            int entries = 0;
            long total = 0;
            byte[] block = new byte[64 * 1024];
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new ArchiveTooLarge("entries");
                }
                String name = entry.getName();
                boolean table = !name.contains("/") && name.endsWith(".csv");
                var content = new ByteArrayOutputStream();
                long size = 0;
                for (int n; (n = zip.read(block)) > 0; ) {
                    size += n;
                    total += n;
                    if (size > MAX_TABLE_BYTES) {
                        throw new ArchiveTooLarge("table");
                    }
                    if (total > MAX_TOTAL_BYTES) {
                        throw new ArchiveTooLarge("total");
                    }
                    if (total > 1024 * 1024 && total > MAX_RATIO * Math.max(1, compressed.count())) {
                        throw new ArchiveTooLarge("ratio");
                    }
                    if (table) {
                        content.write(block, 0, n);
                    }
                }
                if (table) {
                    try (var parser = CSVParser.parse(
                            new InputStreamReader(
                                    new ByteArrayInputStream(content.toByteArray()), StandardCharsets.UTF_8),
                            READ)) {
                        tables.put(name, parser.getRecords());
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("Not a readable ZIP of CSV tables", e);
        }
        CSVRecord header = table(tables, "version.csv", VERSION).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("version.csv has no row"));
        List<Source> sources = table(tables, "sources.csv", SOURCES).stream()
                .map(r -> new Source(
                        r.get("id"),
                        r.get("publisher"),
                        r.get("title"),
                        opt(r, "url"),
                        optInt(r, "year"),
                        opt(r, "note"),
                        optBoolean(r, "secondary"),
                        opt(r, "primary_citation")))
                .toList();
        List<EmissionFactor> factors = table(tables, "factors.csv", FACTORS).stream()
                .map(r -> new EmissionFactor(
                        r.get("id"),
                        r.get("activity"),
                        text(r, "name"),
                        decimal(r, "value"),
                        MassUnit.valueOf(r.get("mass_unit")),
                        r.get("per_unit"),
                        GasBasis.valueOf(r.get("gas_basis")),
                        r.get("region"),
                        Integer.parseInt(r.get("year")),
                        Purpose.valueOf(r.get("purpose")),
                        r.get("source_id"),
                        opt(r, "source_locator"),
                        Confidence.valueOf(r.get("confidence")),
                        Boolean.parseBoolean(r.get("proxy")),
                        opt(r, "derivation"),
                        opt(r, "note"),
                        optDate(r, "valid_from"),
                        optDate(r, "valid_to")))
                .toList();
        Map<String, Map<String, BigDecimal>> units = new HashMap<>();
        for (CSVRecord r : table(tables, "unit_conversions.csv", UNITS)) {
            units.computeIfAbsent(r.get("behaviour"), k -> new LinkedHashMap<>())
                    .put(r.get("unit"), decimal(r, "to_base_unit"));
        }
        Map<String, List<Parameter>> parameters = new HashMap<>();
        for (CSVRecord r : table(tables, "parameters.csv", PARAMETERS)) {
            parameters
                    .computeIfAbsent(r.get("behaviour"), k -> new ArrayList<>())
                    .add(new Parameter(
                            r.get("id"),
                            text(r, "name"),
                            optDecimal(r, "default_value"),
                            r.get("unit"),
                            optDecimal(r, "max"),
                            opt(r, "source_id"),
                            opt(r, "note"),
                            optDecimal(r, "min"),
                            optDecimal(r, "typical_min"),
                            optDecimal(r, "typical_max"),
                            optBoolean(r, "declarable"),
                            optText(r, "explanation")));
        }
        Map<String, List<Term>> baseline = new HashMap<>();
        Map<String, List<Term>> project = new HashMap<>();
        for (CSVRecord r : table(tables, "terms.csv", TERMS)) {
            var term =
                    new Term(r.get("activity"), list(r, "multiply"), list(r, "divide"), optDecimal(r, "coefficient"));
            (r.get("scenario").equals("BASELINE") ? baseline : project)
                    .computeIfAbsent(r.get("behaviour"), k -> new ArrayList<>())
                    .add(term);
        }
        List<Behaviour> behaviours = table(tables, "behaviours.csv", BEHAVIOURS).stream()
                .map(r -> {
                    String code = r.get("code");
                    String noteEn = opt(r, "note_en");
                    String noteZh = opt(r, "note_zh");
                    return new Behaviour(
                            code,
                            Category.valueOf(r.get("category")),
                            text(r, "name"),
                            text(r, "description"),
                            text(r, "baseline"),
                            text(r, "alternative"),
                            r.get("formula"),
                            r.get("unit"),
                            units.getOrDefault(code, Map.of()),
                            parameters.getOrDefault(code, List.of()),
                            baseline.getOrDefault(code, List.of()),
                            project.getOrDefault(code, List.of()),
                            Arrays.stream(r.get("evidence").split(";"))
                                    .filter(s -> !s.isBlank())
                                    .map(EvidenceLevel::valueOf)
                                    .toList(),
                            decimal(r, "max_per_day"),
                            decimal(r, "uncertainty_percent"),
                            noteEn == null || noteZh == null ? null : new LocalizedText(noteEn, noteZh),
                            opt(r, "baseline_method") == null ? null : BaselineMethod.valueOf(r.get("baseline_method")),
                            optLong(r, "max_grams_per_record"),
                            optLong(r, "max_grams_per_day"));
                })
                .toList();
        return new MethodologyVersion(
                header.get("code"),
                header.get("version"),
                text(header, "title"),
                text(header, "changelog"),
                LocalDate.parse(header.get("effective_from")),
                sources,
                factors,
                behaviours,
                tables.containsKey("product_baselines.csv")
                        ? table(tables, "product_baselines.csv", PRODUCT_BASELINES).stream()
                                .map(r -> new ProductBaseline(
                                        r.get("category"),
                                        r.get("functional_unit"),
                                        opt(r, "factor_id"),
                                        optText(r, "note"),
                                        optText(r, "unsupported_reason")))
                                .toList()
                        : null);
    }

    private static List<CSVRecord> table(Map<String, List<CSVRecord>> tables, String name, String[] columns) {
        List<CSVRecord> rows = tables.get(name);
        if (rows == null) {
            throw new IllegalArgumentException("The ZIP lacks " + name);
        }
        if (!rows.isEmpty()) {
            for (String column : columns) {
                if (!rows.getFirst().isMapped(column)) {
                    throw new IllegalArgumentException(name + " lacks the column " + column);
                }
            }
        }
        return rows;
    }

    private static List<@Nullable Object> row(@Nullable Object... values) {
        return Arrays.asList(values);
    }

    private static List<@Nullable Object> termRow(String behaviour, String scenario, Term t) {
        return row(
                behaviour,
                scenario,
                t.activity(),
                t.multiply() == null ? null : String.join(";", t.multiply()),
                t.divide() == null ? null : String.join(";", t.divide()),
                t.coefficient());
    }

    private static void entry(ZipOutputStream zip, String name, String[] header, List<List<@Nullable Object>> rows)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer text = new StringWriter();
        try (var printer = new CSVPrinter(text, WRITE)) {
            printer.printRecord((Object[]) header);
            for (var row : rows) {
                printer.printRecord(
                        row.stream().map(v -> v == null ? "" : v.toString()).toList());
            }
        }
        var writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        writer.write(text.toString());
        writer.flush();
        zip.closeEntry();
    }

    private static String[] concat(String[] columns, String[] later) {
        var all = Arrays.copyOf(columns, columns.length + later.length);
        System.arraycopy(later, 0, all, columns.length, later.length);
        return all;
    }

    private static @Nullable Boolean optBoolean(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : Boolean.valueOf(value);
    }

    private static @Nullable Long optLong(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : Long.valueOf(value);
    }

    private static @Nullable LocalizedText optText(CSVRecord r, String prefix) {
        String en = opt(r, prefix + "_en");
        String zh = opt(r, prefix + "_zh");
        return en == null || zh == null ? null : new LocalizedText(en, zh);
    }

    private static @Nullable String opt(CSVRecord r, String column) {
        if (!r.isMapped(column)) {
            return null;
        }
        String value = r.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    private static @Nullable Integer optInt(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : Integer.valueOf(value);
    }

    private static @Nullable LocalDate optDate(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : LocalDate.parse(value);
    }

    private static BigDecimal decimal(CSVRecord r, String column) {
        return new BigDecimal(r.get(column));
    }

    private static @Nullable BigDecimal optDecimal(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : new BigDecimal(value);
    }

    private static @Nullable List<String> list(CSVRecord r, String column) {
        String value = opt(r, column);
        return value == null ? null : List.of(value.split(";"));
    }

    private static LocalizedText text(CSVRecord r, String prefix) {
        return new LocalizedText(r.get(prefix + "_en"), r.get(prefix + "_zh"));
    }

    /** Counts the bytes read from the compressed stream, to compare with what they inflate to. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
