package org.lowcarbontogether.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LedgerIntegrationTests {

    @Autowired
    Recording recording;

    @Autowired
    Registration registration;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    UUID personWithEntries(int count) {
        UUID user = registration
                .register(new Registration.SignUp(
                        "ledger-" + UUID.randomUUID() + "@example.org", "Ledger", "green steps every day"))
                .id();
        for (int i = 0; i < count; i++) {
            recording.submitInTransaction(
                    user,
                    UUID.randomUUID().toString(),
                    new RecordSubmission(
                            "CYCLE_INSTEAD_OF_CAR",
                            BigDecimal.valueOf(2 + i),
                            "km",
                            OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
                            null,
                            null),
                    Recording.Channel.API);
        }
        return user;
    }

    @Test
    void balanceIsTheSumOfEntries() {
        UUID user = personWithEntries(3);
        var statement = ledger.statement(user, 10);

        assertThat(statement.entries()).hasSize(3);
        assertThat(statement.balance().grams())
                .isEqualTo(statement.entries().stream()
                        .mapToLong(LedgerEntry::grams)
                        .sum());
        assertThat(statement.entries()).extracting(LedgerEntry::sequence).containsExactly(3L, 2L, 1L);
    }

    @Test
    void eachEntryChainsTheHashOfItsPredecessor() {
        UUID user = personWithEntries(4);
        var entries = ledger.statement(user, 10).entries().reversed();
        String previous = Ledger.genesis(user);
        for (var entry : entries) {
            String provenance = jdbc.sql("select provenance::text from ledger_entry where user_id = :u and id = :id")
                    .param("u", user)
                    .param("id", entry.id())
                    .query(String.class)
                    .single();
            assertThat(entry.previousHash()).isEqualTo(previous);
            String expected = Ledger.hash(
                    previous,
                    Ledger.canonical(
                            entry.id(),
                            entry.sequence(),
                            entry.kind(),
                            entry.grams(),
                            entry.recordId(),
                            entry.behaviour(),
                            entry.methodologyVersion(),
                            entry.occurredAt(),
                            entry.bookedAt(),
                            entry.restatementId(),
                            entry.reverses(),
                            entry.reason(),
                            entry.actorId(),
                            provenance));
            assertThat(entry.hash()).isEqualTo(expected);
            previous = entry.hash();
        }
    }

    @Test
    void entriesCannotBeUpdatedOrDeleted() {
        UUID user = personWithEntries(1);

        assertThatThrownBy(() -> jdbc.sql("update ledger_entry set grams = grams + 1 where user_id = :u")
                        .param("u", user)
                        .update())
                .isInstanceOf(UncategorizedSQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entry where user_id = :u")
                        .param("u", user)
                        .update())
                .hasMessageContaining("append-only");
        assertThat(ledger.statement(user, 10).entries()).hasSize(1);
    }

    @Test
    void aStatementShowsOnlyTheOwnersEntries() {
        UUID owner = personWithEntries(1);
        UUID stranger = personWithEntries(0);
        UUID entry = ledger.statement(owner, 1).entries().getFirst().id();

        assertThat(ledger.entry(owner, entry)).isPresent();
        assertThat(ledger.entry(stranger, entry)).isEmpty();
        assertThat(ledger.statement(stranger, 10).balance().grams()).isZero();
    }
}
