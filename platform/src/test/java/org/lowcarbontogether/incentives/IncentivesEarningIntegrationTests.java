package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.lowcarbontogether.incentives.IncentivesFixtures.awaitEntries;
import static org.lowcarbontogether.incentives.IncentivesFixtures.count;
import static org.lowcarbontogether.incentives.IncentivesFixtures.record;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.campaigns.CampaignJoined;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.communities.CommunityJoined;
import org.lowcarbontogether.events.AttendeeCheckedIn;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.stories.StoryPublished;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Points are earned from the ledger's events by the published rules — once per credit, capped per day, multiplied for
 * newcomers and campaign members — taken back when a credit is reversed, and badges are awarded once.
 */
@IntegrationTest
class IncentivesEarningIntegrationTests {

    static final ZoneId SHANGHAI = ProgrammeCalendar.ZONE;

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    Recording recording;

    @Autowired
    Recording batchIngest;

    @Autowired
    RecordReview review;

    @Autowired
    Points points;

    @Autowired
    Badges badges;

    @Autowired
    Ledger ledger;

    @Autowired
    Organisations organisations;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    void publish(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    @Test
    void aCreditEarnsPointsByTheRulesAndSaysWhy() {
        var me = AccountFixtures.person(registration, jdbc);
        var receipt = record(
                recording,
                me.id(),
                "CYCLE_INSTEAD_OF_CAR",
                "5",
                "km",
                OffsetDateTime.now().minusHours(1));
        var entry = awaitEntries(points, me.id(), 1).getFirst();
        long grams = receipt.reductionGrams();

        // A newcomer's self-reported credit: (5 + floor(kg × 10)) × 1 × 2
        assertThat(entry.kind()).isEqualTo(PointsEntry.Kind.EARNED);
        assertThat(entry.points()).isEqualTo((5 + grams * 10 / 1000) * 2);
        assertThat(entry.recordId()).isEqualTo(receipt.id());
        assertThat(entry.reason().grams()).isEqualTo(grams);
        assertThat(entry.reason().evidence()).isEqualTo("SELF_REPORT");
        assertThat(entry.reason().newcomerMultiplier()).isEqualByComparingTo("2");
        assertThat(entry.rulesVersion()).isEqualTo("points-2026.11");
        assertThat(points.summary(me.id()).balance()).isEqualTo(entry.points());

        // The first credited ride earns its badge.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> badges.of(me.id()).stream().anyMatch(b -> b.code().equals("FIRST_RIDE")));

        // The API explains it in the caller's language.
        var api = new ApiClient(port);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        var english = api.get(
                        "/api/v1/account/points", "Authorization", ApiClient.bearer(token), "Accept-Language", "en")
                .json();
        assertThat(english.get("balance").asLong()).isEqualTo(entry.points());
        assertThat(english.get("entries").get(0).get("explanation").asString())
                .contains("5 base points")
                .contains("newcomer bonus")
                .contains("points-2026.11");
        var chinese = api.get(
                        "/api/v1/account/points", "Authorization", ApiClient.bearer(token), "Accept-Language", "zh-CN")
                .json();
        assertThat(chinese.get("entries").get(0).get("explanation").asString())
                .contains("基础分")
                .contains("新人奖励");
    }

    @Test
    void creditsArrivingTogetherEarnWhatTheyWouldOneByOne() {
        var together = AccountFixtures.person(registration, jdbc);
        var oneByOne = AccountFixtures.person(registration, jdbc);
        // Twelve metro trips on one day: more than the behaviour's daily cap of points allows.
        var day = OffsetDateTime.now(SHANGHAI)
                .minusDays(1)
                .withHour(7)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var lines = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            var at = day.plusMinutes(70L * i);
            lines.append("{\"key\":\"metro-trip-")
                    .append(i)
                    .append("\",\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":12,")
                    .append("\"unit\":\"km\",\"occurredAt\":\"")
                    .append(at)
                    .append("\",\"region\":\"CN-SH\"}\n");
            record(recording, oneByOne.id(), "METRO_INSTEAD_OF_CAR", "12", "km", at);
        }
        var result = batchIngest.ingestJsonLines(together.id(), lines.toString(), Recording.Channel.API);
        assertThat(result.credited()).as(result.results().toString()).isEqualTo(12);

        var grouped = awaitEntries(points, together.id(), 12);
        var sequential = awaitEntries(points, oneByOne.id(), 12);
        assertThat(grouped.stream().map(PointsEntry::points).sorted().toList())
                .isEqualTo(sequential.stream().map(PointsEntry::points).sorted().toList());
        assertThat(grouped.stream().mapToLong(PointsEntry::points).sum()).isEqualTo(150);
        assertThat(grouped).anyMatch(e -> e.points() == 0);
        assertThat(points.summary(together.id()).balance())
                .isEqualTo(points.summary(oneByOne.id()).balance());
    }

    @Test
    void aReplayedCreditEventEarnsNothingMore() {
        var me = AccountFixtures.person(registration, jdbc);
        var receipt = record(
                recording,
                me.id(),
                "BUS_INSTEAD_OF_CAR",
                "7.5",
                "km",
                OffsetDateTime.now().minusHours(1));
        awaitEntries(points, me.id(), 1);
        long balance = points.summary(me.id()).balance();

        var entry = ledger.entry(me.id(), receipt.ledgerEntryId()).orElseThrow();
        var replay = new ReductionCredited(
                entry.id(),
                me.id(),
                receipt.id(),
                entry.behaviour(),
                entry.category(),
                entry.grams(),
                entry.methodologyVersion(),
                "CN-SH",
                "SELF_REPORT",
                entry.occurredAt(),
                entry.bookedAt());
        // Delivered again twice, one after the other, as the publication registry redelivers after a failure or
        // restart.
        // (Identical events in flight at the same time would share one publication row, so each waits for the last.)
        awaitHandled(entry.id());
        publish(new ReductionsCredited(List.of(replay)));
        awaitHandled(entry.id());
        publish(new ReductionsCredited(List.of(replay)));
        awaitHandled(entry.id());

        assertThat(points.entries(me.id(), 100)).hasSize(1);
        assertThat(points.summary(me.id()).balance()).isEqualTo(balance);
    }

    /** Waits until every publication of events naming this entry has been handled. */
    void awaitHandled(UUID entryId) {
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofMillis(200))
                .until(() -> count(
                                jdbc,
                                "select count(*) from event_publication where completion_date is null and serialized_event like ?",
                                "%" + entryId + "%")
                        == 0);
    }

