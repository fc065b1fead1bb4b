package org.lowcarbontogether.recording;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.BatchResult.FieldError;
import org.lowcarbontogether.recording.BatchResult.RowResult;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest: up to 10,000 rows (JSON lines or CSV) in one request, each with its own idempotency key, each getting
 * its own result — credited, flagged, rejected or invalid, and why. Rows are read, checked and calculated 1,000 at a
 * time, and each such chunk is written in one transaction with a few multi-row statements (see {@link GroupWrite})
 * while the next is prepared. A bad row costs only itself: it is answered with its problem and nothing of it is kept.
 */
@Component
class BatchIngest {

    public static final int MAX_ROWS = 10_000;
    static final List<String> CSV_COLUMNS = List.of(
            "key", "behaviour", "quantity", "unit", "occurred_at", "region", "duration_minutes", "external_ref");

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What an organiser may enter for their members: at most {@code dailyRows} rows a day (programme calendar), and the
     * share of rows drawn at random for a reviewer (besides one row of every sheet).
     */
    @ConfigurationProperties("lct.recording.organiser-import")
    public record OrganiserLimits(
            @DefaultValue("2000") long dailyRows,
            @DefaultValue("0.05") double reviewShare) {}

    private final Submissions submissions;
    private final ChunkedWrite chunks;
    private final RecordStore store;
    private final Clock clock;
    private final Organisations organisations;
    private final JsonMapper json;
    private final MessageSource messages;
    private final OrganiserLimits organiserLimits;

    private final ProblemWriter problems;
    private final GuardianConsents guardians;

    BatchIngest(
            Submissions submissions,
            ChunkedWrite chunks,
            RecordStore store,
            Clock clock,
            Organisations organisations,
            JsonMapper json,
            MessageSource messages,
            OrganiserLimits organiserLimits,
            ProblemWriter problems,
            GuardianConsents guardians) {
        this.problems = problems;
        this.guardians = guardians;
        this.submissions = submissions;
        this.chunks = chunks;
        this.store = store;
        this.clock = clock;
        this.organisations = organisations;
        this.json = json;
        this.messages = messages;
        this.organiserLimits = organiserLimits;
    }

    /** One row as sent: its idempotency key and the record. */
    record Row(@Nullable String key, RecordSubmission submission) {}

    BatchResult ingestJsonLines(UUID userId, String body, Recording.Channel channel) {
        // The whole upload is the person's own: refused at once (403) rather than row by row while a guardian's
        // consent is awaited. The group write checks again.
        guardians.requireConsented(userId);
        var lines = body.lines().filter(line -> !line.isBlank()).toList();
        checkSize(lines.size());
        return write(lines.size(), i -> {
            try {
                var node = json.readTree(lines.get(i));
                return prepare(
                        userId,
                        i + 1,
                        new Row(
                                node.hasNonNull("key") ? node.get("key").asString() : null,
                                json.treeToValue(node, RecordSubmission.class)),
                        channel);
            } catch (JacksonException e) {
                return invalid(i + 1, null, List.of(unreadable(e)));
            }
        });
    }

    BatchResult ingestCsv(UUID userId, Reader csv, Recording.Channel channel) throws IOException {
        guardians.requireConsented(userId);
        List<CSVRecord> records = csvRows(csv, List.of("key", "behaviour", "quantity", "unit", "occurred_at"), "");
        checkSize(records.size());
        return write(records.size(), i -> {
            CSVRecord r = records.get(i);
            try {
                return prepare(
                        userId,
                        i + 1,
                        new Row(
                                get(r, "key"),
                                new RecordSubmission(
                                        get(r, "behaviour"),
                                        decimal(get(r, "quantity")),
                                        get(r, "unit"),
                                        dateTime(get(r, "occurred_at")),
                                        get(r, "region"),
                                        null,
                                        null,
                                        integer(get(r, "duration_minutes")),
                                        get(r, "external_ref"))),
                        channel);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return invalid(i + 1, null, List.of(badCell(e)));
            }
        });
    }

