package org.lowcarbontogether.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.platform.CopyIn;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.Hashes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
    private final CopyIn copyIn;

    Ledger(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock, CopyIn copyIn) {
        this.copyIn = copyIn;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** A reduction to credit: a record's attested calculation, when the activity happened, and how it is evidenced. */
    public record Credit(
            UUID entryId, UUID userId, UUID recordId, Attested calculation, Instant occurredAt, String evidence) {}

    /**
     * A calculation with its provenance as an entry stores it: the JSON text, and that text's SHA-256, which the entry's
     * hash covers. Only the ledger makes one ({@link #attest}), so what is stored always is the calculation credited.
     * Attesting needs no database, so a caller can do it before its transaction (the record writer's requests do, on
     * their own threads).
     */
    public static final class Attested {

        private final Calculation.Credited calculation;
        private final String json;
        private final String sha256;

        private Attested(Calculation.Credited calculation, String json) {
            this.calculation = calculation;
            this.json = json;
            this.sha256 = sha256(json);
        }

        public Calculation.Credited calculation() {
            return calculation;
        }

        public long reductionGrams() {
            return calculation.reductionGrams();
        }
    }

    public Attested attest(Calculation.Credited calculation) {
        return new Attested(calculation, json.writeValueAsString(calculation));
    }

    /** Credits a calculated reduction for a record; returns the new entry's id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID credit(
            UUID userId, UUID recordId, Calculation.Credited calculation, Instant occurredAt, String evidence) {
        return creditAll(List.of(
                        new Credit(UUID.randomUUID(), userId, recordId, attest(calculation), occurredAt, evidence)))
                .getFirst();
    }

    /**
     * Credits many records at once — the entries, the accounts' balances and hashes in a few statements, and one
     * {@link ReductionsCredited} for all of them — under the entry ids given (so a receipt can name its entry before it
     * is written), and returns them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> creditAll(List<Credit> credits) {
        if (credits.isEmpty()) {
            return List.of();
        }
        var appended = append(credits.stream()
                .map(c -> new NewEntry(
                        c.entryId(),
                        c.userId(),
                        c.recordId(),
                        LedgerEntry.Kind.CREDIT,
                        c.calculation().reductionGrams(),
                        c.calculation(),
                        c.occurredAt(),
                        null,
                        null,
                        c.evidence()))
                .toList());
        var credited = new ArrayList<ReductionCredited>(credits.size());
        for (int i = 0; i < credits.size(); i++) {
            Credit c = credits.get(i);
            Calculation.Credited calculation = c.calculation().calculation();
            Appended entry = appended.get(i);
            credited.add(new ReductionCredited(
                    entry.id(),
                    c.userId(),
                    c.recordId(),
                    calculation.behaviour(),
                    calculation.category(),
                    calculation.reductionGrams(),
                    calculation.methodologyVersion(),
                    calculation.region(),
                    c.evidence(),
                    entry.occurredAt(),
                    entry.bookedAt()));
        }
        events.publishEvent(new ReductionsCredited(List.copyOf(credited)));
        return appended.stream().map(Appended::id).toList();
    }

    /**
     * Books the difference a restatement makes to a record: an adjusting entry of {@code deltaGrams} carrying the new
     * calculation. The original entry stays as it was.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID adjust(
            UUID userId,
            UUID recordId,
            long deltaGrams,
            Calculation.Credited calculation,
            Instant occurredAt,
            String previousVersion,
            UUID restatementId) {
        String evidence = creditEvidence(userId, recordId);
        var entry = append(new NewEntry(
                UUID.randomUUID(),
                userId,
                recordId,
                LedgerEntry.Kind.ADJUSTMENT,
                deltaGrams,
                attest(calculation),
                occurredAt,
                restatementId,
                null,
                evidence));
        events.publishEvent(new ReductionAdjusted(
                entry.id(),
                userId,
                recordId,
                calculation.behaviour(),
                calculation.category(),
                deltaGrams,
                previousVersion,
                calculation.methodologyVersion(),
                restatementId,
                evidence,
                entry.occurredAt(),
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
                .query((rs, n) -> new RecordTotals(
                        rs.getLong("total"),
                        rs.getLong("credited"),
                        rs.getObject("credit_id", UUID.class),
                        rs.getLong("reversals")))
                .single();
        UUID creditId = totals.creditId();
        if (creditId == null || totals.reversals() > 0) {
            throw new IllegalStateException("Record " + recordId + " has no credit to reverse, or is reversed already");
        }
        LedgerEntry credit = entry(userId, creditId).orElseThrow();
        long total = totals.total();
        String evidence = credit.evidence() == null ? "SELF_REPORT" : credit.evidence();
        var entry = append(new NewEntry(
                UUID.randomUUID(),
                userId,
                recordId,
                LedgerEntry.Kind.REVERSAL,
                -total,
                attest(credit.provenance()),
                credit.occurredAt(),
                null,
                new Reversal(creditId, reason, actorId),
                evidence));
        events.publishEvent(new ReductionReversed(
                entry.id(),
                userId,
                recordId,
                credit.behaviour(),
                credit.category(),
                -total,
                totals.credited(),
                evidence,
                entry.occurredAt(),
                entry.bookedAt()));
        return entry.id();
    }

    /** What a record brought to the ledger so far: in all, by its credit, which entry credited it, and reversals. */
    private record RecordTotals(
            long total, long credited, @Nullable UUID creditId, long reversals) {}

    private String creditEvidence(UUID userId, UUID recordId) {
        return jdbc.sql(
                        "select coalesce(evidence, 'SELF_REPORT') from ledger_entry where user_id = :user and record_id = :record and kind = 'CREDIT'")
                .param("user", userId)
                .param("record", recordId)
                .query(String.class)
                .optional()
                .orElse("SELF_REPORT");
    }

    /** What a reversal entry records beyond the amount: the entry it reverses, why, and who decided. */
    record Reversal(UUID reverses, String reason, UUID actorId) {}

    /** An entry to append to a person's chain. */
    private record NewEntry(
            UUID id,
            UUID userId,
            UUID recordId,
            LedgerEntry.Kind kind,
            long grams,
            Attested calculation,
            Instant occurredAt,
            @Nullable UUID restatementId,
            @Nullable Reversal reversal,
            String evidence) {}

    private Appended append(NewEntry entry) {
        return append(List.of(entry)).getFirst();
    }

    /**
     * Appends entries to their people's chains: locks the accounts (creating them on first use), links each entry's
     * hash to its predecessor's — earlier entries of the same call included — and moves the balances. Two statements
     * and one COPY however many entries.
     */
    private List<Appended> append(List<NewEntry> entries) {
        // Accounts are locked in one fixed order (by user id), so two writers crediting overlapping people never
        // wait on each other in a cycle.
        var users = entries.stream().map(NewEntry::userId).distinct().sorted().toList();
        var heads = new HashMap<UUID, Head>();
        // Accounts met for the first time are created (one that exists is not written), then all are locked in key
        // order; the balances are moved once, at the end.
        jdbc.sql("""
                        insert into ledger_account (user_id, balance_grams, entry_count, last_hash, updated_at)
                        select u.user_id, 0, 0, u.genesis, now()
                        from unnest(:users, :genesis) with ordinality as u(user_id, genesis, n) order by u.n
                        on conflict (user_id) do nothing""")
                .param("users", new SqlArrayValue("uuid", users.toArray()))
                .param(
                        "genesis",
                        new SqlArrayValue(
                                "text", users.stream().map(Ledger::genesis).toArray()))
                .update();
        jdbc.sql(
                        "select user_id, entry_count, last_hash from ledger_account where user_id = any(:users) order by user_id for update")
                .param("users", new SqlArrayValue("uuid", users.toArray()))
                .query((rs, n) -> heads.put(rs.getObject(1, UUID.class), new Head(rs.getLong(2), rs.getString(3), 0)))
                .list();
        // Stored to the microsecond, as PostgreSQL keeps it, so the hash can be recomputed from the stored row.
        Instant bookedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var appended = new ArrayList<Appended>(entries.size());
        var rows = new ArrayList<Object[]>(entries.size());
        for (NewEntry e : entries) {
            // Every person of the batch has a head: their account was locked above.
            Head head = Objects.requireNonNull(heads.get(e.userId()));
            long sequence = head.count() + 1;
            Instant occurredAt = e.occurredAt().truncatedTo(ChronoUnit.MICROS);
            Reversal reversal = e.reversal();
            Calculation.Credited calculation = e.calculation().calculation();
            String hash = hash(
                    head.hash(),
                    canonicalWithProvenanceHash(
                            e.id(),
                            sequence,
                            e.kind(),
                            e.grams(),
                            e.recordId(),
                            calculation.behaviour(),
                            calculation.methodologyVersion(),
                            occurredAt,
                            bookedAt,
                            e.restatementId(),
                            reversal == null ? null : reversal.reverses(),
                            reversal == null ? null : reversal.reason(),
                            reversal == null ? null : reversal.actorId(),
                            e.calculation().sha256));
            heads.put(e.userId(), new Head(sequence, hash, head.delta() + e.grams()));
            rows.add(new Object[] {
                e.userId(),
                e.id(),
                sequence,
                e.kind().name(),
                e.grams(),
                e.recordId(),
                calculation.behaviour(),
                calculation.category(),
                calculation.methodologyCode(),
                calculation.methodologyVersion(),
                e.calculation().json,
                Timestamp.from(occurredAt),
                Timestamp.from(bookedAt),
                head.hash(),
                hash,
                e.restatementId(),
                reversal == null ? null : reversal.reverses(),
                reversal == null ? null : reversal.reason(),
                reversal == null ? null : reversal.actorId(),
                e.evidence()
            });
            appended.add(new Appended(e.id(), occurredAt, bookedAt));
        }
        copyIn.rows("ledger_entry", ENTRY_COLUMNS, rows);
        // Every account exists and is locked (above); an upsert moves each through its key, where an update joined to
        // the list could be planned as a scan of every account.
        jdbc.sql("""
                        insert into ledger_account as a (user_id, balance_grams, entry_count, last_hash, updated_at)
                        select h.user_id, h.delta, h.count, h.hash, :bookedAt
                        from unnest(:users, :deltas, :counts, :hashes) as h(user_id, delta, count, hash)
                        on conflict (user_id) do update set balance_grams = a.balance_grams + excluded.balance_grams,
                            entry_count = excluded.entry_count, last_hash = excluded.last_hash, updated_at = excluded.updated_at""")
                .param("users", new SqlArrayValue("uuid", users.toArray()))
                .param(
                        "deltas",
                        new SqlArrayValue(
                                "int8",
                                users.stream()
                                        .map(u -> Objects.requireNonNull(heads.get(u))
                                                .delta())
                                        .toArray()))
                .param(
                        "counts",
                        new SqlArrayValue(
                                "int8",
                                users.stream()
                                        .map(u -> Objects.requireNonNull(heads.get(u))
                                                .count())
                                        .toArray()))
                .param(
                        "hashes",
                        new SqlArrayValue(
                                "text",
                                users.stream()
                                        .map(u -> Objects.requireNonNull(heads.get(u))
                                                .hash())
                                        .toArray()))
                .param("bookedAt", Timestamp.from(bookedAt))
                .update();
        return appended;
    }

    private static final List<String> ENTRY_COLUMNS = List.of(
            "user_id",
            "id",
            "seq",
            "kind",
            "grams",
            "record_id",
            "behaviour",
            "category",
            "methodology_code",
            "methodology_version",
            "provenance",
            "occurred_at",
            "booked_at",
            "prev_hash",
            "hash",
            "restatement_id",
            "reverses",
            "reason",
            "actor_id",
            "evidence");

    /** A person's chain while appending: entries so far, the last hash, and how far the balance has moved. */
    private record Head(long count, String hash, long delta) {}

    private record Appended(UUID id, Instant occurredAt, Instant bookedAt) {}

    /** Several people's balances at once, in grams; a person with no entries has none here. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> balancesInGrams(Collection<UUID> userIds) {
        var balances = new HashMap<UUID, Long>();
        jdbc.sql("select user_id, balance_grams from ledger_account where user_id = any(:users)")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .query((rs, n) -> balances.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        return balances;
    }

    /** The balance and the newest {@code limit} entries of a person's ledger. */
    @Transactional(readOnly = true)
    public Statement statement(UUID userId, int limit) {
        var totals = jdbc.sql("select balance_grams, entry_count from ledger_account where user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .optional()
                .orElse(new long[] {0, 0});
        List<LedgerEntry> entries = jdbc.sql(ENTRY_SELECT + """
                        from ledger_entry where user_id = :user order by seq desc limit :limit""")
                .param("user", userId)
                .param("limit", Math.max(1, Math.min(limit, 1000)))
                .query(this::map)
                .list();
        return new Statement(userId, CarbonQuantity.ofGrams(totals[0]), totals[1], entries);
    }

    /** The outcome of recomputing a person's hash chain and balance from the stored entries. */
    public record Verification(
            boolean valid,
            long entries,
            long balanceGrams,
            String lastHash,
            @Nullable Long brokenAtSequence,
            @Nullable String problem) {}

    /**
     * Recomputes the person's chain from the stored rows: each entry's previous hash must be its predecessor's hash,
     * each hash must match the entry's canonical form, sequences must run without gaps, and the balance must equal
     * the sum of the entries.
     */
    @Transactional(readOnly = true)
    public Verification verify(UUID userId) {
        var links = jdbc.sql("""
                        select id, seq, kind, grams, record_id, behaviour, methodology_version, provenance::text as provenance,
                            occurred_at, booked_at, prev_hash, hash, restatement_id, reverses, reason, actor_id
                        from ledger_entry where user_id = :user order by seq""")
                .param("user", userId)
                .query((rs, n) -> new Link(
                        rs.getObject("id", UUID.class),
                        rs.getLong("seq"),
                        LedgerEntry.Kind.valueOf(rs.getString("kind")),
                        rs.getLong("grams"),
                        rs.getObject("record_id", UUID.class),
                        rs.getString("behaviour"),
                        rs.getString("methodology_version"),
                        rs.getString("provenance"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("booked_at").toInstant(),
                        rs.getString("prev_hash"),
                        rs.getString("hash"),
                        rs.getObject("restatement_id", UUID.class),
                        rs.getObject("reverses", UUID.class),
                        rs.getString("reason"),
                        rs.getObject("actor_id", UUID.class)))
                .list();
        String previous = genesis(userId);
        long sum = 0;
        long expectedSequence = 1;
        for (Link link : links) {
            if (link.sequence() != expectedSequence) {
                return new Verification(
                        false, links.size(), sum, previous, link.sequence(), "sequence gap before " + link.sequence());
            }
            if (!previous.equals(link.previousHash())) {
                return new Verification(
                        false, links.size(), sum, previous, link.sequence(), "previous hash does not match");
            }
            String recomputed = hash(
                    previous,
                    canonical(
                            link.id(),
                            link.sequence(),
                            link.kind(),
                            link.grams(),
                            link.recordId(),
                            link.behaviour(),
                            link.methodologyVersion(),
                            link.occurredAt(),
                            link.bookedAt(),
                            link.restatementId(),
                            link.reverses(),
                            link.reason(),
                            link.actorId(),
                            link.provenance()));
            if (!recomputed.equals(link.hash())) {
                return new Verification(
                        false, links.size(), sum, previous, link.sequence(), "entry hash does not match its content");
            }
            previous = recomputed;
            sum += link.grams();
            expectedSequence++;
        }
        long balance = statement(userId, 1).balance().grams();
        if (balance != sum) {
            return new Verification(
                    false,
                    links.size(),
                    sum,
                    previous,
                    null,
                    "balance " + balance + " differs from the entries' sum " + sum);
        }
        return new Verification(true, links.size(), sum, previous, null, null);
    }

    /** An entry as its hash covers it, with its provenance as the stored text, to recompute the chain. */
    private record Link(
            UUID id,
            long sequence,
            LedgerEntry.Kind kind,
            long grams,
            @Nullable UUID recordId,
            String behaviour,
            String methodologyVersion,
            String provenance,
            Instant occurredAt,
            Instant bookedAt,
            String previousHash,
            String hash,
            @Nullable UUID restatementId,
            @Nullable UUID reverses,
            @Nullable String reason,
            @Nullable UUID actorId) {}

    /** What a person did in a period: behaviours credited and still standing, and their net reduction. */
    public record Activity(long behaviours, CarbonQuantity reduction) {}

    /**
     * A person's activity in [from, to) by when it happened: credits less reversals, and the grams of every entry
     * (credits, adjustments and reversals carry the activity's time) — for weekly goals and digests.
     */
    @Transactional(readOnly = true)
    public Activity activity(UUID userId, Instant from, Instant to) {
        return activities(List.of(userId), from, to).getOrDefault(userId, new Activity(0, CarbonQuantity.ofGrams(0)));
    }

    /**
     * Several people's activity in [from, to) at once, as {@link #activity} counts it, in one query: only people with
     * entries in the period are here.
     */
    @Transactional(readOnly = true)
    public Map<UUID, Activity> activities(Collection<UUID> userIds, Instant from, Instant to) {
        var activities = new HashMap<UUID, Activity>();
        if (userIds.isEmpty()) {
            return activities;
        }
        jdbc.sql("""
                        select user_id, count(*) filter (where kind = 'CREDIT') - count(*) filter (where kind = 'REVERSAL'),
                            coalesce(sum(grams), 0)
                        from ledger_entry where user_id = any(:users) and occurred_at >= :from and occurred_at < :to
                        group by user_id""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> activities.put(
                        rs.getObject(1, UUID.class),
                        new Activity(rs.getLong(2), CarbonQuantity.ofGrams(rs.getLong(3)))))
                .list();
        return activities;
    }

    /** The methodology versions ("LCT 1.3.0") several people's entries were calculated under, sorted. */
    @Transactional(readOnly = true)
    public SortedSet<String> methodologyVersions(Collection<UUID> userIds) {
        var versions = new TreeSet<String>();
        if (userIds.isEmpty()) {
            return versions;
        }
        jdbc.sql("""
                        select distinct methodology_code || ' ' || methodology_version from ledger_entry
                        where user_id = any(:users)""")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .query((rs, n) -> versions.add(rs.getString(1)))
                .list();
        return versions;
    }

    /** Every entry of a person's ledger booked in [from, to), oldest first — for statements. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> entriesBooked(UUID userId, Instant from, Instant to) {
        return jdbc.sql(ENTRY_SELECT + """
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
                .param("user", userId)
                .param("id", entryId)
                .query(String.class)
                .single());
    }

    /** One entry of a person's ledger; empty when it is not theirs. */
    @Transactional(readOnly = true)
    public Optional<LedgerEntry> entry(UUID userId, UUID entryId) {
        return jdbc.sql(ENTRY_SELECT + """
                        from ledger_entry where user_id = :user and id = :id""")
                .param("user", userId)
                .param("id", entryId)
                .query(this::map)
                .optional();
    }

    /** The columns {@link #map} reads, for every query that returns whole entries. */
    private static final String ENTRY_SELECT = """
            select id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
                provenance::text as provenance, occurred_at, booked_at, prev_hash, hash, restatement_id,
                reverses, reason, actor_id, evidence
            """;

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
    public static String canonical(
            UUID id,
            long sequence,
            LedgerEntry.Kind kind,
            long grams,
            @Nullable UUID recordId,
            String behaviour,
            String methodologyVersion,
            Instant occurredAt,
            Instant bookedAt,
            @Nullable UUID restatementId,
            @Nullable UUID reverses,
            @Nullable String reason,
            @Nullable UUID actorId,
            String provenance) {
        return canonicalWithProvenanceHash(
                id,
                sequence,
                kind,
                grams,
                recordId,
                behaviour,
                methodologyVersion,
                occurredAt,
                bookedAt,
                restatementId,
                reverses,
                reason,
                actorId,
                sha256(provenance));
    }

    /** The canonical form from the provenance's hash, as a statement carries it, so a third party can check the chain. */
    public static String canonicalWithProvenanceHash(
            UUID id,
            long sequence,
            LedgerEntry.Kind kind,
            long grams,
            @Nullable UUID recordId,
            String behaviour,
            String methodologyVersion,
            Instant occurredAt,
            Instant bookedAt,
            @Nullable UUID restatementId,
            @Nullable UUID reverses,
            @Nullable String reason,
            @Nullable UUID actorId,
            String provenanceHash) {
        return String.join(
                "|",
                id.toString(),
                Long.toString(sequence),
                kind.name(),
                Long.toString(grams),
                text(recordId),
                behaviour,
                methodologyVersion,
                occurredAt.toString(),
                bookedAt.toString(),
                text(restatementId),
                text(reverses),
                reason == null ? "" : reason,
                text(actorId),
                provenanceHash);
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
