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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk ingest: up to 10,000 rows (JSON lines or CSV) in one request, each with its own idempotency key, each getting
 * its own result — credited, flagged, rejected or invalid, and why. Rows are processed in chunks of 500, one database
 * transaction per chunk (one commit instead of one per row) with a savepoint per row, so a bad row costs only itself.
 */
@Service
public class BatchIngest {

    public static final int MAX_ROWS = 10_000;
    static final int CHUNK = 500;
    static final List<String> CSV_COLUMNS = List.of("key", "behaviour", "quantity", "unit", "occurred_at", "region",
            "duration_minutes", "external_ref");

    private final Recording recording;
    private final Organisations organisations;
    private final TransactionTemplate chunk;
    private final TransactionTemplate row;
    private final JsonMapper json;
    private final MessageSource messages;

    BatchIngest(Recording recording, Organisations organisations, PlatformTransactionManager transactions, JsonMapper json,
            MessageSource messages) {
        this.recording = recording;
        this.organisations = organisations;
        this.chunk = new TransactionTemplate(transactions);
        this.row = new TransactionTemplate(transactions);
        this.row.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
        var results = new ArrayList<RowResult>();
        int number = 0;
        List<CSVRecord> records = parser.getRecords();
        if (records.size() > MAX_ROWS) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", null, MAX_ROWS);
        }
        for (int start = 0; start < records.size(); start += CHUNK) {
            List<CSVRecord> slice = records.subList(start, Math.min(records.size(), start + CHUNK));
            int offset = start;
            chunk.executeWithoutResult(status -> {
                for (int i = 0; i < slice.size(); i++) {
                    CSVRecord r = slice.get(i);
                    int rowNumber = offset + i + 1;
                    String email = get(r, "email");
                    UUID member = email == null ? null : organisations.memberByEmail(organisationId, email).orElse(null);
                    if (member == null) {
                        results.add(invalid(rowNumber, get(r, "key"), List.of(new FieldError("email",
                                message("problem.not-a-member.detail", email == null ? "" : email)))));
                        continue;
                    }
                    Object row;
                    try {
                        String key = get(r, "key");
                        row = new Row(key == null ? null : "org:" + organisationId + ":" + key, new RecordSubmission(get(r, "behaviour"),
                                decimal(get(r, "quantity")), get(r, "unit"), dateTime(get(r, "occurred_at")), get(r, "region"),
                                "ORGANISER_VERIFIED", null, integer(get(r, "duration_minutes")), get(r, "external_ref")));
                    } catch (IllegalArgumentException | DateTimeParseException e) {
                        row = new Unreadable(rowNumber, e.getMessage());
                    }
                    results.add(one(member, rowNumber, row, Recording.Channel.ORGANISER));
                }
            });
        }
        return summarise(records.size(), results);
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
        var results = new ArrayList<RowResult>(rows.size());
        for (int start = 0; start < rows.size(); start += CHUNK) {
            List<Object> slice = rows.subList(start, Math.min(rows.size(), start + CHUNK));
            int offset = start;
            chunk.executeWithoutResult(status -> {
                for (int i = 0; i < slice.size(); i++) {
                    results.add(one(userId, offset + i + 1, slice.get(i), channel));
                }
            });
        }
        return summarise(rows.size(), results);
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

    private RowResult one(UUID userId, int number, Object item, Recording.Channel channel) {
        if (item instanceof Unreadable unreadable) {
            return invalid(number, null, List.of(new FieldError("row", unreadable.message())));
        }
        Row row = (Row) item;
        if (row.key() == null || row.key().isBlank()) {
            return invalid(number, null, List.of(new FieldError("key", message("problem.field-required.detail", "key"))));
        }
        try {
            var outcome = this.row.execute(status -> recording.submit(userId, row.key(), row.submission(), channel));
            var receipt = outcome.receipt();
            return new RowResult(number, row.key(), receipt.status(), receipt.id(), receipt.reductionGrams(), receipt.reasons(),
                    List.of(), outcome.replayed());
        } catch (ProblemException e) {
            var errors = e.violations().isEmpty()
                    ? List.of(new FieldError("row", message("problem." + e.code() + ".detail", e.args())))
                    : e.violations().stream().map(v -> new FieldError(v.field().equals("Idempotency-Key") ? "key" : v.field(),
                            message(v.messageKey(), v.args().toArray()))).toList();
            return invalid(number, row.key(), errors);
        }
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