    /**
     * An organiser's sheet for one of their organisations: each row names a member by {@code email}. Only people who
     * accepted the organisation's invitation can be credited, never its organisers (the importer included); rows
     * beyond the organiser's daily allowance are refused; every row is recorded with who entered it; a random sample
     * and the sheet's largest claim wait for a reviewer. Records are organiser-verified; keys are scoped to the
     * organisation.
     */
    BatchResult ingestOrganiserSheet(Actor organiser, UUID organisationId, Reader csv) throws IOException {
        if (!organisations.isOrganiser(organiser.id(), organisationId)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        List<CSVRecord> records =
                csvRows(csv, List.of("email", "key", "behaviour", "quantity", "unit", "occurred_at"), "email,");
        if (records.size() > MAX_ROWS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "batch-too-large", null, MAX_ROWS);
        }
        long allowance = Math.max(
                0,
                organiserLimits.dailyRows()
                        - store.enteredSince(
                                organiser.id(), ProgrammeCalendar.startOf(ProgrammeCalendar.today(clock))));
        var rows = new ArrayList<Object>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(organiserRow(organiser, organisationId, records.get(i), i + 1, i >= allowance));
        }
        // Every sheet's largest claim waits for a reviewer, whatever the draw: the row an inflated sheet would hide in.
        rows.stream()
                .filter(Pending.class::isInstance)
                .map(Pending.class::cast)
                .filter(p -> p.prepared() instanceof Prepared.Valid)
                .max(Comparator.comparingLong(
                        p -> ((Prepared.Valid) p.prepared()).credited().reductionGrams()))
                .ifPresent(largest -> rows.set(
                        rows.indexOf(largest),
                        new Pending(largest.row(), ((Prepared.Valid) largest.prepared()).sampledForReview())));
        return write(rows.size(), rows::get);
    }

    /** One row of an organiser's sheet, prepared for its member, or answered at once with why it cannot be. */
    private Object organiserRow(
            Actor organiser, UUID organisationId, CSVRecord r, int rowNumber, boolean overAllowance) {
        String email = get(r, "email");
        UUID member = email == null
                ? null
                : organisations.memberByEmail(organisationId, email).orElse(null);
        if (member == null) {
            return invalid(
                    rowNumber,
                    get(r, "key"),
                    List.of(new FieldError(
                            "email", message("problem.not-a-member.detail", email == null ? "" : email))));
        }
        if (organisations.isOrganiser(member, organisationId)) {
            return invalid(
                    rowNumber,
                    get(r, "key"),
                    List.of(new FieldError("email", message("problem.organiser-self-import.detail"))));
        }
        if (overAllowance) {
            return invalid(
                    rowNumber,
                    get(r, "key"),
                    List.of(new FieldError(
                            "row", message("problem.organiser-import-cap.detail", organiserLimits.dailyRows()))));
        }
        try {
            String key = get(r, "key");
            boolean held = RANDOM.nextDouble() < organiserLimits.reviewShare();
            return prepare(
                    member,
                    rowNumber,
                    new Row(
                            key == null ? null : "org:" + organisationId + ":" + key,
                            new RecordSubmission(
                                    get(r, "behaviour"),
                                    decimal(get(r, "quantity")),
                                    get(r, "unit"),
                                    dateTime(get(r, "occurred_at")),
                                    get(r, "region"),
                                    "ORGANISER_VERIFIED",
                                    null,
                                    integer(get(r, "duration_minutes")),
                                    get(r, "external_ref"))),
                    Recording.Channel.ORGANISER,
                    organiser.id(),
                    held);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return invalid(rowNumber, null, List.of(badCell(e)));
        }
    }

    BatchResult ingestCsv(UUID userId, String csv, Recording.Channel channel) throws IOException {
        return ingestCsv(userId, new StringReader(csv), channel);
    }

    /** A sheet's rows, once its header has every column required ({@code prefix} names the columns before the usual). */
    private static List<CSVRecord> csvRows(Reader csv, List<String> required, String prefix) throws IOException {
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try {
            var parser = format.parse(csv);
            for (String column : required) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw Refusal.invalid("batch-csv-columns", "body", prefix + String.join(",", CSV_COLUMNS));
                }
            }
            return parser.getRecords();
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Not a sheet at all (an empty or duplicate header name, an unclosed quote): the columns it needs, nothing
            // else.
            throw Refusal.invalid("batch-csv-columns", "body", prefix + String.join(",", CSV_COLUMNS));
        }
    }

    private static void checkSize(int rows) {
        if (rows > MAX_ROWS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "batch-too-large", null, MAX_ROWS);
        }
        if (rows == 0) {
            throw Refusal.invalid("batch-empty", "body");
        }
    }

    /** A row read, checked and calculated, waiting to be written with its chunk. */
    private record Pending(int row, Prepared prepared) {}

    /** Prepares a row, or answers it at once when its key is missing or malformed. */
    private Object prepare(UUID userId, int number, Row row, Recording.Channel channel) {
        return prepare(userId, number, row, channel, null, false);
    }

    private Object prepare(
            UUID userId, int number, Row row, Recording.Channel channel, @Nullable UUID enteredBy, boolean held) {
        if (row.key() == null || row.key().isBlank()) {
            return invalid(
                    number, null, List.of(new FieldError("key", message("problem.field-required.detail", "key"))));
        }
        try {
            return new Pending(
                    number, submissions.prepare(userId, row.key(), row.submission(), channel, enteredBy, held));
        } catch (Refusal e) {
            return invalid(number, row.key(), errors(e));
        }
    }

    /**
     * Prepares row after row (0-based: {@code row.apply(i)} reads, checks and calculates row i, or answers it at once)
     * and writes them chunk by chunk, one transaction and a few statements per chunk, answering every row in order.
     * A chunk is written on a thread of its own while the next one is prepared, so the two cores share the work: the
     * writes still follow one another, each chunk seeing the ones before it.
     */
    private BatchResult write(int rows, IntFunction<Object> row) {
        var results = new ArrayList<RowResult>(rows);
        chunks.write(
                rows,
                row,
                item -> item instanceof Pending p ? p.prepared() : null,
                (chunk, written) -> answer(chunk, written, results));
        return summarise(rows, results);
    }

    /** Answers a written chunk's rows, in order. */
    private void answer(List<Object> chunk, List<RecordGroup.Fate> written, List<RowResult> results) {
        int next = 0;
        for (Object item : chunk) {
            if (item instanceof RowResult answered) {
                results.add(answered);
                continue;
            }
            Pending p = (Pending) item;
            var fate = written.get(next++);
            if (fate instanceof RecordGroup.Refused refused) {
                results.add(invalid(p.row(), p.prepared().key().key(), errors(refused.refusal())));
            } else {
                var outcome = fate.outcome();
                var receipt = outcome.receipt();
                results.add(new RowResult(
                        p.row(),
                        p.prepared().key().key(),
                        receipt.status().name(),
                        receipt.id(),
                        receipt.reductionGrams(),
                        receipt.reasons(),
                        List.of(),
                        outcome.replayed()));
            }
        }
    }

    private static BatchResult summarise(int rows, List<RowResult> results) {
        int credited = 0;
        int flagged = 0;
        int rejected = 0;
        int invalid = 0;
        for (RowResult r : results) {
            switch (r.status()) {
                case "CREDITED" -> credited++;
                case "FLAGGED" -> flagged++;
                case "REJECTED" -> rejected++;
                default -> invalid++;
            }
        }
        return new BatchResult(rows, credited, flagged, rejected, invalid, results);
    }

    private List<FieldError> errors(Refusal e) {
        return e.violations().isEmpty()
                ? List.of(new FieldError("row", problems.describe(e, LocaleContextHolder.getLocale())))
                : e.violations().stream()
                        .map(v -> new FieldError(
                                v.field().equals("Idempotency-Key") ? "key" : v.field(),
                                problems.message(v, LocaleContextHolder.getLocale())))
                        .toList();
    }

    private static RowResult invalid(int number, @Nullable String key, List<FieldError> errors) {
        return new RowResult(number, key, "INVALID", null, null, List.of(), errors, false);
    }

    private String message(String key, Object... args) {
        // With a default message, never null.
        return Objects.requireNonNull(messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
    }

    private static @Nullable String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String value = r.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    /** A cell that does not parse; its message is the column's name. */
    private static final class BadCell extends IllegalArgumentException {

        private final String column;

        BadCell(String column) {
            super(column, null);
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadCell("quantity");
        }
    }

    private static @Nullable Integer integer(@Nullable String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new BadCell("duration_minutes");
        }
    }

    private static @Nullable OffsetDateTime dateTime(@Nullable String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadCell("occurred_at");
        }
    }

    /** A row whose cell does not parse, named in the reader's language. */
    private FieldError badCell(RuntimeException e) {
        String column = e instanceof BadCell bad ? bad.column() : "row";
        return new FieldError(column, message("problem.invalid-field.detail", column));
    }

    /** A JSON line that cannot be read: where it breaks, or the field the input boundary refused — never the parser's words. */
    private FieldError unreadable(JacksonException e) {
        if (e instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]" : r.getPropertyName())
                    .collect(Collectors.joining("."));
            return new FieldError(field, message("problem.invalid-field.detail", field));
        }
        var location = e.getLocation();
        return new FieldError(
                "row",
                message(
                        "problem.malformed-json.detail",
                        location == null ? 0 : location.getLineNr(),
                        location == null ? 0 : location.getColumnNr()));
    }
}
