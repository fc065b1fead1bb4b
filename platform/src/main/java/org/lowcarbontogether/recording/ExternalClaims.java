package org.lowcarbontogether.recording;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One claim per real-world event: a partner's order id, a ride file's hash, an event check-in is credited once,
 * whichever channel brings it. A second claim is refused naming the first — its channel and time, and its record when
 * it is the same person's (another person's identity is never revealed).
 */
@Component
class ExternalClaims {

    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalClaims(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A reference a record claims; {@code claimant}: who claims it within its channel (a partner's id), if anyone.
     */
    record Claim(
            String reference,
            UUID userId,
            UUID recordId,
            String channel,
            @Nullable String claimant) {

        Claim(String reference, UUID userId, UUID recordId, String channel) {
            this(reference, userId, recordId, channel, null);
        }
    }

    /**
     * Checks references without claiming them: the refusal for each one claimed before (committed) or earlier in the
     * list, null for the others — which may still be refused by {@link #claimAll} if another transaction claims them
     * meanwhile.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<@Nullable Refusal> check(List<Claim> claims) {
        var references = claims.stream().map(Claim::reference).distinct().toList();
        var earlier = earlier(references);
        return refusals(
                claims, references.stream().filter(r -> !earlier.containsKey(r)).collect(Collectors.toSet()), earlier);
    }

    /**
     * Claims references for many records in one statement. Returns, in order, null for each claim made and the refusal
     * for each reference claimed before — by an earlier transaction or by an earlier claim in the list.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<@Nullable Refusal> claimAll(List<Claim> claims) {
        var first = new HashMap<String, Claim>();
        var fresh = new ArrayList<Claim>();
        for (Claim c : claims) {
            if (first.putIfAbsent(c.reference(), c) == null) {
                fresh.add(c);
            }
        }
        // In reference order, so two transactions claiming the same references never wait on each other in a cycle.
        fresh.sort(Comparator.comparing(Claim::reference));
        var made = new HashSet<String>();
        if (!fresh.isEmpty()) {
            jdbc.sql("""
                            insert into external_claim (reference, user_id, record_id, channel, claimant, claimed_at)
                            select c.reference, c.user_id, c.record_id, c.channel, c.claimant, :now
                            from unnest(:references, :users, :records, :channels, :claimants) with ordinality as c(reference, user_id, record_id, channel, claimant, n)
                            order by c.n
                            on conflict (reference) do nothing
                            returning reference""")
                    .param(
                            "references",
                            new SqlArrayValue(
                                    "text", fresh.stream().map(Claim::reference).toArray()))
                    .param(
                            "users",
                            new SqlArrayValue(
                                    "uuid", fresh.stream().map(Claim::userId).toArray()))
                    .param(
                            "records",
                            new SqlArrayValue(
                                    "uuid", fresh.stream().map(Claim::recordId).toArray()))
                    .param(
                            "channels",
                            new SqlArrayValue(
                                    "text", fresh.stream().map(Claim::channel).toArray()))
                    .param(
                            "claimants",
                            new SqlArrayValue(
                                    "text", fresh.stream().map(Claim::claimant).toArray()))
                    .param("now", Timestamp.from(clock.instant()))
                    .query((rs, n) -> made.add(rs.getString(1)))
                    .list();
        }
        return refusals(
                claims,
                made,
                earlier(fresh.stream()
                        .map(Claim::reference)
                        .filter(r -> !made.contains(r))
                        .toList()));
    }

    /** Gives back claims made in the current transaction for records that were refused after all. */
    @Transactional(propagation = Propagation.MANDATORY)
    void release(List<Claim> claims) {
        if (!claims.isEmpty()) {
            jdbc.sql("delete from external_claim where reference = any(:references) and record_id = any(:records)")
                    .param(
                            "references",
                            new SqlArrayValue(
                                    "text",
                                    claims.stream().map(Claim::reference).toArray()))
                    .param(
                            "records",
                            new SqlArrayValue(
                                    "uuid", claims.stream().map(Claim::recordId).toArray()))
                    .update();
        }
    }

    /**
     * A claim stored before: who made it, for which record, through which channel and claimant, when, and what became
     * of its record (when it is stored).
     */
    private record Earlier(
            UUID userId,
            UUID recordId,
            String channel,
            @Nullable String claimant,
            Instant claimedAt,
            @Nullable String outcome) {}

    private Map<String, Earlier> earlier(List<String> references) {
        var earlier = new HashMap<String, Earlier>();
        if (!references.isEmpty()) {
            jdbc.sql("""
                            select c.reference, c.user_id, c.record_id, c.channel, c.claimant, c.claimed_at, r.status
                            from external_claim c
                                left join activity_record r on r.user_id = c.user_id and r.id = c.record_id
                            where c.reference = any(:references)""")
                    .param("references", new SqlArrayValue("text", references.toArray()))
                    .query((rs, n) -> earlier.put(
                            rs.getString(1),
                            new Earlier(
                                    rs.getObject(2, UUID.class),
                                    rs.getObject(3, UUID.class),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getTimestamp(6).toInstant(),
                                    rs.getString(7))))
                    .list();
        }
        return earlier;
    }

    /** Null for each first claim of a reference that is {@code free}; otherwise the refusal naming the first claim. */
    private List<@Nullable Refusal> refusals(List<Claim> claims, Set<String> free, Map<String, Earlier> earlier) {
        Instant now = clock.instant();
        var first = new HashMap<String, Claim>();
        var outcomes = new ArrayList<@Nullable Refusal>(claims.size());
        for (Claim c : claims) {
            Claim firstInList = first.putIfAbsent(c.reference(), c);
            if (firstInList == null && free.contains(c.reference())) {
                outcomes.add(null);
            } else if (firstInList == null) {
                // Not free: claimed before.
                Earlier e = Objects.requireNonNull(earlier.get(c.reference()));
                outcomes.add(refusal(c, e));
            } else {
                outcomes.add(refusal(
                        c,
                        new Earlier(
                                firstInList.userId(),
                                firstInList.recordId(),
                                firstInList.channel(),
                                firstInList.claimant(),
                                now,
                                null)));
            }
        }
        return outcomes;
    }

    /**
     * A second claim is refused naming the first: its channel, claimant (a partner), time and outcome, and its record
     * only when it is the same person's.
     */
    private static Refusal refusal(Claim claim, Earlier first) {
        boolean mine = first.userId().equals(claim.userId());
        var firstClaim = new LinkedHashMap<String, Object>();
        firstClaim.put("channel", first.channel());
        firstClaim.put("claimedAt", first.claimedAt().toString());
        if (first.claimant() != null) {
            firstClaim.put("partner", first.claimant());
        }
        if (first.outcome() != null) {
            firstClaim.put("outcome", first.outcome());
        }
        if (mine) {
            firstClaim.put("recordId", first.recordId().toString());
        }
        String channel = first.channel();
        String claimedAt = first.claimedAt().toString();
        return new Refusal(
                Refusal.Kind.UNACCEPTABLE,
                "already-claimed",
                List.of(Refusal.Violation.of("externalRef", "already-claimed", claim.reference(), channel, claimedAt)),
                Map.of("firstClaim", Map.copyOf(firstClaim)),
                claim.reference(),
                channel,
                claimedAt);
    }
}
