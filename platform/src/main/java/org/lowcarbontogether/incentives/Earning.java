package org.lowcarbontogether.incentives;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the carbon ledger's events into points. Runs after the credit commits, in its own transaction, retried from
 * the event publication registry; each ledger entry is booked once (unique per source), so a replayed event changes
 * nothing. The person's points account is locked first, so caps and the newcomer bonus see every earlier earning even
 * when events of one person are handled in parallel.
 * <p>
 * A reversed credit takes its points back, but never below a zero balance: points already spent on a reward stay
 * spent (the entry records what could not be taken back). Lifetime earned points — and so levels — lose the full
 * amount. Restatements ({@code ReductionAdjusted}) do not change points: points follow the behaviour, scored when it
 * was credited.
 */
@Component
class Earning {

    static final String CREDIT = "LEDGER_CREDIT";
    static final String REVERSAL = "LEDGER_REVERSAL";

    private final Points points;
    private final PointsRules rules;
    private final CampaignMultipliers campaigns;
    private final Badges badges;
    private final Clock clock;

    Earning(Points points, PointsRules rules, CampaignMultipliers campaigns, Badges badges, Clock clock) {
        this.clock = clock;
        this.points = points;
        this.rules = rules;
        this.campaigns = campaigns;
        this.badges = badges;
    }

    @ApplicationModuleListener
    void on(ReductionsCredited batch) {
        // Person by person (lockAll locks their accounts in the database's key order, as every writer does), keeping
        // each person's credits in the order they were booked, so daily caps count them as they came. Each step reads
        // or writes for the whole batch at once: a batch holds many people, and per-person statements were most of its
        // cost.
        var credits = new ArrayList<>(batch.credits());
        credits.sort(Comparator.comparing(ReductionCredited::userId));
        var users = credits.stream().map(ReductionCredited::userId).toList();
        // Entries booked already (a redelivered event) and records reversed before their credit.
        var booked = points.booked(
                CREDIT, users, credits.stream().map(ReductionCredited::entryId).toList());
        var clawedBack = points.clawedBack(
                users, credits.stream().map(ReductionCredited::recordId).toList());
        var people = users.stream().distinct().toList();
        var accounts = points.lockAll(people);
        var memberships = campaigns.joinedBy(people);
        var fresh = credits.stream().filter(c -> !booked.contains(c.entryId())).toList();
        var pairs = new LinkedHashSet<Map.Entry<UUID, LocalDate>>();
        fresh.forEach(c -> pairs.add(Map.entry(c.userId(), day(c))));
        var earnedOn = points.earnedOn(
                pairs.stream().map(Map.Entry::getKey).toList(),
                pairs.stream().map(Map.Entry::getValue).toList());
        var earnings = new ArrayList<Points.Earned>(fresh.size());
        // When each person first earned: the newcomer bonus runs from there (from this batch for a first earning).
        var firstCredits = new HashMap<UUID, Instant>();
        accounts.forEach((user, account) -> {
            if (account.firstCreditAt() != null) {
                firstCredits.put(user, account.firstCreditAt());
            }
        });
        for (ReductionCredited credited : fresh) {
            UUID user = credited.userId();
            LocalDate day = day(credited);
            var ruleSet = rules.effectiveOn(day);
            boolean reversedAlready = clawedBack.contains(credited.recordId());
            // earnedOn has every (person, day) pair of the fresh credits
            var earned = Objects.requireNonNull(
                    Objects.requireNonNull(earnedOn.get(user)).get(day));
            Instant firstCredit = firstCredits.get(user);
            PointsReason reason;
            if (reversedAlready) {
                reason = PointsReason.clawback(0, PointsReason.Note.REVERSED_BEFORE_EARNING, credited.behaviour());
            } else {
                boolean newcomer = firstCredit == null
                        || credited.bookedAt().isBefore(firstCredit.plus(Duration.ofDays(ruleSet.newcomerDays())));
                var campaign =
                        memberships.best(user, credited.behaviour(), day, credited.region(), credited.bookedAt());
                reason = PointsCalculator.earn(
                        ruleSet,
                        credited.behaviour(),
                        credited.evidence(),
                        credited.grams(),
                        campaign.orElse(null),
                        newcomer,
                        earned.getOrDefault(credited.behaviour(), 0L),
                        earned.values().stream().mapToLong(Long::longValue).sum());
            }
            long amount = reason.earnedPoints() == null || reversedAlready ? 0 : reason.earnedPoints();
            earnings.add(new Points.Earned(
                    user, amount, CREDIT, credited.entryId(), credited.recordId(), credited.behaviour(), day, reason));
            earned.merge(credited.behaviour(), amount, Long::sum);
            firstCredits.putIfAbsent(user, clock.instant());
        }
        points.earnAll(earnings);
        badges.evaluate(people);
    }

    private static LocalDate day(ReductionCredited credited) {
        return LocalDate.ofInstant(credited.occurredAt(), ProgrammeCalendar.ZONE);
    }

    @ApplicationModuleListener
    void on(ReductionReversed reversed) {
        var account = points.lock(reversed.userId());
        if (points.bySource(reversed.userId(), REVERSAL, reversed.entryId()).isPresent()) {
            return;
        }
        var earning = points.forRecord(reversed.userId(), reversed.recordId()).stream()
                .filter(e -> e.kind() == PointsEntry.Kind.EARNED)
                .findFirst();
        LocalDate day = LocalDate.ofInstant(reversed.occurredAt(), ProgrammeCalendar.ZONE);
        if (earning.isEmpty()) {
            // The reversal overtook its credit: mark the record, so the credit earns nothing when it arrives.
            points.append(
                    reversed.userId(),
                    PointsEntry.Kind.CLAWBACK,
                    0,
                    0,
                    REVERSAL,
                    reversed.entryId(),
                    reversed.recordId(),
                    reversed.behaviour(),
                    day,
                    PointsReason.clawback(0, PointsReason.Note.REVERSAL_BEFORE_CREDIT, reversed.behaviour()));
            return;
        }
        long earned = earning.get().points();
        long taken = Math.min(earned, account.balance());
        points.append(
                reversed.userId(),
                PointsEntry.Kind.CLAWBACK,
                -taken,
                -earned,
                REVERSAL,
                reversed.entryId(),
                reversed.recordId(),
                reversed.behaviour(),
                day,
                PointsReason.clawback(
                        earned, taken < earned ? PointsReason.Note.PARTLY_SPENT : null, reversed.behaviour()));
    }
}
