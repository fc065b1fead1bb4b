package org.lowcarbontogether.ledger;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Checks a statement exported as CSV without access to the platform: every entry's hash must match its content and
 * link to the previous entry's hash; a statement starting at the first entry must start from the account's genesis.
 * <p>
 * From the command line (with the application jar):
 * {@code java -cp low-carbon-together.jar -Dloader.main=org.lowcarbontogether.ledger.StatementVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher statement.csv}
 */
public final class StatementVerifier {

    static final String[] COLUMNS = {
        "account",
        "sequence",
        "entry_id",
        "kind",
        "grams",
        "record_id",
        "behaviour",
        "category",
        "methodology_version",
        "occurred_at",
        "booked_at",
        "restatement_id",
        "reverses",
        "reason",
        "actor_id",
        "provenance_sha256",
        "previous_hash",
        "hash"
    };

    private StatementVerifier() {}

    /** The outcome: whether the chain holds, how many entries were checked, their sum, and the first problem. */
    public record Result(
            boolean valid,
            int entries,
            long grams,
            @Nullable String lastHash,
            @Nullable String problem) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StatementVerifier <statement.csv>");
            System.exit(2);
        }
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            Result result = verify(reader);
            if (result.valid()) {
                System.out.printf(
                        "VALID: %d entries, %d g CO2e, last hash %s%n",
                        result.entries(), result.grams(), result.lastHash());
            } else {
                System.out.printf("INVALID after %d entries: %s%n", result.entries(), result.problem());
                System.exit(1);
            }
        }
    }

    public static Result verify(Reader csv) throws IOException {
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        String previous = null;
        int count = 0;
        long grams = 0;
        for (CSVRecord row : format.parse(csv)) {
            UUID account = UUID.fromString(row.get("account"));
            long sequence = Long.parseLong(row.get("sequence"));
            String expectedPrevious =
                    previous != null ? previous : sequence == 1 ? Ledger.genesis(account) : row.get("previous_hash");
            if (!expectedPrevious.equals(row.get("previous_hash"))) {
                return new Result(
                        false, count, grams, previous, "entry " + sequence + " does not link to the entry before it");
            }
            String canonical = Ledger.canonicalWithProvenanceHash(
                    UUID.fromString(row.get("entry_id")),
                    sequence,
                    LedgerEntry.Kind.valueOf(row.get("kind")),
                    Long.parseLong(row.get("grams")),
                    uuid(row.get("record_id")),
                    row.get("behaviour"),
                    row.get("methodology_version"),
                    Instant.parse(row.get("occurred_at")),
                    Instant.parse(row.get("booked_at")),
                    uuid(row.get("restatement_id")),
                    uuid(row.get("reverses")),
                    row.get("reason").isEmpty() ? null : row.get("reason"),
                    uuid(row.get("actor_id")),
                    row.get("provenance_sha256"));
            String hash = Ledger.hash(expectedPrevious, canonical);
            if (!hash.equals(row.get("hash"))) {
                return new Result(
                        false, count, grams, previous, "entry " + sequence + " was altered: its hash does not match");
            }
            previous = hash;
            grams += Long.parseLong(row.get("grams"));
            count++;
        }
        return new Result(true, count, grams, previous, null);
    }

    private static @Nullable UUID uuid(String text) {
        return text == null || text.isEmpty() ? null : UUID.fromString(text);
    }
}
