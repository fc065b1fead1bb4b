package org.lowcarbontogether.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.Hashes;
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
        var entry = append(userId, recordId, LedgerEntry.Kind.CREDIT, calculation.reductionGrams(), calculation, occurredAt, null, null,
                evidence);
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
        String evidence = creditEvidence(userId, recordId);
        var entry = append(userId, recordId, LedgerEntry.Kind.ADJUSTMENT, deltaGrams, calculation, occurredAt, restatementId, null,
                evidence);
        events.publishEvent(new ReductionAdjusted(entry.id(), userId, recordId, calculation.behaviour(), calculation.category(),
                deltaGrams, previousVersion, calculation.methodologyVersion(), restatementId, evidence, entry.occurredAt(),
                entry.bookedAt()));
        return entry.id();
    }

    /**
     * Reverses everything a record brought to the ledger (its credit and any adjustments) with one REVERSAL entry
     * linked to the original credit, naming the reason and who reversed it. Returns the new entry's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID reverse(UUID userId, UUID recordId, String reason, UUID actorId) {
        var totals = jdbc.sql("""
                        select coalesce(sum(grams), 0) as total,
                               coalesce(sum(grams) filter (where kind = 'CREDIT'), 0) as credited,
                               (select id from ledger_entry c where c.user_id = :user and c.record_id = :record and c.kind = 'CREDIT') as credit_id,
                               count(*) filter (where kind = 'REVERSAL') as reversals
                        from ledger_entry where user_id = :user and record_id = :record""")
                .param("user", userId)
                .param("record", recordId)
                .query((rs, n) -> new Object[] {rs.getLong("total"), rs.getLong("credited"), rs.getObject("credit_id", UUID.class),
                        rs.getLong("reversals")})
                .single();
        UUID creditId = (UUID) totals[2];
        if (creditId == null || (Long) totals[3] > 0) {
            throw new IllegalStateException("Record " + recordId + " has no credit to reverse, or is reversed already");
        }
        LedgerEntry credit = entry(userId, creditId).orElseThrow();
        long total = (Long) totals[0];
        String evidence = credit.evidence() == null ? "SELF_REPORT" : credit.evidence();
        var entry = append(userId, recordId, LedgerEntry.Kind.REVERSAL, -total, credit.provenance(), credit.occurredAt(), null,
                new Reversal(creditId, reason, actorId), evidence);
        events.publishEvent(new ReductionReversed(entry.id(), userId, recordId, credit.behaviour(), credit.category(), -total,
                (Long) totals[1], evidence, entry.occurredAt(), entry.bookedAt()));
        return entry.id();
    }

    private String creditEvidence(UUID userId, UUID recordId) {
        return jdbc.sql("select coalesce(evidence, 'SELF_REPORT') from ledger_entry where user_id = :user and record_id = :record and kind = 'CREDIT'")
                .param("user", userId)
                .param("record", recordId)
                .query(String.class)
                .optional()
                .orElse("SELF_REPORT");
    }

    /** What a reversal entry records beyond the amount: the entry it reverses, why, and who decided. */
    record Reversal(UUID reverses, String reason, UUID actorId) {}

    /** Appends an entry to a person's chain: locks their account row, links the hash, moves the balance. */
    private Appended append(UUID userId, UUID recordId, LedgerEntry.Kind kind, long grams, Calculation.Credited calculation,
            Instant occurredAt, @Nullable UUID restatementId, @Nullable Reversal reversal, String evidence) {
        // Creates the account on first use and locks its row in one statement; the row serialises the person's chain.
        var account = jdbc.sql("""
                        insert into ledger_account (user_id, balance_grams, entry_count, last_hash, updated_at)
                        values (:user, 0, 0, :genesis, now())
                        on conflict (user_id) do update set user_id = excluded.user_id
                        returning entry_count, last_hash""")
                .param("user", userId)
                .param("genesis", genesis(userId))
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
                calculation.methodologyVersion(), occurred, bookedAt, restatementId, reversal == null ? null : reversal.reverses(),
                reversal == null ? null : reversal.reason(), reversal == null ? null : reversal.actorId(), provenance));
        jdbc.sql("""
                        insert into ledger_entry (user_id, id, seq, kind, grams, record_id, behaviour, category,
                            methodology_code, methodology_version, provenance, occurred_at, booked_at, prev_hash, hash,
                            restatement_id, reverses, reason, actor_id, evidence)
                        values (:user, :id, :seq, :kind, :grams, :record, :behaviour, :category,
                            :code, :version, cast(:provenance as json), :occurredAt, :bookedAt, :prevHash, :hash, :restatement,
                            :reverses, :reason, :actor, :evidence)""")
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
                .param("reverses", reversal == null ? null : reversal.reverses())
                .param("reason", reversal == null ? null : reversal.reason())
                .param("actor", reversal == null ? null : reversal.actorId())
                .param("evidence", evidence)
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
                            provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id,
                            reverses, reason, actor_id, evidence
                        from ledger_entry where user_id = :user order by seq desc limit :limit""")
                .param("user", userId)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(this::map)
                .list();
        return new Statement(userId, CarbonQuantity.ofGrams(totals[0]), totals[1], entries);
    }

    /** The outcome of recomputing a person's hash chain and balance from the stored entries. */
    public record Verification(boolean valid, long entries, long balanceGrams, String lastHash, @Nullable Long brokenAtSequence,
            @Nullable String problem) {}

    /**
     * Recomputes the person's chain from the stored rows: each entry's previous hash must be its predecessor's hash,
     * each hash must match the entry's canonical form, sequences must run without gaps, and the balance must equal
     * the sum of the entries.
     */
    @Transactional(readOnly = true)
    public Verification verify(UUID userId) {
        var rows = jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, methodology_version, provenance::text as provenance,
                            occurred_at, booked_at, prev_hash, hash, restatement_id, reverses, reason, actor_id
                        from ledger_entry where user_id = :user order by seq""")
                .param("user", userId)
                .query((rs, n) -> new Object[] {rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("kind"),
                        rs.getLong("grams"), rs.getObject("record_id", UUID.class), rs.getString("behaviour"),
                        rs.getString("methodology_version"), rs.getString("provenance"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("booked_at").toInstant(), rs.getString("prev_hash"), rs.getString("hash"),
                        rs.getObject("restatement_id", UUID.class), rs.getObject("reverses", UUID.class), rs.getString("reason"),
                        rs.getObject("actor_id", UUID.class)})
                .list();
        String previous = genesis(userId);
        long sum = 0;
        long expectedSequence = 1;
        for (Object[] r : rows) {
            long sequence = (Long) r[1];
            if (sequence != expectedSequence) {
                return new Verification(false, rows.size(), sum, previous, sequence, "sequence gap before " + sequence);
            }
            if (!previous.equals(r[10])) {
                return new Verification(false, rows.size(), sum, previous, sequence, "previous hash does not match");
            }
            String recomputed = hash(previous, canonical((UUID) r[0], sequence, LedgerEntry.Kind.valueOf((String) r[2]), (Long) r[3],
                    (UUID) r[4], (String) r[5], (String) r[6], (Instant) r[8], (Instant) r[9], (UUID) r[12], (UUID) r[13],
                    (String) r[14], (UUID) r[15], (String) r[7]));
            if (!recomputed.equals(r[11])) {
                return new Verification(false, rows.size(), sum, previous, sequence, "entry hash does not match its content");
            }
            previous = recomputed;
            sum += (Long) r[3];
            expectedSequence++;
        }
        long balance = statement(userId, 1).balance().grams();
        if (balance != sum) {
            return new Verification(false, rows.size(), sum, previous, null, "balance " + balance + " differs from the entries' sum " + sum);
        }
        return new Verification(true, rows.size(), sum, previous, null, null);
    }

    /** Every entry of a person's ledger booked in [from, to), oldest first — for statements. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> entriesBooked(UUID userId, Instant from, Instant to) {
        return jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
                            provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id,
                            reverses, reason, actor_id, evidence
                        from ledger_entry where user_id = :user and booked_at >= :from and booked_at < :to order by seq""")
                .param("user", userId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(this::map)
                .list();
    }

    /** The SHA-256 of an entry's stored provenance, as its hash covers it. */
    @Transactional(readOnly = true)
    public String provenanceHash(UUID userId, UUID entryId) {
        return sha256(jdbc.sql("select provenance::text from ledger_entry where user_id = :user and id = :id")
                .param("user", userId).param("id", entryId).query(String.class).single());
    }

    /** One entry of a person's ledger; empty when it is not theirs. */
    @Transactional(readOnly = true)
    public java.util.Optional<LedgerEntry> entry(UUID userId, UUID entryId) {
        return jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
                            provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id,
                            reverses, reason, actor_id, evidence
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
                rs.getObject("restatement_id", UUID.class),
                rs.getObject("reverses", UUID.class),
                rs.getString("reason"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("evidence"));
    }

    public static String genesis(UUID userId) {
        return sha256("lct-ledger-genesis:" + userId);
    }

    /** The canonical form an entry's hash covers; the provenance is covered through its own hash. */
    public static String canonical(UUID id, long sequence, LedgerEntry.Kind kind, long grams, @Nullable UUID recordId,
            String behaviour, String methodologyVersion, Instant occurredAt, Instant bookedAt, @Nullable UUID restatementId,
            @Nullable UUID reverses, @Nullable String reason, @Nullable UUID actorId, String provenance) {
        return canonicalWithProvenanceHash(id, sequence, kind, grams, recordId, behaviour, methodologyVersion, occurredAt, bookedAt,
                restatementId, reverses, reason, actorId, sha256(provenance));
    }

    /** The canonical form from the provenance's hash, as a statement carries it, so a third party can check the chain. */
    public static String canonicalWithProvenanceHash(UUID id, long sequence, LedgerEntry.Kind kind, long grams,
            @Nullable UUID recordId, String behaviour, String methodologyVersion, Instant occurredAt, Instant bookedAt,
            @Nullable UUID restatementId, @Nullable UUID reverses, @Nullable String reason, @Nullable UUID actorId,
            String provenanceHash) {
        return String.join("|", id.toString(), Long.toString(sequence), kind.name(), Long.toString(grams),
                text(recordId), behaviour, methodologyVersion, occurredAt.toString(), bookedAt.toString(), text(restatementId),
                text(reverses), reason == null ? "" : reason, text(actorId), provenanceHash);
    }

    private static String text(@Nullable UUID id) {
        return id == null ? "" : id.toString();
    }

    public static String hash(String previousHash, String canonical) {
        return sha256(previousHash + "\n" + canonical);
    }

    public static String sha256(String text) {
        return Hashes.sha256(text);
    }
}