    @Test
    void aDailyCapPerBehaviourStopsFarming() {
        var me = AccountFixtures.person(registration, jdbc);
        LocalDate yesterday = LocalDate.now(SHANGHAI).minusDays(1);
        for (int hour = 8; hour < 14; hour++) {
            record(
                    recording,
                    me.id(),
                    "METRO_INSTEAD_OF_CAR",
                    "12",
                    "km",
                    yesterday.atTime(hour, 0).atZone(SHANGHAI).toOffsetDateTime());
        }
        var entries = awaitEntries(points, me.id(), 6);
        long total = entries.stream().mapToLong(PointsEntry::points).sum();
        assertThat(total).isEqualTo(150);
        assertThat(entries).anySatisfy(e -> assertThat(e.reason().cap()).isEqualTo(PointsReason.Cap.BEHAVIOUR));
        // A different behaviour the same day still earns.
        record(
                recording,
                me.id(),
                "BUS_INSTEAD_OF_CAR",
                "7.5",
                "km",
                yesterday.atTime(15, 0).atZone(SHANGHAI).toOffsetDateTime());
        assertThat(awaitEntries(points, me.id(), 7).getFirst().points()).isPositive();
    }

    @Test
    void aReversedCreditTakesItsPointsBackButNeverBelowZero() {
        var me = AccountFixtures.person(registration, jdbc);
        var kept = record(
                recording,
                me.id(),
                "METRO_INSTEAD_OF_CAR",
                "12",
                "km",
                OffsetDateTime.now().minusHours(2));
        var withdrawn = record(
                recording,
                me.id(),
                "BUS_INSTEAD_OF_CAR",
                "7.5",
                "km",
                OffsetDateTime.now().minusHours(1));
        var entries = awaitEntries(points, me.id(), 2);
        long earnedByWithdrawn = entries.stream()
                .filter(e -> withdrawn.id().equals(e.recordId()))
                .findFirst()
                .orElseThrow()
                .points();
        long lifetime = points.summary(me.id()).lifetimeEarned();

        review.reverse(me, me.id(), withdrawn.id(), "entered twice");
        var clawback = awaitEntries(points, me.id(), 3).getFirst();
        assertThat(clawback.kind()).isEqualTo(PointsEntry.Kind.CLAWBACK);
        assertThat(clawback.points()).isEqualTo(-earnedByWithdrawn);
        assertThat(clawback.reason().note()).isNull();
        assertThat(points.summary(me.id()).lifetimeEarned()).isEqualTo(lifetime - earnedByWithdrawn);

        // Spend everything, then withdraw the other record: the claw-back stops at zero and says so.
        long balance = points.summary(me.id()).balance();
        transactions.executeWithoutResult(s -> {
            points.lock(me.id());
            points.append(
                    me.id(),
                    PointsEntry.Kind.REDEEMED,
                    -balance,
                    0,
                    "TEST_SPEND",
                    UUID.randomUUID(),
                    null,
                    null,
                    null,
                    PointsReason.redemption(UUID.randomUUID(), "spent in a test", UUID.randomUUID(), null));
        });
        review.reverse(me, me.id(), kept.id(), "not mine");
        var partly = awaitEntries(points, me.id(), 5).getFirst();
        assertThat(partly.kind()).isEqualTo(PointsEntry.Kind.CLAWBACK);
        assertThat(partly.points()).isZero();
        assertThat(partly.reason().note()).isEqualTo(PointsReason.Note.PARTLY_SPENT);
        assertThat(points.summary(me.id()).balance()).isZero();
        // The withdrawn days no longer make a streak.
        assertThat(points.summary(me.id()).streak().current()).isZero();
    }

