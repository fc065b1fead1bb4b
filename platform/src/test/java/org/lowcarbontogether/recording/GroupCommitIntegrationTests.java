package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A group of records written in one transaction ({@link GroupWrite#write}) ends exactly as the same records submitted
 * one after another: the same statuses and reasons, one claim per real-world event, one record per key, and chains
 * that verify.
 */
@IntegrationTest
class GroupCommitIntegrationTests {

    @Autowired
    Recording recording;

    @Autowired
    Registration registration;

    @Autowired
    Ledger ledger;

    @Autowired
    Submissions submissions;

    @Autowired
    GroupWrite groups;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    static final OffsetDateTime MORNING = OffsetDateTime.now(ZoneOffset.ofHours(8))
            .minusDays(1)
            .withHour(8)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);

    static RecordSubmission ride(String km, int minutesAfter, Integer duration, String ref) {
        return new RecordSubmission(
                "CYCLE_INSTEAD_OF_CAR",
                new BigDecimal(km),
                "km",
                MORNING.plusMinutes(minutesAfter),
                "CN-SH",
                null,
                null,
                duration,
                ref);
    }

    UUID person() {
        return AccountFixtures.person(registration, jdbc).id();
    }

    List<Prepared> prepare(UUID user, List<RecordSubmission> records, List<String> keys) {
        var prepared = new ArrayList<Prepared>();
        for (int i = 0; i < records.size(); i++) {
            prepared.add(prepare(user, keys.get(i), records.get(i)));
        }
        return prepared;
    }

    Prepared prepare(UUID user, String key, RecordSubmission submission) {
        return submissions.prepare(user, key, submission, Recording.Channel.API, null, false);
    }

    /** The refusal a submission met, or null when it was recorded. */
    static Refusal problem(RecordGroup.Fate fate) {
        return fate instanceof RecordGroup.Refused refused ? refused.refusal() : null;
    }

    Recording.Outcome submit(GroupCommit writer, UUID user, String key, RecordSubmission submission) {
        return writer.write(prepare(user, key, submission)).outcome();
    }

    static List<String> freshKeys(int n) {
        var keys = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        return keys;
    }

    @Test
    void aGroupIsJudgedAsIfItsRecordsCameOneAfterAnother() {
        // Rides filling the daily cap, a duplicate, an overlapping ride, a too-fast ride and an impossible one.
        var submissions = List.of(
                ride("12", 0, 40, null),
                ride("12", 0, 40, null),
                ride("20", 20, 60, null),
                ride("30", 180, 30, null),
                ride("15", 300, 26 * 60, null),
                ride("25", 600, 90, null),
                ride("40", 720, 120, null),
                ride("70", 900, 110, null));
        UUID one = person();
        UUID other = person();
        var grouped = groups.write(prepare(one, submissions, freshKeys(submissions.size())));
        var sequential = new ArrayList<RecordGroup.Fate>();
        for (var p : prepare(other, submissions, freshKeys(submissions.size()))) {
            sequential.add(groups.write(List.of(p)).getFirst());
        }
        assertThat(grouped)
                .extracting(r -> r.outcome().receipt().status() + " "
                        + r.outcome().receipt().reasons())
                .containsExactlyElementsOf(sequential.stream()
                        .map(r -> r.outcome().receipt().status() + " "
                                + r.outcome().receipt().reasons())
                        .toList())
                .contains("CREDITED []", "FLAGGED [DUPLICATE]", "FLAGGED [SPEED]", "REJECTED [DURATION]");
        assertThat(grouped.stream().map(r -> r.outcome().receipt().reasons()).flatMap(List::stream))
                .contains("DAILY_CAP", "OVERLAP");
        assertThat(ledger.verify(one).valid()).isTrue();
        assertThat(ledger.verify(one).balanceGrams())
                .isEqualTo(ledger.verify(other).balanceGrams())
                .isPositive();
    }

    @Test
    void aKeyTwiceInAGroupIsOneRecordAndAnotherPayloadWithItIsRefused() {
        UUID user = person();
        String key = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        var results = groups.write(prepare(
                user,
                List.of(
                        ride("5", 0, null, null),
                        ride("5", 0, null, null),
                        ride("6", 60, null, null),
                        ride("7", 90, null, null)),
                List.of(key, key, other, other)));

        assertThat(results.get(0).outcome().replayed()).isFalse();
        assertThat(results.get(1).outcome().replayed()).isTrue();
        assertThat(results.get(1).outcome().receipt())
                .isEqualTo(results.get(0).outcome().receipt());
        assertThat(problem(results.get(3)).code()).isEqualTo("idempotency-key-reused");
        assertThat(count("activity_record", user)).isEqualTo(2);

        // Written again in a later group, the first key replays; its payload changed, it is refused.
        var again = groups.write(
                prepare(user, List.of(ride("5", 0, null, null), ride("9", 0, null, null)), List.of(key, other)));
        assertThat(again.get(0).outcome().replayed()).isTrue();
        assertThat(again.get(0).outcome().receipt().id())
                .isEqualTo(results.get(0).outcome().receipt().id());
        assertThat(problem(again.get(1)).code()).isEqualTo("idempotency-key-reused");
        assertThat(count("ledger_entry", user)).isEqualTo(2);
    }

    @Test
    void oneClaimPerRealWorldEventWithinAGroupAndAcrossGroups() {
        UUID user = person();
        UUID rival = person();
        String ref = "order-" + UUID.randomUUID();
        String refusedKey = UUID.randomUUID().toString();
        var results = groups.write(List.of(
                prepare(user, UUID.randomUUID().toString(), ride("5", 0, null, ref)),
                prepare(rival, refusedKey, ride("6", 0, null, ref)),
                prepare(rival, UUID.randomUUID().toString(), ride("7", 120, null, null))));

        assertThat(results.get(0).outcome().receipt().status()).isEqualTo(RecordStatus.CREDITED);
        assertThat(problem(results.get(1)).code()).isEqualTo("already-claimed");
        assertThat(results.get(2).outcome().receipt().status()).isEqualTo(RecordStatus.CREDITED);
        assertThat(count("activity_record", rival)).isEqualTo(1);
        // Nothing is kept for a refused record: its key is free again.
        var retried = groups.write(List.of(prepare(rival, refusedKey, ride("6", 0, null, null))));
        assertThat(retried.getFirst().outcome().replayed()).isFalse();
        // A later group claiming the same event is refused too, naming the first claim's channel.
        var later = groups.write(List.of(prepare(rival, UUID.randomUUID().toString(), ride("6", 30, null, ref))));
        assertThat(problem(later.getFirst()).code()).isEqualTo("already-claimed");
        assertThat(problem(later.getFirst()).args()).contains(ref, "API");
    }

    @Test
    void anInvalidRecordWithAUsedKeyReplaysAndOtherwiseFailsAlone() {
        UUID user = person();
        String key = UUID.randomUUID().toString();
        var first = groups.write(prepare(user, List.of(ride("5", 0, null, null)), List.of(key)))
                .getFirst();
        var invalid = new RecordSubmission("CYCLE_INSTEAD_OF_CAR", new BigDecimal("-1"), "km", MORNING, null, null);

        var results = groups.write(prepare(
                user,
                List.of(invalid, invalid, ride("8", 200, null, null)),
                List.of(key, UUID.randomUUID().toString(), UUID.randomUUID().toString())));

        assertThat(problem(results.get(0)).code()).isEqualTo("idempotency-key-reused");
        assertThat(problem(results.get(1)).code()).isEqualTo("invalid-record");
        assertThat(results.get(2).outcome().receipt().status()).isEqualTo(RecordStatus.CREDITED);
        assertThat(first.outcome().receipt().status()).isEqualTo(RecordStatus.CREDITED);
        assertThat(count("activity_record", user)).isEqualTo(2);
    }

    @Test
    void aGroupOfManyPeopleKeepsEveryChainAndBalance() {
        var people = new ArrayList<UUID>();
        var group = new ArrayList<Prepared>();
        for (int p = 0; p < 12; p++) {
            UUID user = person();
            people.add(user);
            for (int r = 0; r < 3; r++) {
                group.add(prepare(
                        user, UUID.randomUUID().toString(), ride(Integer.toString(3 + r), r * 120, null, null)));
            }
        }
        java.util.Collections.shuffle(group, new java.util.Random(7));
        var results = groups.write(group);

        assertThat(results)
                .allMatch(r -> problem(r) == null && r.outcome().receipt().status() == RecordStatus.CREDITED);
        for (UUID user : people) {
            var verification = ledger.verify(user);
            assertThat(verification.valid()).isTrue();
            assertThat(verification.entries()).isEqualTo(3);
            assertThat(verification.balanceGrams())
                    .isEqualTo(jdbc.sql("select sum(reduction_grams) from activity_record where user_id = :u")
                            .param("u", user)
                            .query(Long.class)
                            .single());
        }
    }

    @Test
    void aGroupThatRacedAnotherTransactionForAKeyIsWrittenAgainAndReplaysIt() throws Exception {
        UUID user = person();
        String key = UUID.randomUUID().toString();
        var submission = ride("5", 0, null, null);
        var firstWritten = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        try (var pool = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            // Another transaction writes the same key and holds it, uncommitted, while the group is judged.
            var first = pool.submit(() -> transactions.execute(status -> {
                var result = groups.write(prepare(user, List.of(submission), List.of(key)))
                        .getFirst();
                firstWritten.countDown();
                await(release);
                return result;
            }));
            await(firstWritten);
            var group = java.util.concurrent.CompletableFuture.supplyAsync(() -> groups.write(prepare(
                    user,
                    List.of(submission, ride("6", 120, null, null)),
                    List.of(key, UUID.randomUUID().toString()))));
            Thread.sleep(300);
            release.countDown();
            var results = group.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(results.get(0).outcome().replayed()).isTrue();
            assertThat(results.get(0).outcome().receipt().id())
                    .isEqualTo(first.get().outcome().receipt().id());
            assertThat(results.get(1).outcome().receipt().status()).isEqualTo(RecordStatus.CREDITED);
        }
        assertThat(count("activity_record", user)).isEqualTo(2);
        assertThat(count("ledger_entry", user)).isEqualTo(2);
        assertThat(ledger.verify(user).valid()).isTrue();
    }

    @Test
    void manyPeopleSubmittingAtOnceThroughTheWriterAreEachWrittenOnce() throws Exception {
        var people = new ArrayList<UUID>();
        for (int p = 0; p < 20; p++) {
            people.add(person());
        }
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<Recording.Outcome>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int p = 0; p < people.size(); p++) {
                for (int r = 0; r < 10; r++) {
                    UUID user = people.get(p);
                    var submission = ride(Integer.toString(2 + r), r * 75, null, null);
                    pool.submit(() -> outcomes.add(
                            recording.submit(user, UUID.randomUUID().toString(), submission, Recording.Channel.API)));
                }
            }
        }
        assertThat(outcomes)
                .hasSize(200)
                .allMatch(o -> !o.replayed() && o.receipt().status() == RecordStatus.CREDITED);
        for (UUID user : people) {
            var verification = ledger.verify(user);
            assertThat(verification.valid()).isTrue();
            assertThat(verification.entries()).isEqualTo(10);
            assertThat(count("activity_record", user)).isEqualTo(10);
        }
    }

    @Test
    void aFullQueueShedsLoadAndLosesNothingItTook() throws Exception {
        var small = new GroupCommit(groups, 1, 200, java.time.Duration.ofSeconds(30), java.time.Duration.ZERO, 2);
        UUID user = person();
        submit(small, user, UUID.randomUUID().toString(), ride("3", 0, null, null));
        // Another transaction holds the person's ledger account, so the writer stalls on the next group.
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var holder = Thread.ofPlatform()
                .start(() -> new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                        .executeWithoutResult(status -> {
                            jdbc.sql("select 1 from ledger_account where user_id = :u for update")
                                    .param("u", user)
                                    .query()
                                    .listOfRows();
                            locked.countDown();
                            await(release);
                        }));
        await(locked);
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<Recording.Outcome>();
        var stalled = Thread.ofPlatform()
                .start(() ->
                        outcomes.add(submit(small, user, "stalled-" + UUID.randomUUID(), ride("4", 60, null, null))));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                                .query(Long.class)
                                .single()
                        > 0);
        var queued = new ArrayList<Thread>();
        for (int i = 0; i < 2; i++) {
            var submission = ride(Integer.toString(5 + i), 120 + 60 * i, null, null);
            String key = "queued-" + i + "-" + UUID.randomUUID();
            queued.add(Thread.ofPlatform().start(() -> outcomes.add(submit(small, user, key, submission))));
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> queued.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));

        var busy = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.lowcarbontogether.shared.Refusal.class,
                () -> submit(small, user, "refused-" + UUID.randomUUID(), ride("7", 300, null, null)));

        release.countDown();
        holder.join();
        stalled.join();
        for (Thread t : queued) {
            t.join();
        }
        small.stop();
        assertThat(org.lowcarbontogether.platform.Refusals.status(busy).value()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("busy");
        assertThat(outcomes).hasSize(3).allMatch(o -> o.receipt().status() == RecordStatus.CREDITED);
        assertThat(count("activity_record", user))
                .as("the first, the stalled and the two queued")
                .isEqualTo(4);
        assertThat(ledger.verify(user).valid()).isTrue();
    }

    @Autowired
    org.lowcarbontogether.incentives.Badges badges;

    @Test
    void badgesOfEveryoneInOneGroupAreJudgedEachOnTheirOwnRecords() {
        UUID cyclist = person();
        UUID metroRider = person();
        UUID otherCyclist = person();
        var metro = new RecordSubmission(
                "METRO_INSTEAD_OF_CAR", new BigDecimal("8"), "km", MORNING, "CN-SH", null, null, null, null);
        var group = new ArrayList<Prepared>();
        group.addAll(prepare(metroRider, List.of(metro), freshKeys(1)));
        group.addAll(prepare(cyclist, List.of(ride("4", 0, null, null)), freshKeys(1)));
        group.addAll(prepare(otherCyclist, List.of(ride("5", 30, null, null)), freshKeys(1)));

        assertThat(groups.write(group)).allMatch(r -> r.outcome().receipt().status() == RecordStatus.CREDITED);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> List.of(cyclist, otherCyclist).stream()
                        .allMatch(p ->
                                badges.of(p).stream().anyMatch(b -> b.code().equals("FIRST_RIDE"))));
        assertThat(badges.of(metroRider)).noneMatch(b -> b.code().equals("FIRST_RIDE"));
        assertThat(badges.evaluate(List.of(cyclist, metroRider, otherCyclist)))
                .as("judged again, nothing more")
                .isZero();
    }

    static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String table, UUID user) {
        return jdbc.sql("select count(*) from " + table + " where user_id = :u")
                .param("u", user)
                .query(Long.class)
                .single();
    }
}
