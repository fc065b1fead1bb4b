package org.lowcarbontogether.communities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ledger events reach the groups in any order; a group's figures end the same whatever the order. */
@IntegrationTest
class ParticipationIntegrationTests {

    @Autowired
    Participation participation;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReversalHandledBeforeItsCreditStillTakesTheRecordOut() {
        var member = AccountFixtures.person(registration, jdbc);
        var scope = Participation.Scope.community(UUID.randomUUID());
        participation.join(scope, member.id(), null);
        UUID record = UUID.randomUUID();
        Instant now = Instant.now();
        var credited = new ReductionCredited(
                UUID.randomUUID(),
                member.id(),
                record,
                "BUS_INSTEAD_OF_CAR",
                "TRANSPORT",
                900,
                "1.1.0",
                "CN-GD",
                "SELF_REPORT",
                now,
                now);
        var reversed = new ReductionReversed(
                UUID.randomUUID(),
                member.id(),
                record,
                "BUS_INSTEAD_OF_CAR",
                "TRANSPORT",
                -900,
                900,
                "SELF_REPORT",
                now,
                now);

        participation.count(reversed); // delivered first: nothing to take back yet
        participation.count(List.of(
                new Participation.Counting(scope, credited))); // the credit arrives, and the waiting reversal with it
        participation.count(List.of(new Participation.Counting(scope, credited))); // redelivered: counted once
        participation.count(reversed);

        var metrics = participation.metrics(scope);
        assertThat(metrics.behaviours()).isZero();
        assertThat(metrics.grams()).isZero();
        assertThat(metrics.gramsRecorded()).isZero();
        assertThat(metrics.active7())
                .as("a reversed record makes nobody active")
                .isZero();
    }

    @Test
    void aBatchCountsEachCreditInTheGroupsItsPersonWasInThatDayOnce() {
        var both = AccountFixtures.person(registration, jdbc);
        var onlyFirst = AccountFixtures.person(registration, jdbc);
        var outsider = AccountFixtures.person(registration, jdbc);
        var first = Participation.Scope.community(UUID.randomUUID());
        var second = Participation.Scope.campaign(UUID.randomUUID());
        participation.join(first, both.id(), null);
        participation.join(second, both.id(), null);
        participation.join(first, onlyFirst.id(), null);
        Instant now = Instant.now();
        var bothCredit = credit(both.id(), 500, now);
        var onlyFirstCredit = credit(onlyFirst.id(), 300, now);
        var beforeJoining = credit(onlyFirst.id(), 700, now.minus(Duration.ofDays(3)));
        var outsiderCredit = credit(outsider.id(), 900, now);
        // A reversal of one of them handled before the batch.
        participation.count(new ReductionReversed(
                UUID.randomUUID(),
                onlyFirst.id(),
                onlyFirstCredit.recordId(),
                "BUS_INSTEAD_OF_CAR",
                "TRANSPORT",
                -300,
                300,
                "SELF_REPORT",
                now,
                now));

        var batch = new ArrayList<Participation.Counting>();
        for (var credited : List.of(bothCredit, onlyFirstCredit, beforeJoining, outsiderCredit)) {
            batch.add(new Participation.Counting(first, credited));
            batch.add(new Participation.Counting(second, credited));
        }
        participation.count(batch);
        participation.count(batch); // redelivered: nothing more

        var inFirst = participation.metrics(first);
        assertThat(inFirst.behaviours())
                .as("both's credit; onlyFirst's was reversed, the other was before they joined")
                .isEqualTo(1);
        assertThat(inFirst.grams()).isEqualTo(500);
        var inSecond = participation.metrics(second);
        assertThat(inSecond.behaviours()).isEqualTo(1);
        assertThat(inSecond.grams()).isEqualTo(500);
        assertThat(participation.groupsOf(
                        List.of(both.id(), onlyFirst.id(), outsider.id()), Participation.ScopeKind.COMMUNITY))
                .containsOnlyKeys(both.id(), onlyFirst.id());
    }

    static ReductionCredited credit(UUID user, long grams, Instant at) {
        return new ReductionCredited(
                UUID.randomUUID(),
                user,
                UUID.randomUUID(),
                "BUS_INSTEAD_OF_CAR",
                "TRANSPORT",
                grams,
                "1.1.0",
                "CN-GD",
                "SELF_REPORT",
                at,
                at);
    }
}
