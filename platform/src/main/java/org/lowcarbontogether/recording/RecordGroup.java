package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;

/**
 * The submissions written together in one transaction, and what becomes of each — the rules of a write, without a
 * database. The writer asks in this order, and each step decides the fate of some members:
 * <ol>
 * <li>{@link #replay}: a key used in an earlier transaction replays its receipt (or is refused when the payload
 * differs); a submission whose input has a problem is refused alone;</li>
 * <li>{@link #refuseClaimed}: a real-world event ({@code externalRef}) claimed before, or earlier in the group, refuses
 * its record;</li>
 * <li>{@link #judge}: the rest are judged by the plausibility rules in order — each against the person's stored records
 * near it and the group's earlier records that were kept, as if they had come one after another — and get a receipt.</li>
 * </ol>
 * A key met earlier in the same group is answered as if it came after the first: the first's answer replayed.
 */
final class RecordGroup {

    /** What became of a submission. */
    sealed interface Fate {

        /** The submission's outcome, or its refusal thrown. */
        Recording.Outcome outcome();
    }

    /** Answered by an earlier submission with the same key. */
    record Replayed(Recording.Outcome outcome) implements Fate {}

    /** Refused; nothing of it is kept. */
    record Refused(Refusal refusal) implements Fate {

        @Override
        public Recording.Outcome outcome() {
            throw refusal;
        }
    }

    /** Judged by the plausibility rules: its verdict and receipt, and the receipt as the JSON text stored with its key. */
    record Judged(Plausibility.Verdict verdict, RecordReceipt receipt, String receiptJson) implements Fate {

        @Override
        public Recording.Outcome outcome() {
            return new Recording.Outcome(receipt, receiptJson, false);
        }

        boolean credited() {
            return receipt.status() == RecordStatus.CREDITED;
        }
    }

    /** One submission of the group: its record's id (when valid), the earlier member with the same key, and its fate. */
    static final class Member {

        final Prepared prepared;
        final @Nullable Member sameKeyAs;
        final @Nullable UUID recordId;

        @Nullable
        Fate fate;

        Member(Prepared prepared, @Nullable Member sameKeyAs) {
            this.prepared = prepared;
            this.sameKeyAs = sameKeyAs;
            this.recordId = prepared instanceof Prepared.Valid ? UUID.randomUUID() : null;
        }

        Prepared.Valid valid() {
            return (Prepared.Valid) prepared;
        }

        Judged judged() {
            return (Judged) Objects.requireNonNull(fate);
        }
    }

    private final List<Member> members = new ArrayList<>();
    /** The first member of each key, in order: the ones whose fate is decided; the others follow theirs. */
    private final List<Member> firsts = new ArrayList<>();

    private final List<Member> claimants = new ArrayList<>();

    RecordGroup(List<? extends Prepared> submissions) {
        var firstWithKey = new HashMap<String, Member>();
        for (Prepared p : submissions) {
            Member first = firstWithKey.get(p.key().scope() + "\n" + p.key().key());
            var member = new Member(p, first);
            members.add(member);
            if (first == null) {
                firstWithKey.put(p.key().scope() + "\n" + p.key().key(), member);
                firsts.add(member);
            }
        }
    }

    /** The people whose records the group writes, so their earlier records can be locked and read. */
    List<UUID> people() {
        return members.stream().map(m -> m.prepared.userId()).distinct().toList();
    }

    /** The group's idempotency keys, one per first member. */
    List<Idempotency.Key> keys() {
        return firsts.stream().map(m -> m.prepared.key()).toList();
    }

    /**
     * Decides the members whose key was used before ({@code known}, in the order of {@link #keys}): each gets what
     * {@code replay} makes of its stored answer. Of the rest, a member whose input has a problem is refused.
     */
    void replay(List<Idempotency.Claim> known, Function<Idempotency.Claim, Fate> replay) {
        for (int i = 0; i < firsts.size(); i++) {
            Member m = firsts.get(i);
            if (known.get(i).used()) {
                m.fate = replay.apply(known.get(i));
            } else if (m.prepared instanceof Prepared.Invalid invalid) {
                m.fate = new Refused(invalid.refusal());
            }
        }
    }

    /**
     * Refuses the undecided members whose person may not have records yet ({@code people}: those whose guardian has not
     * consented), each with {@code refusal}; nothing of theirs is kept, their keys stay unused.
     */
    void refusePeople(Set<UUID> people, Refusal refusal) {
        if (people.isEmpty()) {
            return;
        }
        for (Member m : pending()) {
            if (people.contains(m.prepared.userId())) {
                m.fate = new Refused(refusal);
            }
        }
    }

    /** Refuses the pending records whose person is limited to a subset of behaviours that does not hold theirs. */
    void refuseBehaviours(Map<UUID, Set<String>> allowed, Refusal refusal) {
        if (allowed.isEmpty()) {
            return;
        }
        for (Member m : pending()) {
            var subset = allowed.get(m.prepared.userId());
            if (subset != null
                    && m.prepared instanceof Prepared.Valid valid
                    && !subset.contains(valid.checked().behaviour().code())) {
                m.fate = new Refused(refusal);
            }
        }
    }

