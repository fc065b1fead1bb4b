package org.lowcarbontogether.recording;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a group of prepared submissions in one transaction — a few statements for the whole group rather than a few
 * per record — each once per idempotency key, answering each in order. The rules of what becomes of each submission
 * are {@link RecordGroup}'s; this class brings them what is stored and stores what they decide. Joins the caller's
 * transaction when there is one.
 */
@Component
class GroupWrite {

    private final Idempotency idempotency;
    private final ExternalClaims claims;
    private final RecordStore store;
    private final Ledger ledger;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final GuardianConsents guardians;
    private final List<BehaviourLimits> limits;

    GroupWrite(
            Idempotency idempotency,
            ExternalClaims claims,
            RecordStore store,
            Ledger ledger,
            JsonMapper json,
            PlatformTransactionManager transactions,
            Clock clock,
            GuardianConsents guardians,
            List<BehaviourLimits> limits) {
        this.idempotency = idempotency;
        this.claims = claims;
        this.store = store;
        this.ledger = ledger;
        this.json = json;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.guardians = guardians;
        this.limits = limits;
    }

    /**
     * Writes the group; a group that raced another transaction for a key or a claim (its view of earlier records was
     * stale) is written again, at most three times.
     */
    List<RecordGroup.Fate> write(List<? extends Prepared> submissions) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Objects.requireNonNull(transactions.execute(status -> writeOnce(new RecordGroup(submissions))));
            } catch (StaleGroup stale) {
                if (attempt == 3) {
                    throw stale;
                }
            }
        }
    }

    private List<RecordGroup.Fate> writeOnce(RecordGroup group) {
        store.lockPeople(group.people());
        group.replay(find(group.keys()), this::replay);
        // People under 14 whose guardian has not consented have nothing recorded, whichever door their records came
        // through (page, API, bulk, an organiser's sheet, a check-in, a hand-over). One statement for the whole group —
        // a primary-key lookup of its people in a table holding only those who wait, almost always finding none — so
        // the hot path pays one small query per group, never one per record.
        group.refusePeople(guardians.pendingAmong(group.people()), GuardianConsents.refusal());
        // Pupils record only their grade's subset of behaviours (schools): one statement per limiting module.
        for (BehaviourLimits limit : limits) {
            Map<UUID, Set<String>> allowed = limit.limitsAmong(group.people());
            group.refuseBehaviours(allowed, BehaviourLimits.refusal());
        }
        group.refuseClaimed(claims.check(group.claims()));
        group.judge(store.neighbours(group.windows()), json::writeValueAsString);
        var judged = group.judged();
        // The keys, stored with the receipts. One that another transaction stored meanwhile (it was waited for) means
        // the group was judged without that record: a lone submission replays it; a group is written again.
        var kept = judged.stream().filter(m -> kept(m.prepared.key())).toList();
        var taken = idempotency.store(
                kept.stream().map(m -> m.prepared.key()).toList(),
                kept.stream().map(m -> m.judged().receiptJson()).toList());
        if (!taken.isEmpty()) {
            group.decide(alone(judged), replay(idempotency.find(taken).getFirst()));
            return group.fates();
        }
        var refused = claims.claimAll(group.judgedClaims());
        if (refused.stream().anyMatch(Objects::nonNull)) {
            // A record claiming two events may have made one claim before the other was refused: it is given back.
            claims.release(group.judgedClaims());
            var key = alone(judged).prepared.key();
            if (kept(key)) {
                idempotency.release(List.of(key));
            }
            group.decide(
                    alone(judged),
                    new RecordGroup.Refused(refused.stream()
                            .filter(Objects::nonNull)
                            .findFirst()
                            .orElseThrow()));
            return group.fates();
        }
        ledger.creditAll(group.credits());
        var now = clock.instant();
        store.insert(judged.stream()
                .map(m -> store.row(m.valid(), m.judged().receipt(), now))
                .toList());
        return group.fates();
    }

    /**
     * Whether a submission's key is kept with its receipt. A partner's activity is not: its reference is claimed for
     * good ({@link ExternalClaims}) and the partner's decision log answers its replays with the record's current
     * outcome, so storing the receipt under a key as well would only add a row and a copy of the receipt per activity.
     */
    static boolean kept(Idempotency.Key key) {
        return !key.scope().startsWith(Submissions.PARTNER_SCOPE);
    }

    /** The keys' stored answers, in order; a key that is not kept is never found. */
    private List<Idempotency.Claim> find(List<Idempotency.Key> keys) {
        var found = idempotency
                .find(keys.stream().filter(GroupWrite::kept).toList())
                .iterator();
        return keys.stream()
                .map(k -> kept(k) ? found.next() : new Idempotency.Claim(k, false, null, null))
                .toList();
    }

    /** The one member judged; with more, the group must be judged again. */
    private static RecordGroup.Member alone(List<RecordGroup.Member> judged) {
        if (judged.size() > 1) {
            throw new StaleGroup();
        }
        return judged.getFirst();
    }

    private RecordGroup.Fate replay(Idempotency.Claim claim) {
        try {
            String stored = idempotency.replayJson(claim);
            return new RecordGroup.Replayed(
                    new Recording.Outcome(json.readValue(stored, RecordReceipt.class), stored, true));
        } catch (Refusal refusal) {
            return new RecordGroup.Refused(refusal);
        }
    }

    /** Another transaction stored one of the group's keys or claims after the group was judged. */
    static final class StaleGroup extends RuntimeException {
        StaleGroup() {
            super("A key or a claim of the group was taken by another transaction meanwhile", null, false, false);
        }
    }
}