    @Test
    void sevenDaysInARowMakeAStreakAndItsBadge() {
        var me = AccountFixtures.person(registration, jdbc);
        LocalDate today = LocalDate.now(SHANGHAI);
        for (int daysAgo = 6; daysAgo >= 0; daysAgo--) {
            var when = today.minusDays(daysAgo)
                    .atTime(LocalTime.of(7, 30))
                    .atZone(SHANGHAI)
                    .toOffsetDateTime();
            if (when.toInstant().isAfter(Instant.now())) {
                when = OffsetDateTime.now().minusMinutes(5);
            }
            record(recording, me.id(), "WALK_INSTEAD_OF_CAR", "2", "km", when);
        }
        awaitEntries(points, me.id(), 7);
        var streak = points.summary(me.id()).streak();
        assertThat(streak.current()).isEqualTo(7);
        assertThat(streak.longest()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> badges.of(me.id()).stream().anyMatch(b -> b.code().equals("STREAK_7")));
        assertThat(badges.of(me.id())).noneMatch(b -> b.code().equals("STREAK_30"));
    }

    @Test
    void aCampaignMultiplierSetByItsOrganiserAppliesToItsMembers() {
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var outsider = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var ngo = organisations.create("Car-free NGO " + UUID.randomUUID(), Organisations.Kind.NGO);
        organisations.addMember(ngo.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        var member = AccountFixtures.person(registration, jdbc);
        UUID campaign = UUID.randomUUID();
        LocalDate today = LocalDate.now(SHANGHAI);
        publish(new CampaignLaunched(
                campaign,
                ngo.id(),
                "Cycling month",
                List.of("CYCLE_INSTEAD_OF_CAR"),
                today.minusDays(3),
                today.plusDays(3),
                "CN"));
        publish(new CampaignJoined(campaign, member.id(), null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        count(jdbc, "select count(*) from incentive_campaign_member where campaign_id = ?", campaign)
                                == 1);

        var api = new ApiClient(port);
        String organiserToken = api.token(organiser.email(), AccountFixtures.PASSWORD);
        String outsiderToken = api.token(outsider.email(), AccountFixtures.PASSWORD);
        String path = "/api/v1/incentives/campaigns/" + campaign + "/multiplier";
        var refused = put(api, path, "{\"multiplier\":2}", outsiderToken);
        assertThat(refused.status()).isEqualTo(404);
        var tooHigh = put(api, path, "{\"multiplier\":3.5}", organiserToken);
        assertThat(tooHigh.status()).isEqualTo(422);
        assertThat(tooHigh.json().get("type").asString()).endsWith("/multiplier-out-of-range");
        assertThat(put(api, path, "{\"multiplier\":1.5}", organiserToken).status())
                .isEqualTo(200);

        var ride = record(
                recording,
                member.id(),
                "CYCLE_INSTEAD_OF_CAR",
                "6",
                "km",
                OffsetDateTime.now().minusHours(1));
        var walk = record(
                recording,
                member.id(),
                "WALK_INSTEAD_OF_CAR",
                "2",
                "km",
                OffsetDateTime.now().minusMinutes(30));
        var entries = awaitEntries(points, member.id(), 2);
        var rideEntry = entries.stream()
                .filter(e -> ride.id().equals(e.recordId()))
                .findFirst()
                .orElseThrow();
        var walkEntry = entries.stream()
                .filter(e -> walk.id().equals(e.recordId()))
                .findFirst()
                .orElseThrow();
        assertThat(rideEntry.reason().campaignId()).isEqualTo(campaign);
        assertThat(rideEntry.reason().campaignMultiplier()).isEqualByComparingTo("1.5");
        assertThat(rideEntry.points()).isEqualTo((5 + ride.reductionGrams() * 10 / 1000) * 3); // × 1.5 × 2 (newcomer)
        assertThat(walkEntry.reason().campaignId())
                .as("outside the campaign's behaviours")
                .isNull();

        // Someone who did not join earns no multiplier for the same ride.
        var other = AccountFixtures.person(registration, jdbc);
        record(
                recording,
                other.id(),
                "CYCLE_INSTEAD_OF_CAR",
                "6",
                "km",
                OffsetDateTime.now().minusHours(1));
        assertThat(awaitEntries(points, other.id(), 1).getFirst().reason().campaignId())
                .isNull();
    }

    ApiClient.Response put(ApiClient api, String path, String body, String token) {
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json"),
                "Authorization",
                ApiClient.bearer(token));
    }

    @Test
    void badgesComeFromStoriesEventsAndCommunitiesAndAreNeverAwardedTwice() {
        var me = AccountFixtures.person(registration, jdbc);
        UUID organisation = UUID.randomUUID();
        publish(new StoryPublished(UUID.randomUUID(), me.id(), null, null, Instant.now()));
        publish(new CommunityJoined(UUID.randomUUID(), organisation, me.id(), Instant.now()));
        UUID sameEvent = UUID.randomUUID();
        for (int i = 0; i < 9; i++) {
            publish(new AttendeeCheckedIn(UUID.randomUUID(), organisation, me.id(), Instant.now()));
        }
        publish(new AttendeeCheckedIn(sameEvent, organisation, me.id(), Instant.now()));
        publish(new AttendeeCheckedIn(sameEvent, organisation, me.id(), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> badges.of(me.id()).size() == 3);
        assertThat(badges.of(me.id()))
                .extracting(Badges.Award::code)
                .containsExactlyInAnyOrder("FIRST_STORY", "COMMUNITY_MEMBER", "TEN_EVENTS");

        // Re-evaluating never awards twice.
        badges.reevaluateAll();
        assertThat(badges.evaluate(me.id())).isZero();
        assertThat(count(jdbc, "select count(*) from badge_award where user_id = ?", me.id()))
                .isEqualTo(3);

        // An award lost from the table is found again from the data, once.
        jdbc.sql("delete from badge_award where user_id = ? and badge_code = 'TEN_EVENTS'")
                .param(me.id())
                .update();
        assertThat(badges.evaluate(me.id())).isEqualTo(1);
        assertThat(badges.evaluate(me.id())).isZero();
        assertThat(count(jdbc, "select count(*) from badge_award where user_id = ?", me.id()))
                .isEqualTo(3);

        // Administrators can re-evaluate everyone through the API; others may not.
        var api = new ApiClient(port);
        var admin = AccountFixtures.person(registration, jdbc, Role.ADMIN);
        var adminCall = api.post(
                "/api/v1/incentives/badges/reevaluation",
                "{}",
                "Authorization",
                ApiClient.bearer(api.token(admin.email(), AccountFixtures.PASSWORD)));
        assertThat(adminCall.status()).isEqualTo(200);
        assertThat(adminCall.json().get("people").asInt()).isPositive();
        assertThat(api.post(
                                "/api/v1/incentives/badges/reevaluation",
                                "{}",
                                "Authorization",
                                ApiClient.bearer(api.token(me.email(), AccountFixtures.PASSWORD)))
                        .status())
                .isEqualTo(403);
        assertThat(count(jdbc, "select count(*) from badge_award where user_id = ?", me.id()))
                .isEqualTo(3);
    }

    @Test
    void pointsEntriesAreAppendOnly() {
        var me = AccountFixtures.person(registration, jdbc);
        record(
                recording,
                me.id(),
                "BUS_INSTEAD_OF_CAR",
                "5",
                "km",
                OffsetDateTime.now().minusHours(1));
        awaitEntries(points, me.id(), 1);
        assertThatThrownBy(() -> jdbc.sql("update points_entry set points = 1000 where user_id = ?")
                        .param(me.id())
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from points_entry where user_id = ?")
                        .param(me.id())
                        .update())
                .hasMessageContaining("append-only");
    }
}