    /** Members not decided yet, in order. */
    List<Member> pending() {
        return firsts.stream().filter(m -> m.fate == null).toList();
    }

    /**
     * The real-world events the pending members claim. A record impossible by itself claims nothing: it is rejected
     * whatever came before it.
     */
    List<ExternalClaims.Claim> claims() {
        claimants.clear();
        var claims = new ArrayList<ExternalClaims.Claim>();
        for (Member m : pending()) {
            if (Plausibility.impossible(m.valid().checked().durationMinutes())) {
                continue;
            }
            for (var claim : claimsOf(m)) {
                claimants.add(m);
                claims.add(claim);
            }
        }
        return claims;
    }

    /**
     * Refuses the claimants whose event was claimed before ({@code refusals} in the order of {@link #claims}); a record
     * claiming two events is refused by the first refused.
     */
    void refuseClaimed(List<@Nullable Refusal> refusals) {
        for (int i = 0; i < claimants.size(); i++) {
            Refusal refusal = refusals.get(i);
            if (refusal != null && claimants.get(i).fate == null) {
                claimants.get(i).fate = new Refused(refusal);
            }
        }
    }

    /** The claims of the judged members, to be stored with them. */
    List<ExternalClaims.Claim> judgedClaims() {
        return claimants.stream()
                .distinct()
                .filter(m -> m.fate instanceof Judged)
                .flatMap(m -> claimsOf(m).stream())
                .toList();
    }

    private static List<ExternalClaims.Claim> claimsOf(Member m) {
        var valid = m.valid();
        return valid.checked().claims().stream()
                .map(reference -> new ExternalClaims.Claim(
                        reference,
                        valid.userId(),
                        Objects.requireNonNull(m.recordId),
                        valid.channel().name(),
                        valid.checked().claimant()))
                .toList();
    }

    /** The spans of time around the pending records whose stored neighbours the rules need. */
    List<Window> windows() {
        var windows = new LinkedHashMap<String, Window>();
        for (Member m : pending()) {
            var w = Window.of(
                    m.valid().userId(), m.valid().checked().occurredAt().toInstant());
            windows.merge(w.userId() + "/" + w.dayStart(), w, Window::widen);
        }
        return List.copyOf(windows.values());
    }

    /**
     * Judges the pending members in order, each against the person's stored records near it ({@code stored}: what the
     * store found in {@link #windows}) and the group's earlier records that were kept (accepted or flagged), and gives
     * each its receipt, as JSON too.
     */
    void judge(List<Neighbour> stored, Function<RecordReceipt, String> json) {
        var storedByPerson = new HashMap<UUID, Timeline>();
        stored.forEach(n ->
                storedByPerson.computeIfAbsent(n.userId(), u -> new Timeline()).add(n));
        var earlier = new HashMap<UUID, Timeline>();
        for (Member m : pending()) {
            var p = m.valid();
            Instant occurredAt = p.checked().occurredAt().toInstant();
            var window = Window.of(p.userId(), occurredAt);
            var priors = new ArrayList<Plausibility.Prior>();
            for (var timeline : List.of(
                    storedByPerson.getOrDefault(p.userId(), Timeline.EMPTY),
                    earlier.getOrDefault(p.userId(), Timeline.EMPTY))) {
                for (Neighbour n : timeline.between(window.from(), window.dayEnd())) {
                    priors.add(new Plausibility.Prior(
                            n.behaviour(),
                            n.quantity(),
                            n.occurredAt(),
                            n.durationMinutes(),
                            !n.occurredAt().isBefore(window.dayStart()),
                            n.grams()));
                }
            }
            var verdict = verdict(p, priors);
            var receipt = receipt(Objects.requireNonNull(m.recordId), verdict, p);
            m.fate = new Judged(verdict, receipt, json.apply(receipt));
            if (verdict.outcome() != Plausibility.Outcome.REJECTED) {
                earlier.computeIfAbsent(p.userId(), u -> new Timeline())
                        .add(new Neighbour(
                                p.userId(),
                                p.credited().behaviour(),
                                p.baseQuantity(),
                                occurredAt,
                                p.checked().durationMinutes(),
                                p.credited().reductionGrams()));
            }
        }
    }

    private static Plausibility.Verdict verdict(Prepared.Valid p, List<Plausibility.Prior> priors) {
        var c = p.checked();
        var verdict = Plausibility.evaluate(
                new Plausibility.Candidate(
                        p.credited().behaviour(),
                        p.baseQuantity(),
                        c.behaviour().maxPerDay(),
                        c.occurredAt().toInstant(),
                        c.durationMinutes(),
                        p.credited().reductionGrams(),
                        c.behaviour().maxGramsPerDay(),
                        p.credited().flags()),
                priors);
        if ((p.heldForReview() || !p.holdReasons().isEmpty()) && verdict.outcome() != Plausibility.Outcome.REJECTED) {
            var reasons = new ArrayList<>(verdict.reasons());
            // The channel's own rules (a GPS track's plausibility) hold the record with their names.
            p.holdReasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
            if (p.heldForReview()) {
                reasons.add("REVIEW_SAMPLE");
            }
            return new Plausibility.Verdict(Plausibility.Outcome.FLAGGED, List.copyOf(reasons));
        }
        return verdict;
    }

