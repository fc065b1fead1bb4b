package org.lowcarbontogether.recording;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest: up to 10,000 rows (JSON lines or CSV) in one request, each with its own idempotency key, each getting
 * its own result — credited, flagged, rejected or invalid, and why. Rows are read, checked and calculated first; then
 * they are written in chunks of 1,000, one transaction and a few multi-row statements per chunk (see
 * {@link Recording#write}). A bad row costs only itself: it is answered with its problem and nothing of it is kept.
 */
@Service
public class BatchIngest {

    public static final int MAX_ROWS = 10_000;
    static final int CHUNK = 1_000;
    static final List<String> CSV_COLUMNS = List.of("key", "behaviour", "quantity", "unit", "occurred_at", "region",
            "duration_minutes", "external_ref");

    private final Recording recording;
    private final Organisations organisations;
    private final JsonMapper json;
    private final MessageSource messages;

    BatchIngest(Recording recording, Organisations organisations, JsonMapper json,
            MessageSource messages) {
        this.recording = recording;
        this.organisations = organisations;
        this.json = json;
        this.messages = messages;
    }

    /** One row as sent: its idempotency key and the record. */
    public record Row(@Nullable String key, RecordSubmission submission) {}

    /** What happened to one row. */
    public record RowResult(int row, @Nullable String key, String status, @Nullable UUID recordId, @Nullable Long reductionGrams,
            List<String> reasons, List<FieldError> errors, boolean replayed) {}

    public record FieldError(String field, String message) {}

    /** Per-row results and totals. */
    public record Result(int rows, int credited, int flagged, int rejected, int invalid, List<RowResult> results) {}

    /** A row that cannot even be read, kept so its number can be reported. */
    private record Unreadable(int row, String message) {}

    public Result ingestJsonLines(UUID userId, String body, Recording.Channel channel) {
        var rows = new ArrayList<Object>();
        String[] lines = body.split("\r?\n");
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                var node = json.readTree(line);
                rows.add(new Row(node.hasNonNull("key") ? node.get("key").asString() : null,
                        json.treeToValue(node, RecordSubmission.class)));
            } catch (JacksonException e) {
                rows.add(new Unreadable(rows.size() + 1, e.getOriginalMessage()));
            }
        }
        return ingest(userId, rows, channel);
    }

    public Result ingestCsv(UUID userId, Reader csv, Recording.Channel channel) throws IOException {
        var rows = new ArrayList<Object>();
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        var parser = format.parse(csv);
        for (String column : List.of("key", "behaviour", "quantity", "unit", "occurred_at")) {
            if (!parser.getHeaderMap().containsKey(column)) {
                throw ProblemException.badRequest("batch-csv-columns", "body", String.join(",", CSV_COLUMNS));
            }
        }
        for (CSVRecord r : parser) {
            try {
                rows.add(new Row(get(r, "key"), new RecordSubmission(get(r, "behaviour"), decimal(get(r, "quantity")), get(r, "unit"),
                        dateTime(get(r, "occurred_at")), get(r, "region"), null, null, integer(get(r, "duration_minutes")),
                        get(r, "external_ref"))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rows.add(new Unreadable(rows.size() + 1, e.getMessage()));
            }
        }
        return ingest(userId, rows, channel);
    }

    /**
     * An organiser's sheet for one of their organisations: each row names a member by {@code email}; rows for people
     * who are not members are refused. Records are organiser-verified; keys are scoped to the organisation.
     */
    public Result ingestOrganiserSheet(AuthenticatedUser organiser, UUID organisationId, Reader csv) throws IOException {
        if (!organisations.isOrganiser(organiser.id(), organisationId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", null);
        }
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
        var parser = format.parse(csv);
        for (String column : List.of("email", "key", "behaviour", "quantity", "unit", "occurred_at")) {
            if (!parser.getHeaderMap().containsKey(column)) {
                throw ProblemException.badRequest("batch-csv-columns", "body", "email," + String.join(",", CSV_COLUMNS));
            }
        }
        List<CSVRecord> records = parser.getRecords();
        if (records.size() > MAX_ROWS) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", null, MAX_ROWS);
        }
        var rows = new ArrayList<Object>(records.size());
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            int rowNumber = i + 1;
            String email = get(r, "email");
            UUID member = email == null ? null : organisations.memberByEmail(organisationId, email).orElse(null);
            if (member == null) {
                rows.add(invalid(rowNumber, get(r, "key"), List.of(new FieldError("email",
                        message("problem.not-a-member.detail", email == null ? "" : email)))));
                continue;
            }
            try {
                String key = get(r, "key");
                rows.add(prepare(member, rowNumber, new Row(key == null ? null : "org:" + organisationId + ":" + key,
                        new RecordSubmission(get(r, "behaviour"), decimal(get(r, "quantity")), get(r, "unit"),
                                dateTime(get(r, "occurred_at")), get(r, "region"), "ORGANISER_VERIFIED", null,
                                integer(get(r, "duration_minutes")), get(r, "external_ref"))), Recording.Channel.ORGANISER));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rows.add(invalid(rowNumber, null, List.of(new FieldError("row", e.getMessage()))));
            }
        }
        return write(rows);
    }

    public Result ingestCsv(UUID userId, String csv, Recording.Channel channel) throws IOException {
        return ingestCsv(userId, new StringReader(csv), channel);
    }

    private Result ingest(UUID userId, List<Object> rows, Recording.Channel channel) {
        if (rows.size() > MAX_ROWS) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", null, MAX_ROWS);
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("batch-empty", "body");
        }
        var items = new ArrayList<Object>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            items.add(rows.get(i) instanceof Unreadable unreadable
                    ? invalid(i + 1, null, List.of(new FieldError("row", unreadable.message())))
                    : prepare(userId, i + 1, (Row) rows.get(i), channel));
        }
        return write(items);
    }

    /** A row read, checked and calculated, waiting to be written with its chunk. */
    private record Pending(int row, Recording.Prepared prepared) {}

    /** Prepares a row, or answers it at once when its key is missing or malformed. */
    private Object prepare(UUID userId, int number, Row row, Recording.Channel channel) {
        if (row.key() == null || row.key().isBlank()) {
            return invalid(number, null, List.of(new FieldError("key", message("problem.field-required.detail", "key"))));
        }
        try {
            return new Pending(number, recording.prepare(userId, row.key(), row.submission(), channel));
        } catch (ProblemException e) {
            return invalid(number, row.key(), errors(e));
        }
    }

    /**
     * Writes the prepared rows chunk by chunk — one transaction and a few statements per chunk — and answers every row
     * in order.
     */
    private Result write(List<Object> items) {
        var results = new ArrayList<RowResult>(items.size());
        for (int start = 0; start < items.size(); start += CHUNK) {
            List<Object> slice = items.subList(start, Math.min(items.size(), start + CHUNK));
            var pending = slice.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
            var written = recording.write(pending.stream().map(Pending::prepared).toList());
            int next = 0;
            for (Object item : slice) {
                if (item instanceof RowResult answered) {
                    results.add(answered);
                    continue;
                }
                Pending p = pending.get(next);
                var result = written.get(next++);
                if (result.problem() != null) {
                    results.add(invalid(p.row(), p.prepared().key().key(), errors(result.problem())));
                } else {
                    var receipt = result.outcome().receipt();
                    results.add(new RowResult(p.row(), p.prepared().key().key(), receipt.status(), receipt.id(), receipt.reductionGrams(),
                            receipt.reasons(), List.of(), result.outcome().replayed()));
                }
            }
        }
        return summarise(items.size(), results);
    }

    private static Result summarise(int rows, List<RowResult> results) {
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
        return new Result(rows, credited, flagged, rejected, invalid, results);
    }

    private List<FieldError> errors(ProblemException e) {
        return e.violations().isEmpty()
                ? List.of(new FieldError("row", message("problem." + e.code() + ".detail", e.args())))
                : e.violations().stream().map(v -> new FieldError(v.field().equals("Idempotency-Key") ? "key" : v.field(),
                        message(v.messageKey(), v.args().toArray()))).toList();
    }

    private static RowResult invalid(int number, @Nullable String key, List<FieldError> errors) {
        return new RowResult(number, key, "INVALID", null, null, List.of(), errors, false);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    private static @Nullable String get(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String value = r.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity is not a number: " + text);
        }
    }

    private static @Nullable Integer integer(@Nullable String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration_minutes is not a whole number: " + text);
        }
    }

    private static @Nullable OffsetDateTime dateTime(@Nullable String text) {
        return text == null ? null : OffsetDateTime.parse(text);
    }

}
