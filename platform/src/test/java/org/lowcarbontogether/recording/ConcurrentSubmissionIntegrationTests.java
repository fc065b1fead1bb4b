package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty identical submissions racing with one key give exactly one record and one ledger entry — each in its own
 * transaction, through the group-commit writer, and both mixed.
 */
@IntegrationTest
class ConcurrentSubmissionIntegrationTests {

    static final int CALLERS = 50;

    @Autowired
    Recording recording;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @RepeatedTest(5)
    void fiftyConcurrentIdenticalSubmissionsCreditOnce() throws Exception {
        race(n -> true);
    }

    @RepeatedTest(5)
    void fiftyConcurrentIdenticalSubmissionsThroughTheWriterCreditOnce() throws Exception {
        race(n -> false);
    }

    @RepeatedTest(5)
    void fiftyConcurrentIdenticalSubmissionsThroughBothPathsCreditOnce() throws Exception {
        race(n -> n % 2 == 0);
    }

    /** Races the callers; those {@code ownTransaction} picks submit in their own transaction, the others through the writer. */
    void race(java.util.function.IntPredicate ownTransaction) throws Exception {
        UUID user = registration
                .register(new Registration.SignUp(
                        "race-" + UUID.randomUUID() + "@example.org", "Racer", "green steps every day"))
                .id();
        String key = UUID.randomUUID().toString();
        var submission = new RecordSubmission(
                "BUS_INSTEAD_OF_CAR",
                new BigDecimal("7.5"),
                "km",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(2),
                "CN-SH",
                null);
        var start = new CountDownLatch(1);
        List<Future<Recording.Outcome>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CALLERS)) {
            for (int i = 0; i < CALLERS; i++) {
                boolean own = ownTransaction.test(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return own
                            ? recording.submitInTransaction(user, key, submission, Recording.Channel.API)
                            : recording.submit(user, key, submission, Recording.Channel.API);
                }));
            }
            start.countDown();
            List<Recording.Outcome> outcomes = new ArrayList<>();
            for (var result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes)
                    .extracting(Recording.Outcome::receipt)
                    .containsOnly(outcomes.getFirst().receipt());
            assertThat(outcomes).filteredOn(o -> !o.replayed()).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from ledger_entry where user_id = :u")
                        .param("u", user)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :u")
                        .param("u", user)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
