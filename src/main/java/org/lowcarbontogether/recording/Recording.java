package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityChecks;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.CopyIn;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.platform.ProblemException;
import org.lowcarbontogether.platform.ProblemException.Violation;
import org.lowcarbontogether.shared.Decimals;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records behaviours. A submission is checked field by field (all problems reported together), calculated under the
 * current methodology, judged by the plausibility rules, and stored — credited to the ledger when accepted, held for
 * a reviewer when flagged, kept with its reasons when rejected — in one transaction, once per idempotency key. A
 * real-world event ({@code externalRef}) is credited once across all channels. Nothing is written when an input check
 * fails.
 */
@Service
public class Recording {

    /** Evidence a participant can claim for themselves; stronger levels come from organisers, partners or GPS. */
    static final List<EvidenceLevel> SELF_SERVICE_EVIDENCE = List.of(EvidenceLevel.SELF_REPORT);
    /** What an organiser's sheet may claim for their members. */
    static final List<EvidenceLevel> ORGANISER_EVIDENCE = List.of(EvidenceLevel.ORGANISER_VERIFIED, EvidenceLevel.SELF_REPORT);
    /** Durations beyond a week are input errors; beyond a day, the rules reject the record as impossible. */
    static final int MAX_DURATION_MINUTES = 7 * 24 * 60;
    /** A reference to a real-world event: printable, at most 200 characters. */
    static final java.util.regex.Pattern EXTERNAL_REF = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,200}");
    static final java.time.ZoneId PROGRAMME_ZONE = java.time.ZoneId.of("Asia/Shanghai");
    /** Clock skew tolerated between a client and the platform before a time counts as "in the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Methodology methodology;
    private final Ledger ledger;
    private final Idempotency idempotency;
    private final ExternalClaims claims;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final CopyIn copyIn;
    private final Clock clock;
    private final Duration maxAge;

    Recording(Methodology methodology, Ledger ledger, Idempotency idempotency, ExternalClaims claims, JdbcClient jdbc,
            JsonMapper json, PlatformTransactionManager transactions, CopyIn copyIn, Clock clock,
            @Value("${lct.recording.max-age:P30D}") Duration maxAge) {
        this.methodology = methodology;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.claims = claims;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactions);
        this.copyIn = copyIn;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * How a record arrives. Web and API records must be made within {@code lct.recording.max-age} of the activity;
     * imports of earlier sheets (organisers' offline lists, demo data) may reach back one year.
     */
    public enum Channel {
        WEB,
        API,
        IMPORT,
        /** An organiser's sheet for their organisation's members (an event's sign-up list): organiser-verified. */
        ORGANISER,
        /** A two-party hand-over of a reused item (Green Graduation), credited when the receiver confirms it. */
        HANDOVER
    }

    static final Duration IMPORT_MAX_AGE = Duration.ofDays(366);

    /**
     * The outcome of a submission: its receipt — also as the JSON text stored with its idempotency key, so an API
     * answer (first or replayed) is written once and sent as it is — and whether it replays an earlier submission.
     */
    public record Outcome(RecordReceipt receipt, String receiptJson, boolean replayed) {}

    /** What became of one submission of a group: its outcome, or the problem that refused it (nothing kept). */
    record Result(@Nullable Outcome outcome, @Nullable ProblemException problem) {

        Outcome orThrow() {
            if (problem != null) {
                throw problem;
            }
            return java.util.Objects.requireNonNull(outcome);
        }
    }

    /** A submission read, checked and calculated — or the problem its input has — ready to be written. */
    record Prepared(UUID userId, Idempotency.Key key, Channel channel, @Nullable Checked checked,
            Calculation.@Nullable Credited credited, Ledger.@Nullable Provenance provenance, @Nullable ProblemException problem,
            @Nullable UUID enteredBy, boolean heldForReview) {

        /** The same submission, held for a reviewer or not. */
        Prepared heldForReview(boolean held) {
            return new Prepared(userId, key, channel, checked, credited, provenance, problem, enteredBy, held);
        }
    }

    /**
     * Who enters a record for someone else, and whether it must wait for a reviewer whatever the rules say (an
     * organiser's row drawn for the review sample).
     */
    record EnteredBy(UUID organiser, boolean heldForReview) {}

    /** Records one submission in the caller's transaction (or a new one), once per idempotency key. */
    @Transactional
    public Outcome submit(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel) {
        return write(List.of(prepare(userId, idempotencyKey, submission, channel))).getFirst().orThrow();
    }

    /** Records a submission an organiser enters for the person (a check-in they confirmed), audited with who did. */
    @Transactional
    public Outcome submitFor(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel, UUID enteredBy) {
        return write(List.of(prepare(userId, idempotencyKey, submission, channel, new EnteredBy(enteredBy, false))))
                .getFirst().orThrow();
    }

    /** How many records an organiser has entered for others since the start of today (programme calendar). */
    long enteredToday(UUID organiser) {
        Instant dayStart = java.time.LocalDate.now(clock.withZone(PROGRAMME_ZONE)).atStartOfDay(PROGRAMME_ZONE).toInstant();
        return jdbc.sql("select count(*) from activity_record where entered_by = :organiser and created_at >= :from")
                .param("organiser", organiser)
                .param("from", Timestamp.from(dayStart))
                .query(Long.class)
                .single();
    }

    /**
     * Reads, checks and calculates a submission — everything that needs no database, so it can run on the request's
     * own thread. A bad key is refused at once; any other problem travels with the submission, because the key may
     * still replay an earlier request.
     */
    Prepared prepare(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel) {
        return prepare(userId, idempotencyKey, submission, channel, null);
    }

    /** Prepares a record someone enters for the person (an organiser), audited with who entered it. */
    Prepared prepare(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel, @Nullable EnteredBy enteredBy) {
        Idempotency.checkKey(idempotencyKey);
        var key = new Idempotency.Key("user:" + userId + "/records", idempotencyKey, idempotency.fingerprint(submission));
        try {
            Checked checked = check(methodology.current(), submission,
                    channel == Channel.IMPORT || channel == Channel.ORGANISER ? IMPORT_MAX_AGE : maxAge, channel);
            Calculation.Credited credited = credit(checked);
            // The provenance as the ledger stores and hashes it, made here so the writer's one thread need not.
            return new Prepared(userId, key, channel, checked, credited, ledger.provenance(credited), null,
                    enteredBy == null ? null : enteredBy.organiser(), enteredBy != null && enteredBy.heldForReview());
        } catch (ProblemException problem) {
            return new Prepared(userId, key, channel, null, null, null, problem, null, false);
        }
    }

    private Calculation.Credited credit(Checked checked) {
        var input = new ActivityInput(checked.behaviour().code(), checked.quantity(), checked.unit(),
                checked.occurredAt().toLocalDate(), checked.region(), checked.parameters());
        Calculation calculation = methodology.calculate(input);
        if (calculation instanceof Calculation.Credited credited) {
            return credited;
        }
        var notCredited = (Calculation.NotCredited) calculation;
        throw switch (notCredited.reason()) {
            case MISSING_INPUT -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record",
                    List.of(Violation.of("parameters." + notCredited.detail(), "parameter-required", notCredited.detail())),
                    Map.of("reason", notCredited.reason().name()), "parameters." + notCredited.detail());
            case INVALID_PARAMETER, INVALID_QUANTITY, QUANTITY_ABOVE_CAP -> {
                String field = notCredited.field() == null ? "parameters" : notCredited.field();
                yield new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record",
                        List.of(Violation.of(field, "parameter-invalid", notCredited.detail())),
                        Map.of("reason", notCredited.reason().name()), field);
            }
            default -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "no-credit", List.of(),
                    Map.of("reason", notCredited.reason().name()), notCredited.detail());
        };
    }

    /**
     * Writes prepared submissions in one transaction, each once per idempotency key: a few statements for the whole
     * group rather than a few per record. Each gets its own result, in order. A key met earlier in the group, or in an
     * earlier transaction, replays that submission's receipt (or is refused when the payload differs); a submission
     * whose input has a problem, or whose external reference was claimed before, is refused alone, with nothing kept.
     * Joins the caller's transaction when there is one. A group that raced another transaction for a key or a claim
     * is written again (its view of earlier records was stale).
     */
    List<Result> write(List<Prepared> group) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> writeOnce(group));
            } catch (StaleGroup stale) {
                if (attempt == 3) {
                    throw stale;
                }
            }
        }
    }

    /** Another transaction stored one of the group's keys or claims after the group was judged. */
    static final class StaleGroup extends RuntimeException {
        StaleGroup() {
            super("A key or a claim of the group was taken by another transaction meanwhile", null, false, false);
        }
    }

    private List<Result> writeOnce(List<Prepared> group) {
        var results = new Result[group.size()];
        // The same key twice in one group: the later one is answered as if it had come after the first.
        var firstWithKey = new HashMap<String, Integer>();
        var sameAs = new int[group.size()];
        var distinct = new ArrayList<Integer>();
        for (int i = 0; i < group.size(); i++) {
            Prepared p = group.get(i);
            Integer first = firstWithKey.putIfAbsent(p.key().scope() + "\n" + p.key().key(), i);
            sameAs[i] = first == null ? -1 : first;
            if (first == null) {
                distinct.add(i);
            }
        }
        // Keys used before replay their receipt; the rest must be valid to go on.
        var known = idempotency.find(distinct.stream().map(i -> group.get(i).key()).toList());
        var fresh = new ArrayList<Integer>();
        for (int j = 0; j < distinct.size(); j++) {
            int i = distinct.get(j);
            if (known.get(j).used()) {
                results[i] = replay(known.get(j));
            } else if (group.get(i).problem() != null) {
                results[i] = new Result(null, group.get(i).problem());
            } else {
                fresh.add(i);
            }
        }
        var recordIds = new HashMap<Integer, UUID>();
        fresh.forEach(i -> recordIds.put(i, UUID.randomUUID()));
        // One claim per real-world event: references claimed before, or earlier in the group, refuse their record.
        // (Only an impossible record, rejected whatever came before it, claims nothing.)
        var claiming = fresh.stream().filter(i -> group.get(i).checked().externalRef() != null && !Plausibility.impossible(group.get(i).checked().durationMinutes())).toList();
        var claimsOf = claiming.stream().map(i -> new ExternalClaims.Claim(group.get(i).checked().externalRef(), group.get(i).userId(),
                recordIds.get(i), group.get(i).channel().name())).toList();
        var refusals = claims.check(claimsOf);
        for (int j = 0; j < claiming.size(); j++) {
            if (refusals.get(j) != null) {
                results[claiming.get(j)] = new Result(null, refusals.get(j));
                fresh.remove(claiming.get(j));
            }
        }
        var verdicts = judge(group, fresh, priors(fresh.stream().map(group::get).toList()));
        var receipts = new ArrayList<RecordReceipt>(fresh.size());
        for (int i : fresh) {
            Prepared p = group.get(i);
            var verdict = verdicts.get(i);
            UUID entryId = verdict.outcome() == Plausibility.Outcome.ACCEPTED ? UUID.randomUUID() : null;
            receipts.add(receipt(recordIds.get(i), status(verdict), verdict.reasons(), p.checked(), p.credited(), entryId));
        }
        // The keys, stored with the receipts. One another transaction stored meanwhile (it was waited for) means the
        // group was judged without that record: a lone submission replays it; a group is written again.
        var receiptJson = receipts.stream().map(json::writeValueAsString).toList();
        var taken = idempotency.store(fresh.stream().map(i -> group.get(i).key()).toList(), receiptJson);
        if (!taken.isEmpty()) {
            if (fresh.size() > 1) {
                throw new StaleGroup();
            }
            results[fresh.getFirst()] = replay(idempotency.find(taken).getFirst());
            return fill(results, sameAs, group);
        }
        var claimed = claims.claimAll(claiming.stream().filter(fresh::contains)
                .map(i -> claimsOf.get(claiming.indexOf(i))).toList());
        if (claimed.stream().anyMatch(java.util.Objects::nonNull)) {
            if (fresh.size() > 1) {
                throw new StaleGroup();
            }
            idempotency.release(List.of(group.get(fresh.getFirst()).key()));
            results[fresh.getFirst()] = new Result(null, claimed.getFirst());
            return fill(results, sameAs, group);
        }
        var credits = new ArrayList<Ledger.Credit>();
        for (int j = 0; j < fresh.size(); j++) {
            Prepared p = group.get(fresh.get(j));
            RecordReceipt receipt = receipts.get(j);
            if (receipt.ledgerEntryId() != null) {
                credits.add(new Ledger.Credit(receipt.ledgerEntryId(), p.userId(), receipt.id(), p.credited(), p.provenance(),
                        p.checked().occurredAt().toInstant(), p.checked().evidence().name()));
            }
            results[fresh.get(j)] = new Result(new Outcome(receipt, receiptJson.get(j), false), null);
        }
        ledger.creditAll(credits);
        insertRecords(fresh.stream().map(group::get).toList(), receipts);
        return fill(results, sameAs, group);
    }

    /** Answers the group's repeated keys from their first occurrence. */
    private static List<Result> fill(Result[] results, int[] sameAs, List<Prepared> group) {
        for (int i = 0; i < group.size(); i++) {
            if (sameAs[i] >= 0) {
                results[i] = again(results[sameAs[i]], group.get(sameAs[i]).key(), group.get(i).key());
            }
        }
        return List.of(results);
    }

    private Result replay(Idempotency.Claim claim) {
        try {
            String stored = idempotency.replayJson(claim);
            return new Result(new Outcome(json.readValue(stored, RecordReceipt.class), stored, true), null);
        } catch (ProblemException problem) {
            return new Result(null, problem);
        }
    }

    /** A key met again in the same group: the first's receipt replayed, or refused when the payload differs. */
    private static Result again(Result first, Idempotency.Key firstKey, Idempotency.Key key) {
        if (!firstKey.fingerprint().equals(key.fingerprint())) {
            return new Result(null, new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key"));
        }
        return first.outcome() == null ? first : new Result(new Outcome(first.outcome().receipt(), first.outcome().receiptJson(), true), null);
    }

    private static String status(Plausibility.Verdict verdict) {
        return switch (verdict.outcome()) {
            case ACCEPTED -> "CREDITED";
            case FLAGGED -> "FLAGGED";
            case REJECTED -> "REJECTED";
        };
    }

    /**
     * Judges the group's records in order, each against the person's stored records near it and the group's earlier
     * records that were kept (accepted or flagged), as if they had come one after another.
     */
    private Map<Integer, Plausibility.Verdict> judge(List<Prepared> group, List<Integer> fresh, Map<UUID, Timeline> stored) {
        var verdicts = new HashMap<Integer, Plausibility.Verdict>();
        var earlier = new HashMap<UUID, Timeline>();
        for (int i : fresh) {
            Prepared p = group.get(i);
            Checked c = p.checked();
            Instant occurredAt = c.occurredAt().toInstant();
            var window = Window.of(occurredAt);
            var priors = new ArrayList<Plausibility.Prior>();
            for (var timeline : List.of(stored.getOrDefault(p.userId(), Timeline.EMPTY), earlier.getOrDefault(p.userId(), Timeline.EMPTY))) {
                for (StoredPrior prior : timeline.between(window.from(), window.dayEnd())) {
                    priors.add(new Plausibility.Prior(prior.behaviour(), prior.quantity(), prior.occurredAt(), prior.durationMinutes(),
                            !prior.occurredAt().isBefore(window.dayStart()), prior.grams()));
                }
            }
            BigDecimal baseQuantity = c.quantity().multiply(c.behaviour().unitConversions().get(c.unit()));
            var verdict = Plausibility.evaluate(new Plausibility.Candidate(p.credited().behaviour(), baseQuantity,
                    c.behaviour().maxPerDay(), occurredAt, c.durationMinutes(), p.credited().reductionGrams(),
                    c.behaviour().maxGramsPerDay(), p.credited().flags()), priors);
            if (p.heldForReview() && verdict.outcome() != Plausibility.Outcome.REJECTED) {
                var reasons = new ArrayList<>(verdict.reasons());
                reasons.add("REVIEW_SAMPLE");
                verdict = new Plausibility.Verdict(Plausibility.Outcome.FLAGGED, List.copyOf(reasons));
            }
            verdicts.put(i, verdict);
            if (verdict.outcome() != Plausibility.Outcome.REJECTED) {
                earlier.computeIfAbsent(p.userId(), u -> new Timeline())
                        .add(new StoredPrior(p.credited().behaviour(), baseQuantity, occurredAt, c.durationMinutes(),
                                p.credited().reductionGrams()));
            }
        }
        return verdicts;
    }

    /** The span of time the plausibility rules look at around an activity: its day, and a burst window before it. */
    private record Window(Instant from, Instant dayStart, Instant dayEnd) {

        static Window of(Instant occurredAt) {
            var day = occurredAt.atZone(PROGRAMME_ZONE).toLocalDate();
            Instant dayStart = day.atStartOfDay(PROGRAMME_ZONE).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(PROGRAMME_ZONE).toInstant();
            Instant burstStart = occurredAt.minus(Plausibility.BURST_WINDOW);
            return new Window(burstStart.isBefore(dayStart) ? burstStart : dayStart, dayStart, dayEnd);
        }
    }

    private record StoredPrior(String behaviour, BigDecimal quantity, Instant occurredAt, @Nullable Integer durationMinutes,
            long grams) {}

    /** A person's records by time, so each record of a large group finds its neighbours without scanning all of them. */
    private static final class Timeline {

        static final Timeline EMPTY = new Timeline();

        private final java.util.TreeMap<Instant, List<StoredPrior>> byTime = new java.util.TreeMap<>();

        Timeline add(StoredPrior prior) {
            byTime.computeIfAbsent(prior.occurredAt(), t -> new ArrayList<>(1)).add(prior);
            return this;
        }

        List<StoredPrior> between(Instant from, Instant to) {
            return byTime.subMap(from, true, to, false).values().stream().flatMap(List::stream).toList();
        }
    }

    /**
     * The stored records (not rejected) in the windows the group's records need, per person — one query. Each window
     * is looked up through the (person, time) index on its own ({@code lateral … offset 0}): left to choose, the planner
     * sometimes hashed the windows against a scan of the whole table (statistics from when there were fewer people),
     * 10 ms a group instead of 0.4 (perf/fixed-rate.sh with 2,000 participants).
     */
    private Map<UUID, Timeline> priors(List<Prepared> records) {
        var windows = new java.util.LinkedHashMap<String, Object[]>();
        for (Prepared p : records) {
            var w = Window.of(p.checked().occurredAt().toInstant());
            windows.merge(p.userId() + "/" + w.dayStart(), new Object[] {p.userId(), w.from(), w.dayEnd()}, (a, b) ->
                    new Object[] {a[0], ((Instant) a[1]).isBefore((Instant) b[1]) ? a[1] : b[1], a[2]});
        }
        var byUser = new HashMap<UUID, Timeline>();
        if (windows.isEmpty()) {
            return byUser;
        }
        jdbc.sql("""
                        select distinct r.user_id, r.id, r.behaviour, r.quantity, r.occurred_at, r.duration_minutes, r.reduction_grams
                        from unnest(:users, :froms, :tos) as w(user_id, from_at, to_at)
                        cross join lateral (
                            select r.user_id, r.id, r.behaviour, coalesce(r.base_quantity, r.quantity) as quantity, r.occurred_at,
                                r.duration_minutes, r.reduction_grams
                            from activity_record r
                            where r.user_id = w.user_id and r.occurred_at >= w.from_at and r.occurred_at < w.to_at
                              and r.status <> 'REJECTED'
                            offset 0) r""")
                .param("users", new SqlArrayValue("uuid", windows.values().stream().map(w -> w[0]).toArray()))
                .param("froms", new SqlArrayValue("timestamptz", windows.values().stream().map(w -> Timestamp.from((Instant) w[1])).toArray()))
                .param("tos", new SqlArrayValue("timestamptz", windows.values().stream().map(w -> Timestamp.from((Instant) w[2])).toArray()))
                .query((rs, n) -> byUser.computeIfAbsent(rs.getObject("user_id", UUID.class), u -> new Timeline())
                        .add(new StoredPrior(rs.getString("behaviour"), rs.getBigDecimal("quantity"),
                                rs.getTimestamp("occurred_at").toInstant(), (Integer) rs.getObject("duration_minutes"),
                                rs.getLong("reduction_grams"))))
                .list();
        return byUser;
    }

    private static final List<String> RECORD_COLUMNS = List.of("user_id", "id", "behaviour", "quantity", "base_quantity", "unit",
            "occurred_at", "occurred_on", "duration_minutes", "region", "evidence", "channel", "status", "reason_codes",
            "rules_version", "external_ref", "reduction_grams", "methodology_version", "effective_grams", "effective_version",
            "parameters", "ledger_entry_id", "created_at", "entered_by");

    /** Stores the group's records — credited, flagged or rejected, with their reasons — with one COPY. */
    private void insertRecords(List<Prepared> records, List<RecordReceipt> receipts) {
        var now = Timestamp.from(clock.instant());
        var rows = new ArrayList<Object[]>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Prepared p = records.get(i);
            Checked c = p.checked();
            RecordReceipt r = receipts.get(i);
            rows.add(new Object[] {p.userId(), r.id(), p.credited().behaviour(), c.quantity(),
                    c.quantity().multiply(c.behaviour().unitConversions().get(c.unit())), c.unit(),
                    Timestamp.from(c.occurredAt().toInstant()), java.sql.Date.valueOf(c.occurredAt().toLocalDate()), c.durationMinutes(),
                    c.region(), c.evidence().name(), p.channel().name(), r.status(),
                    r.reasons().isEmpty() ? null : String.join(",", r.reasons()), Plausibility.VERSION, c.externalRef(),
                    p.credited().reductionGrams(), p.credited().methodologyVersion(), p.credited().reductionGrams(),
                    p.credited().methodologyVersion(), c.parameters().isEmpty() ? null : json.writeValueAsString(c.parameters()),
                    r.ledgerEntryId(), now, p.enteredBy()});
        }
        copyIn.rows("activity_record", RECORD_COLUMNS, rows);
    }

    record Checked(Behaviour behaviour, BigDecimal quantity, String unit, OffsetDateTime occurredAt,
            @Nullable String region, EvidenceLevel evidence, Map<String, BigDecimal> parameters, @Nullable Integer durationMinutes,
            @Nullable String externalRef) {}

    /** Checks every field; missing fields are a 400, present but unacceptable ones a 422, each naming the field. */
    private Checked check(MethodologyVersion version, RecordSubmission s, Duration maxAge, Channel channel) {
        List<Violation> missing = new ArrayList<>();
        if (s.behaviour() == null || s.behaviour().isBlank()) {
            missing.add(Violation.of("behaviour", "field-required", "behaviour"));
        }
        if (s.quantity() == null) {
            missing.add(Violation.of("quantity", "field-required", "quantity"));
        }
        if (s.unit() == null || s.unit().isBlank()) {
            missing.add(Violation.of("unit", "field-required", "unit"));
        }
        if (s.occurredAt() == null) {
            missing.add(Violation.of("occurredAt", "field-required", "occurredAt"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        String region = s.region() == null || s.region().isBlank() ? null : s.region().strip();
        List<Violation> invalid = new ArrayList<>(ActivityChecks.problems(version, s.behaviour(), s.quantity(), s.unit(), region,
                s.parameters() == null ? Map.of() : s.parameters(), ActivityChecks.Giver.PARTICIPANT, true));
        Behaviour behaviour = version.behaviour(s.behaviour()).orElse(null);
        BigDecimal quantity = s.quantity();
        Instant now = clock.instant();
        Instant occurred = s.occurredAt().toInstant();
        if (occurred.isAfter(now.plus(CLOCK_SKEW))) {
            invalid.add(Violation.of("occurredAt", "occurred-in-future"));
        } else if (occurred.isBefore(now.minus(maxAge))) {
            invalid.add(Violation.of("occurredAt", "occurred-too-long-ago", maxAge.toDays()));
        }
        EvidenceLevel evidence = channel == Channel.ORGANISER ? EvidenceLevel.ORGANISER_VERIFIED : EvidenceLevel.SELF_REPORT;
        boolean evidenceGiven = s.evidence() != null && !s.evidence().isBlank();
        if (evidenceGiven) {
            try {
                evidence = EvidenceLevel.valueOf(s.evidence().strip());
            } catch (IllegalArgumentException e) {
                invalid.add(Violation.of("evidence", "unknown-evidence", s.evidence()));
            }
        }
        if (!(channel == Channel.ORGANISER ? ORGANISER_EVIDENCE : SELF_SERVICE_EVIDENCE).contains(evidence)) {
            invalid.add(Violation.of("evidence", "evidence-not-allowed", evidenceName(evidence)));
        } else if (behaviour != null && !behaviour.evidence().contains(evidence)) {
            // The behaviour's evidence rule: what this channel can prove is not enough, so nothing is credited.
            invalid.add(Violation.of(evidenceGiven ? "evidence" : "behaviour", "evidence-not-accepted", behaviour.name(),
                    evidenceName(evidence), behaviour.evidence().stream().map(Recording::evidenceName).toList()));
        }
        if (s.durationMinutes() != null && (s.durationMinutes() < 1 || s.durationMinutes() > MAX_DURATION_MINUTES)) {
            invalid.add(Violation.of("durationMinutes", "duration-out-of-range", MAX_DURATION_MINUTES));
        }
        if (s.externalRef() != null && !s.externalRef().isBlank() && !EXTERNAL_REF.matcher(s.externalRef().strip()).matches()) {
            invalid.add(Violation.of("externalRef", "external-ref-invalid"));
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record", invalid, Map.of(),
                    String.join(", ", invalid.stream().map(Violation::field).distinct().toList()));
        }
        Map<String, BigDecimal> parameters = s.parameters() == null ? Map.of() : Map.copyOf(new TreeMap<>(s.parameters()));
        String externalRef = s.externalRef() == null || s.externalRef().isBlank() ? null : s.externalRef().strip();
        return new Checked(behaviour, quantity, s.unit(), s.occurredAt(), region, evidence, parameters, s.durationMinutes(),
                externalRef);
    }

    private static MessageSourceResolvable evidenceName(EvidenceLevel level) {
        return new DefaultMessageSourceResolvable(new String[] {"evidence." + level.name()}, level.name());
    }

    private static RecordReceipt receipt(UUID recordId, String status, List<String> reasons, Checked checked,
            Calculation.Credited credited, @Nullable UUID entryId) {
        var factors = credited.factors().stream()
                .map(f -> new RecordReceipt.FactorRef(f.id(), f.value(), f.unit(), f.region(), f.year(), f.source(), f.sourceUrl()))
                .toList();
        return new RecordReceipt(recordId, status, credited.behaviour(), checked.quantity(), checked.unit(),
                checked.occurredAt(), checked.region(), checked.evidence().name(), credited.reductionGrams(),
                credited.baselineGrams(), credited.projectGrams(),
                new RecordReceipt.Uncertainty(credited.lowGrams(), credited.highGrams()),
                new RecordReceipt.MethodologyRef(credited.methodologyCode(), credited.methodologyVersion()), factors, entryId,
                reasons, Plausibility.VERSION, checked.externalRef());
    }
}
