package org.lowcarbontogether.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's API: credits reductions, and reads balances and statements.
 * <p>
 * Each person has an account row holding the running balance and the last hash; a credit locks that row, appends an
 * entry whose hash covers the previous hash and the entry's canonical form, and moves the balance — all in the
 * caller's transaction. Only rows of the crediting person are touched, so there is no global hot row.
 */
@Service
public class Ledger {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Ledger(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Credits a calculated reduction for a record; returns the new entry's id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID credit(UUID userId, UUID recordId, Calculation.Credited calculation, Instant occurredAt, String evidence) {
        var entry = append(userId, recordId, LedgerEntry.Kind.CREDIT, calculation.reductionGrams(), calculation, occurredAt, null);
        events.publishEvent(new ReductionCredited(entry.id(), userId, recordId, calculation.behaviour(), calculation.category(),
                calculation.reductionGrams(), calculation.methodologyVersion(), calculation.region(), evidence, entry.occurredAt(),
                entry.bookedAt()));
        return entry.id();
    }

    /**
     * Books the difference a restatement makes to a record: an adjusting entry of {@code deltaGrams} carrying the new
     * calculation. The original entry stays as it was.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID adjust(UUID userId, UUID recordId, long deltaGrams, Calculation.Credited calculation, Instant occurredAt,
            String previousVersion, UUID restatementId) {
        var entry = append(userId, recordId, LedgerEntry.Kind.ADJUSTMENT, deltaGrams, calculation, occurredAt, restatementId);
        events.publishEvent(new ReductionAdjusted(entry.id(), userId, recordId, calculation.behaviour(), calculation.category(),
                deltaGrams, previousVersion, calculation.methodologyVersion(), restatementId, entry.occurredAt(), entry.bookedAt()));
        return entry.id();
    }

    /** Appends an entry to a person's chain: locks their account row, links the hash, moves the balance. */
    private Appended append(UUID userId, UUID recordId, LedgerEntry.Kind kind, long grams, Calculation.Credited calculation,
            Instant occurredAt, @Nullable UUID restatementId) {
        jdbc.sql("""
                        insert into ledger_account (user_id, balance_grams, entry_count, last_hash, updated_at)
                        values (:user, 0, 0, :genesis, now()) on conflict (user_id) do nothing""")
                .param("user", userId)
                .param("genesis", genesis(userId))
                .update();
        var account = jdbc.sql("select entry_count, last_hash from ledger_account where user_id = :user for update")
                .param("user", userId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .single();
        long sequence = (Long) account[0] + 1;
        String previousHash = (String) account[1];
        UUID entryId = UUID.randomUUID();
        // Stored to the microsecond, as PostgreSQL keeps it, so the hash can be recomputed from the stored row.
        Instant bookedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant occurred = occurredAt.truncatedTo(ChronoUnit.MICROS);
        String provenance = json.writeValueAsString(calculation);
        String hash = hash(previousHash, canonical(entryId, sequence, kind, grams, recordId, calculation.behaviour(),
                calculation.methodologyVersion(), occurred, bookedAt, restatementId, provenance));
        jdbc.sql("""
                        insert into ledger_entry (user_id, id, seq, kind, grams, record_id, behaviour, category,
                            methodology_code, methodology_version, provenance, occurred_at, booked_at, prev_hash, hash,
                            restatement_id)
                        values (:user, :id, :seq, :kind, :grams, :record, :behaviour, :category,
                            :code, :version, cast(:provenance as json), :occurredAt, :bookedAt, :prevHash, :hash, :restatement)""")
                .param("user", userId)
                .param("id", entryId)
                .param("seq", sequence)
                .param("kind", kind.name())
                .param("grams", grams)
                .param("record", recordId)
                .param("behaviour", calculation.behaviour())
                .param("category", calculation.category())
                .param("code", calculation.methodologyCode())
                .param("version", calculation.methodologyVersion())
                .param("provenance", provenance)
                .param("occurredAt", Timestamp.from(occurred))
                .param("bookedAt", Timestamp.from(bookedAt))
                .param("prevHash", previousHash)
                .param("hash", hash)
                .param("restatement", restatementId)
                .update();
        jdbc.sql("""
                        update ledger_account set balance_grams = balance_grams + :grams, entry_count = :seq,
                            last_hash = :hash, updated_at = :bookedAt where user_id = :user""")
                .param("grams", grams)
                .param("seq", sequence)
                .param("hash", hash)
                .param("bookedAt", Timestamp.from(bookedAt))
                .param("user", userId)
                .update();
        return new Appended(entryId, occurred, bookedAt);
    }

    private record Appended(UUID id, Instant occurredAt, Instant bookedAt) {}

    /** The balance and the newest {@code limit} entries of a person's ledger. */
    @Transactional(readOnly = true)
    public Statement statement(UUID userId, int limit) {
        var totals = jdbc.sql("select balance_grams, entry_count from ledger_account where user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .optional()
                .orElse(new long[] {0, 0});
        List<LedgerEntry> entries = jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
                            provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id
                        from ledger_entry where user_id = :user order by seq desc limit :limit""")
                .param("user", userId)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(this::map)
                .list();
        return new Statement(userId, CarbonQuantity.ofGrams(totals[0]), totals[1], entries);
    }

    /** One entry of a person's ledger; empty when it is not theirs. */
    @Transactional(readOnly = true)
    public java.util.Optional<LedgerEntry> entry(UUID userId, UUID entryId) {
        return jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
                            provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id
                        from ledger_entry where user_id = :user and id = :id""")
                .param("user", userId)
                .param("id", entryId)
                .query(this::map)
                .optional();
    }

    private LedgerEntry map(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(
                rs.getObject("id", UUID.class),
                rs.getLong("seq"),
                LedgerEntry.Kind.valueOf(rs.getString("kind")),
                rs.getLong("grams"),
                rs.getObject("record_id", UUID.class),
                rs.getString("behaviour"),
                rs.getString("category"),
                rs.getString("methodology_code"),
                rs.getString("methodology_version"),
                json.readValue(rs.getString("provenance"), Calculation.Credited.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("booked_at").toInstant(),
                rs.getString("prev_hash"),
                rs.getString("hash"),
                rs.getObject("restatement_id", UUID.class));
    }

    static String genesis(UUID userId) {
        return sha256("lct-ledger-genesis:" + userId);
    }

    /** The canonical form an entry's hash covers; the provenance is covered through its own hash. */
    static String canonical(UUID id, long sequence, LedgerEntry.Kind kind, long grams, @Nullable UUID recordId, String behaviour,
            String methodologyVersion, Instant occurredAt, Instant bookedAt, @Nullable UUID restatementId, String provenance) {
        return String.join("|", id.toString(), Long.toString(sequence), kind.name(), Long.toString(grams),
                recordId == null ? "" : recordId.toString(), behaviour, methodologyVersion, occurredAt.toString(),
                bookedAt.toString(), restatementId == null ? "" : restatementId.toString(), sha256(provenance));
    }

    static String hash(String previousHash, String canonical) {
        return sha256(previousHash + "\n" + canonical);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
