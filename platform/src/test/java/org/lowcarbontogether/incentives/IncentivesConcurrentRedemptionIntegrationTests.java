package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.incentives.IncentivesFixtures.count;
import static org.lowcarbontogether.incentives.IncentivesFixtures.draft;
import static org.lowcarbontogether.incentives.IncentivesFixtures.earnSomePoints;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Redemption never overspends under contention, on PostgreSQL: 200 concurrent redemptions by one participant whose
 * balance covers k items give exactly k successes; participants racing for the last voucher codes never share one.
 */
@IntegrationTest
class IncentivesConcurrentRedemptionIntegrationTests {

    static final int CALLERS = 200;
    static final int AFFORDABLE = 7;

    @Autowired
    Registration registration;

    @Autowired
    Recording recording;

    @Autowired
    Points points;

    @Autowired
    Rewards rewards;

    @Autowired
    Redemptions redemptions;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    /** Outcomes of racing calls: successes, and the problem codes of the refusals. */
    record Race(List<Redemption> successes, List<String> refusals) {}

    static Race race(List<Callable<Redemption>> calls) throws Exception {
        var start = new CountDownLatch(1);
        List<Future<Redemption>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Redemption> successes = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            for (var future : futures) {
                try {
                    successes.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Refusal problem) {
                        refusals.add(problem.code());
                    } else {
                        throw e;
                    }
                }
            }
            return new Race(successes, refusals);
        }
    }

    Organisations.Organisation sponsorOrganisation(AuthenticatedUser sponsor) {
        var organisation = organisations.create("Race sponsor " + UUID.randomUUID(), Organisations.Kind.ENTERPRISE);
        organisations.addMember(organisation.id(), sponsor.id(), Organisations.MemberRole.ORGANISER);
        return organisation;
    }

    @RepeatedTest(3)
    void twoHundredConcurrentRedemptionsGiveExactlyAsManyAsTheBalanceCovers() throws Exception {
        var participant = AccountFixtures.person(registration, jdbc);
        long balance = earnSomePoints(recording, points, participant.id());
        // A cost the balance covers exactly k times (k = balance / cost), with stock to spare.
        long cost = Math.max(1, balance / AFFORDABLE);
        long k = balance / cost;
        assertThat(k).isBetween((long) AFFORDABLE, (long) AFFORDABLE * 2);
        var sponsor = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var reward =
                rewards.create(sponsor.id(), sponsorOrganisation(sponsor).id(), draft(Rewards.Kind.GOODS, cost, 1000));

        List<Callable<Redemption>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(() -> redemptions
                    .redeem(
                            participant.id(),
                            "Racer",
                            reward.id(),
                            UUID.randomUUID().toString())
                    .redemption());
        }
        var race = race(calls);
        System.out.printf(
                "concurrent redemptions: balance %d, cost %d, k %d, %d callers, %d successes%n",
                balance, cost, k, CALLERS, race.successes().size());

        assertThat(race.successes()).hasSize((int) k);
        assertThat(race.refusals()).hasSize(CALLERS - (int) k).containsOnly("insufficient-points");
        assertThat(points.summary(participant.id()).balance())
                .isEqualTo(balance - k * cost)
                .isNotNegative();
        assertThat(count(jdbc, "select stock from reward where id = ?", reward.id()))
                .isEqualTo(1000 - k);
        assertThat(count(jdbc, "select count(*) from redemption where reward_id = ?", reward.id()))
                .isEqualTo(k);
        assertThat(count(jdbc, "select coalesce(sum(points), 0) from points_entry where user_id = ?", participant.id()))
                .as("the balance is the sum of the entries")
                .isEqualTo(balance - k * cost);
        assertThat(count(
                        jdbc,
                        "select count(*) from points_entry where user_id = ? and kind = 'REDEEMED'",
                        participant.id()))
                .isEqualTo(k);
    }

    @RepeatedTest(3)
    void stockRunsOutBeforePointsAndNeverGoesNegative() throws Exception {
        var participant = AccountFixtures.person(registration, jdbc);
        long balance = earnSomePoints(recording, points, participant.id());
        var sponsor = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var reward = rewards.create(sponsor.id(), sponsorOrganisation(sponsor).id(), draft(Rewards.Kind.GOODS, 1, 3));

        List<Callable<Redemption>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> redemptions
                    .redeem(
                            participant.id(),
                            "Racer",
                            reward.id(),
                            UUID.randomUUID().toString())
                    .redemption());
        }
        var race = race(calls);

        assertThat(race.successes()).hasSize(3);
        assertThat(race.refusals()).containsOnly("out-of-stock");
        assertThat(count(jdbc, "select stock from reward where id = ?", reward.id()))
                .isZero();
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 3);
    }

    @RepeatedTest(3)
    void participantsRacingForTheLastCodesNeverGetTheSameCode() throws Exception {
        var sponsor = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var voucher =
                rewards.create(sponsor.id(), sponsorOrganisation(sponsor).id(), draft(Rewards.Kind.VOUCHER, 1, null));
        rewards.uploadCodes(sponsor.id(), voucher.id(), new StringReader("LAST-A\nLAST-B\n"));
        List<AuthenticatedUser> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var racer = AccountFixtures.person(registration, jdbc);
            earnSomePoints(recording, points, racer.id());
            racers.add(racer);
        }
        List<Callable<Redemption>> calls = new ArrayList<>();
        for (var racer : racers) {
            for (int attempt = 0; attempt < 3; attempt++) {
                calls.add(() -> redemptions
                        .redeem(
                                racer.id(),
                                "Racer",
                                voucher.id(),
                                UUID.randomUUID().toString())
                        .redemption());
            }
        }
        var race = race(calls);

        assertThat(race.successes()).hasSize(2);
        assertThat(new HashSet<>(
                        race.successes().stream().map(Redemption::voucherCode).toList()))
                .containsExactlyInAnyOrder("LAST-A", "LAST-B");
        assertThat(race.refusals()).hasSize(calls.size() - 2).containsOnly("out-of-stock");
        assertThat(count(
                        jdbc,
                        "select count(*) from voucher_code where reward_id = ? and issued_to is null",
                        voucher.id()))
                .isZero();
        assertThat(count(jdbc, "select stock from reward where id = ?", voucher.id()))
                .isZero();
        // Each success is paid for by exactly one points entry.
        for (var success : race.successes()) {
            assertThat(count(
                            jdbc,
                            "select count(*) from points_entry where user_id = ? and source_id = ? and kind = 'REDEEMED'",
                            success.userId(),
                            success.id()))
                    .isEqualTo(1);
        }
    }
}
