package org.lowcarbontogether.communities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
        var credited = new ReductionCredited(UUID.randomUUID(), member.id(), record, "BUS_INSTEAD_OF_CAR", "TRANSPORT", 900, "1.1.0",
                "CN-GD", "SELF_REPORT", now, now);
        var reversed = new ReductionReversed(UUID.randomUUID(), member.id(), record, "BUS_INSTEAD_OF_CAR", "TRANSPORT", -900, 900,
                "SELF_REPORT", now, now);

        participation.count(reversed);          // delivered first: nothing to take back yet
        participation.count(scope, credited);   // the credit arrives, and the waiting reversal with it
        participation.count(scope, credited);   // redelivered: counted once
        participation.count(reversed);

        var metrics = participation.metrics(scope);
        assertThat(metrics.behaviours()).isZero();
        assertThat(metrics.grams()).isZero();
        assertThat(metrics.gramsRecorded()).isZero();
        assertThat(metrics.active7()).as("a reversed record makes nobody active").isZero();
    }
}