    /** The members judged, in order: their keys, records and credits are stored. */
    List<Member> judged() {
        return firsts.stream().filter(m -> m.fate instanceof Judged).toList();
    }

    /** The ledger credits of the judged members the rules accepted, under their receipts' entry ids. */
    List<Ledger.Credit> credits() {
        return judged().stream()
                .filter(m -> m.judged().credited())
                .map(m -> {
                    var p = m.valid();
                    var receipt = m.judged().receipt();
                    return new Ledger.Credit(
                            Objects.requireNonNull(receipt.ledgerEntryId()),
                            p.userId(),
                            receipt.id(),
                            p.calculation(),
                            p.checked().occurredAt().toInstant(),
                            p.checked().evidence().name());
                })
                .toList();
    }

    /** Decides a member's fate after all: it lost a race for its key or its claim to another transaction. */
    void decide(Member member, Fate fate) {
        member.fate = fate;
    }

    /** Every submission's fate, in the order they came; a repeated key follows its first. */
    List<Fate> fates() {
        return members.stream()
                .map(m -> m.sameKeyAs == null ? Objects.requireNonNull(m.fate) : again(m.sameKeyAs, m))
                .toList();
    }

    /** A key met again in the same group: the first's answer replayed, or refused when the payload differs. */
    private static Fate again(Member first, Member again) {
        if (!first.prepared.key().fingerprint().equals(again.prepared.key().fingerprint())) {
            return new Refused(Refusal.unacceptable("idempotency-key-reused", "Idempotency-Key"));
        }
        Fate fate = Objects.requireNonNull(first.fate);
        return fate instanceof Refused
                ? fate
                : new Replayed(new Recording.Outcome(
                        fate.outcome().receipt(), fate.outcome().receiptJson(), true));
    }

    private static RecordReceipt receipt(UUID recordId, Plausibility.Verdict verdict, Prepared.Valid p) {
        RecordStatus status = RecordStatus.of(verdict.outcome());
        Calculation.Credited credited = p.credited();
        var checked = p.checked();
        var factors = credited.factors().stream()
                .map(f -> new RecordReceipt.FactorRef(
                        f.id(), f.value(), f.unit(), f.region(), f.year(), f.source(), f.sourceUrl()))
                .toList();
        return new RecordReceipt(
                recordId,
                status,
                credited.behaviour(),
                checked.quantity(),
                checked.unit(),
                checked.occurredAt(),
                checked.region(),
                checked.evidence().name(),
                credited.reductionGrams(),
                credited.baselineGrams(),
                credited.projectGrams(),
                new RecordReceipt.Uncertainty(credited.lowGrams(), credited.highGrams()),
                new RecordReceipt.MethodologyRef(credited.methodologyCode(), credited.methodologyVersion()),
                factors,
                status == RecordStatus.CREDITED ? UUID.randomUUID() : null,
                verdict.reasons(),
                Plausibility.VERSION,
                checked.externalRef());
    }

    /** A stored record (not rejected) near a new one: what the plausibility rules compare it with. */
    record Neighbour(
            UUID userId,
            String behaviour,
            BigDecimal quantity,
            Instant occurredAt,
            @Nullable Integer durationMinutes,
            long grams) {}

    /** The span the plausibility rules look at around an activity: its programme day, and a burst window before it. */
    record Window(UUID userId, Instant from, Instant dayStart, Instant dayEnd) {

        static Window of(UUID userId, Instant occurredAt) {
            var day = ProgrammeCalendar.dayOf(occurredAt);
            Instant dayStart = ProgrammeCalendar.startOf(day);
            Instant dayEnd = ProgrammeCalendar.startOf(day.plusDays(1));
            Instant burstStart = occurredAt.minus(Plausibility.BURST_WINDOW);
            return new Window(userId, burstStart.isBefore(dayStart) ? burstStart : dayStart, dayStart, dayEnd);
        }

        /** The same day's window reaching as far back as either. */
        Window widen(Window other) {
            return from.isBefore(other.from) ? this : new Window(userId, other.from, dayStart, dayEnd);
        }
    }

    /** A person's records by time, so each record of a large group finds its neighbours without scanning all of them. */
    private static final class Timeline {

        static final Timeline EMPTY = new Timeline();

        private final TreeMap<Instant, List<Neighbour>> byTime = new TreeMap<>();

        void add(Neighbour neighbour) {
            byTime.computeIfAbsent(neighbour.occurredAt(), t -> new ArrayList<>(1))
                    .add(neighbour);
        }

        List<Neighbour> between(Instant from, Instant to) {
            return byTime.subMap(from, true, to, false).values().stream()
                    .flatMap(List::stream)
                    .toList();
        }
    }
}
