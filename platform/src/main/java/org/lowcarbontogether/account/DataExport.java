package org.lowcarbontogether.account;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.platform.PersonalData;
import org.lowcarbontogether.platform.PersonalData.Treatment;
import org.lowcarbontogether.platform.RateBudgets;
import org.lowcarbontogether.platform.RateLimitProperties.Budget;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Download everything about me": one ZIP with a README in the person's language and, for every kind of data any
 * module declares ({@link PersonalData}), a JSON and a CSV file, plus the photos they uploaded. All of it is read in one
 * read-only transaction (one consistent snapshot), a few hundred rows at a time and each kind once, into a temporary
 * file — so no database connection waits on a slow download — which is then sent and deleted. A person may export
 * {@code lct.data-rights.exports-per-hour} times an hour (across instances).
 */
@Service
public class DataExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** UTF-8 with a byte-order mark, so a spreadsheet reads Chinese text in a CSV file as UTF-8. */
    private static final String BOM = "\uFEFF";

    private static final CSVFormat CSV = CSVFormat.DEFAULT;

    private final List<PersonalData> modules;
    private final MessageSource messages;
    private final TransactionTemplate snapshot;
    private final Users users;
    private final Clock clock;
    private final int perHour;
    private final RateBudgets budgets;

    DataExport(
            List<PersonalData> modules,
            MessageSource messages,
            PlatformTransactionManager transactions,
            Users users,
            Clock clock,
            RateBudgets budgets,
            @Value("${lct.data-rights.exports-per-hour:5}") int perHour) {
        // The account's own data first (the profile opens the archive), then the other modules in a stable order.
        this.modules = modules.stream()
                .sorted(Comparator.comparing((PersonalData m) -> !(m instanceof AccountPersonalData))
                        .thenComparing(m -> m.getClass().getName()))
                .toList();
        this.messages = messages;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.users = users;
        this.clock = clock;
        this.perHour = perHour;
        this.budgets = budgets;
    }

    /** A kind of data as the pages and the README describe it: its name and what deleting the account does to it. */
    public record Kind(String name, Treatment treatment) {}

    /** Every kind of data the platform holds about people, in export order (one treatment per kind, the first declared). */
    public List<Kind> kinds() {
        var kinds = new LinkedHashMap<String, Treatment>();
        for (PersonalData module : modules) {
            for (var holding : module.holdings()) {
                kinds.putIfAbsent(holding.kind(), holding.treatment());
            }
        }
        return kinds.entrySet().stream()
                .map(e -> new Kind(e.getKey(), e.getValue()))
                .toList();
    }

    /** Every table declared by some module, with its person columns, kind and treatment. */
    public List<PersonalData.Holding> holdings() {
        return modules.stream().flatMap(m -> m.holdings().stream()).toList();
    }

    /**
     * Writes the person's archive to a temporary file and returns it; the caller sends it and deletes it. 429 when the
     * person has used this hour's exports.
     */
    public Path export(Actor me, Locale locale) {
        long seconds = budgets.take("export:" + me.id(), new Budget(perHour, Duration.ofHours(1)));
        if (seconds > 0) {
            throw new Refusal(
                    Refusal.Kind.TOO_FREQUENT,
                    "export-too-frequent",
                    List.of(),
                    Map.of("retryAfterSeconds", seconds),
                    perHour,
                    (seconds + 59) / 60);
        }
        try {
            Path file = Files.createTempFile("lct-export-", ".zip");
            try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
                write(me.id(), locale, out);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the person's archive: README, then each module's kinds and files. */
    public void write(UUID person, Locale locale, OutputStream target) {
        var user = users.findById(person).orElseThrow(() -> Refusal.notFound("not-found", null));
        var zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        // Fastest compression: less time compressing for a somewhat larger file (3.8 MB instead of 2.8 MB for 5,000
        // records).
        zip.setLevel(Deflater.BEST_SPEED);
        try {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write(readme(user, locale).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            var archive = new Archive(zip, user.email());
            snapshot.executeWithoutResult(status -> modules.forEach(m -> m.export(person, archive)));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readme(Users.User user, Locale locale) {
        var text = new StringBuilder();
        line(text, message("datarights.readme.title", locale));
        line(text, "");
        line(
                text,
                message(
                        "datarights.readme.intro",
                        locale,
                        user.displayName(),
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
        line(text, "");
        line(text, message("datarights.readme.formats", locale));
        line(text, "");
        line(text, message("datarights.readme.links", locale));
        line(text, "");
        line(text, message("datarights.readme.files", locale));
        for (Kind kind : kinds()) {
            line(
                    text,
                    "- " + kind.name() + ".json, " + kind.name() + ".csv: "
                            + message("datarights.kind." + kind.name(), locale) + " ("
                            + message("datarights.readme.ondeletion", locale) + " "
                            + message("datarights.treatment." + kind.treatment(), locale) + ")");
        }
        line(text, "- photos/: " + message("datarights.readme.photos", locale));
        line(text, "");
        line(text, message("datarights.readme.rights", locale));
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append("\r\n");
    }

    private String message(String key, Locale locale, Object... args) {
        return Objects.requireNonNull(messages.getMessage(key, args, locale));
    }

    /** Writes each kind as it comes: its JSON file, then its CSV file, each from its own reading of the rows. */
    private static final class Archive implements PersonalData.Export {

        private final ZipOutputStream zip;
        private final String email;

        Archive(ZipOutputStream zip, String email) {
            this.zip = zip;
            this.email = email;
        }

        @Override
        public String email() {
            return email;
        }

        /**
         * Reads the rows once: the JSON file is written straight into the archive while the CSV file is written to a
         * temporary file beside it (an archive takes one entry at a time), which then follows it.
         */
        @Override
        public void kind(String kind, PersonalData.Rows rows) {
            try {
                Path csvFile = Files.createTempFile("lct-export-", ".csv");
                try {
                    zip.putNextEntry(new ZipEntry(kind + ".json"));
                    try (JsonGenerator json = JSON.createGenerator(CloseShieldOutputStream.wrap(zip));
                            Writer writer = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8);
                            CSVPrinter csv = new CSVPrinter(writer, CSV)) {
                        writer.write(BOM);
                        json.writeStartArray();
                        rows.read(new BothSinks(new JsonSink(json), new CsvSink(csv)));
                        json.writeEndArray();
                    }
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry(kind + ".csv"));
                    Files.copy(csvFile, zip);
                    zip.closeEntry();
                } finally {
                    Files.deleteIfExists(csvFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void file(String path, byte[] content) {
            try {
                zip.putNextEntry(new ZipEntry(path));
                zip.write(content);
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Each row to both files. */
    private record BothSinks(PersonalData.Sink first, PersonalData.Sink second) implements PersonalData.Sink {

        @Override
        public void columns(List<String> names) {
            first.columns(names);
            second.columns(names);
        }

        @Override
        public void row(List<@Nullable Object> values) {
            first.row(values);
            second.row(values);
        }
    }

    /** Rows as an array of objects, one property per column; JSON kept as text is written as JSON. */
    private static final class JsonSink implements PersonalData.Sink {

        private final JsonGenerator json;
        private List<String> columns = List.of();

        JsonSink(JsonGenerator json) {
            this.json = json;
        }

        @Override
        public void columns(List<String> names) {
            columns = List.copyOf(names);
        }

        @Override
        public void row(List<@Nullable Object> values) {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                json.writeName(columns.get(i));
                write(values.get(i));
            }
            json.writeEndObject();
        }

        private void write(@Nullable Object value) {
            switch (value) {
                case null -> json.writeNull();
                case PersonalData.Json text -> json.writeRawValue(text.text());
                case Boolean b -> json.writeBoolean(b);
                case Integer i -> json.writeNumber(i);
                case Short s -> json.writeNumber(s.intValue());
                case Long l -> json.writeNumber(l);
                case BigDecimal d -> json.writeNumber(d);
                case BigInteger b -> json.writeNumber(b);
                case Number n -> json.writeNumber(n.doubleValue());
                case byte[] bytes -> json.writeString(Base64.getEncoder().encodeToString(bytes));
                case List<?> list -> {
                    json.writeStartArray();
                    list.forEach(this::write);
                    json.writeEndArray();
                }
                default -> json.writeString(String.valueOf(value));
            }
        }
    }

    /** Rows as a header and one line each; lists and JSON as JSON text; text a spreadsheet would run, defused. */
    private static final class CsvSink implements PersonalData.Sink {

        private final CSVPrinter csv;

        CsvSink(CSVPrinter csv) {
            this.csv = csv;
        }

        @Override
        public void columns(List<String> names) {
            print(new ArrayList<@Nullable Object>(names));
        }

        @Override
        public void row(List<@Nullable Object> values) {
            var cells = new ArrayList<@Nullable Object>(values.size());
            for (Object value : values) {
                cells.add(cell(value));
            }
            print(cells);
        }

        private void print(List<@Nullable Object> cells) {
            try {
                csv.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static @Nullable Object cell(@Nullable Object value) {
            return switch (value) {
                case null -> null;
                case PersonalData.Json text -> text.text();
                case List<?> list -> JSON.writeValueAsString(list);
                case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
                case String text -> CsvCells.safe(text);
                default -> String.valueOf(value);
            };
        }
    }
}
