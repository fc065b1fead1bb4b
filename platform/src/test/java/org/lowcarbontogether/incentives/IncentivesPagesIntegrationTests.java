package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lowcarbontogether.incentives.IncentivesFixtures.count;
import static org.lowcarbontogether.incentives.IncentivesFixtures.draft;
import static org.lowcarbontogether.incentives.IncentivesFixtures.earnSomePoints;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.platform.Refusals;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incentives pages in both languages: participants see their points with reasons, badges, the catalogue and
 * their redemptions; sponsors manage only their own organisation's rewards; campus leaderboards rank fairly.
 */
@IntegrationTest
class IncentivesPagesIntegrationTests {

    @LocalServerPort
    int port;

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
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    record Sponsor(AuthenticatedUser organiser, Organisations.Organisation organisation, WebSession pages) {}

    Sponsor sponsor(Organisations.Kind kind) {
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var organisation = organisations.create("Org " + UUID.randomUUID(), kind);
        organisations.addMember(organisation.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        return new Sponsor(
                organiser, organisation, new WebSession(port).signIn(organiser.email(), AccountFixtures.PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/rewards", "/incentives/rules"})
    void publicPagesRenderInBothLanguages(String path) {
        var api = new ApiClient(port);
        var english = api.get(path, "Accept-Language", "en");
        var chinese = api.get(path, "Accept-Language", "zh-CN");
        assertThat(english.status()).isEqualTo(200);
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(english.body()).contains("lang=\"en\"").contains("Rewards");
        assertThat(chinese.body()).contains("lang=\"zh-CN\"").contains("奖励");
    }

    @Test
    void theRulesPageShowsTheVersionLevelsAndBadgeCriteria() {
        var page = new ApiClient(port)
                .get("/incentives/rules", "Accept-Language", "en")
                .body();
        assertThat(page)
                .contains("points-2026.11")
                .contains("Seedling")
                .contains("Forest")
                .contains("30-day streak")
                .contains("Your first credited bicycle")
                .contains("at most 150 points per behaviour");
        assertThat(new ApiClient(port)
                        .get("/incentives/rules", "Accept-Language", "zh-CN")
                        .body())
                .contains("连续 30 天")
                .contains("新芽");
    }

    @Test
    void aParticipantSeesWhyTheyGotPointsRedeemsOnThePageAndSeesTheRedemption() {
        var participant = AccountFixtures.person(registration, jdbc);
        long balance = earnSomePoints(recording, points, participant.id());
        var sponsor = sponsor(Organisations.Kind.ENTERPRISE);
        var voucher = rewards.create(
                sponsor.organiser().id(), sponsor.organisation().id(), draft(Rewards.Kind.VOUCHER, 5, null));
        rewards.uploadCodes(sponsor.organiser().id(), voucher.id(), new StringReader("PAGE-CODE-1\n"));
        var dear = rewards.create(
                sponsor.organiser().id(), sponsor.organisation().id(), draft(Rewards.Kind.GOODS, balance + 100, 1));

        var pages = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        var pointsPage = pages.get("/account/points");
        assertThat(pointsPage.status()).isEqualTo(200);
        assertThat(pointsPage.body())
                .contains("id=\"points-balance\">" + balance + "<")
                .contains("Why you got these points")
                .contains("base points")
                .contains("newcomer bonus")
                .contains("METRO_INSTEAD_OF_CAR");
        assertThat(pages.get("/account/badges").body()).contains("First ride").contains("Not yet earned");

        var catalogue = pages.get("/rewards").body();
        assertThat(catalogue).contains("reward-" + voucher.id()).contains("redeem-" + voucher.id());
        assertThat(catalogue)
                .doesNotContain("redeem-" + dear.id())
                .contains("This reward costs " + String.format("%,d", balance + 100));
        String key = keyOf(catalogue, voucher.id());

        var redeemed = pages.post("/rewards/" + voucher.id() + "/redeem", Map.of("idempotencyKey", key));
        assertThat(redeemed.status()).isEqualTo(302);
        assertThat(redeemed.location()).contains("/account/redemptions?redeemed=");
        // A double submit of the same form redeems once.
        assertThat(pages.post("/rewards/" + voucher.id() + "/redeem", Map.of("idempotencyKey", key))
                        .status())
                .isEqualTo(302);
        assertThat(count(jdbc, "select count(*) from redemption where user_id = ?", participant.id()))
                .isEqualTo(1);
        var mine = pages.get("/account/redemptions");
        assertThat(mine.body()).contains("PAGE-CODE-1").doesNotContain("Cancel and get the points back");

        // Sold out now: the page says so instead of offering the button.
        var refused = pages.post(
                "/rewards/" + voucher.id() + "/redeem",
                Map.of("idempotencyKey", UUID.randomUUID().toString()));
        assertThat(refused.location()).endsWith("/rewards");
        assertThat(pages.get("/rewards").body()).contains("This reward has run out.");
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 5);

        var chinese =
                new ApiClient(port).get("/rewards", "Accept-Language", "zh-CN").body();
        assertThat(chinese).contains("兑换券");
    }

    private static String keyOf(String page, UUID rewardId) {
        var matcher = Pattern.compile(
                        "/rewards/" + rewardId
                                + "/redeem\" method=\"post\">\\s*<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"/?>?\\s*"
                                + "<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]+)\"",
                        Pattern.DOTALL)
                .matcher(page);
        if (matcher.find()) {
            return matcher.group(1);
        }
        var loose = Pattern.compile(
                        "/rewards/" + rewardId + "/redeem\".*?name=\"idempotencyKey\" value=\"([^\"]+)\"",
                        Pattern.DOTALL)
                .matcher(page);
        assertThat(loose.find()).as("the redeem form carries a key").isTrue();
        return loose.group(1);
    }

    @Test
    void aSponsorListsARewardWithFieldErrorsFirstAndThenSeesItsRedemptions() {
        var sponsor = sponsor(Organisations.Kind.NGO);
        assertThat(sponsor.pages().get("/sponsor/rewards").body()).contains("List a reward");
        assertThat(sponsor.pages().get("/sponsor/rewards/new").status()).isEqualTo(200);

        Map<String, String> form = new HashMap<>(Map.of(
                "organisationId",
                sponsor.organisation().id().toString(),
                "kind",
                "GOODS",
                "nameEn",
                "Reusable cup",
                "nameZh",
                "",
                "descriptionEn",
                "A steel cup.",
                "descriptionZh",
                "不锈钢杯。",
                "costPoints",
                "0",
                "stock",
                "",
                "validFrom",
                LocalDate.now().toString(),
                "validUntil",
                LocalDate.now().minusDays(1).toString()));
        form.put("minLevel", "1");
        var invalid = sponsor.pages().post("/sponsor/rewards", form);
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("Fill this in.")
                .contains("Enter a whole number of points from 1 to")
                .contains("Enter the stock; only donations")
                .contains("The last day must be on or after the first.");

        form.putAll(Map.of(
                "nameZh",
                "环保杯",
                "costPoints",
                "10",
                "stock",
                "25",
                "validUntil",
                LocalDate.now().plusDays(60).toString()));
        var created = sponsor.pages().post("/sponsor/rewards", form);
        assertThat(created.status()).isEqualTo(302);
        UUID rewardId = UUID.fromString(created.location().replaceAll(".*/sponsor/rewards/([0-9a-f-]{36}).*", "$1"));
        var detail = sponsor.pages().get("/sponsor/rewards/" + rewardId);
        assertThat(detail.body()).contains("Reusable cup").contains("25 left").contains("Export as CSV");

        form.put("stock", "30");
        assertThat(sponsor.pages().post("/sponsor/rewards/" + rewardId, form).status())
                .isEqualTo(302);
        assertThat(count(jdbc, "select stock from reward where id = ?", rewardId))
                .isEqualTo(30);

        var participant = AccountFixtures.person(registration, jdbc);
        earnSomePoints(recording, points, participant.id());
        redemptions.redeem(
                participant.id(), "Cup Fan", rewardId, UUID.randomUUID().toString());
        assertThat(sponsor.pages().get("/sponsor/rewards/" + rewardId).body())
                .contains("Cup Fan")
                .contains("29 left");
        assertThat(sponsor.pages()
                        .get("/sponsor/rewards/" + rewardId + "/redemptions.csv")
                        .body())
                .contains("Cup Fan");
    }

    @Test
    void anotherOrganisationsOrganiserCannotTouchARewardItsCodesRedemptionsOrCampaign() {
        var owner = sponsor(Organisations.Kind.ENTERPRISE);
        var intruder = sponsor(Organisations.Kind.ENTERPRISE);
        var reward =
                rewards.create(owner.organiser().id(), owner.organisation().id(), draft(Rewards.Kind.VOUCHER, 1, null));
        rewards.uploadCodes(owner.organiser().id(), reward.id(), new StringReader("OWNED-1\nOWNED-2\n"));
        var participant = AccountFixtures.person(registration, jdbc);
        earnSomePoints(recording, points, participant.id());
        var redemption = redemptions
                .redeem(
                        participant.id(),
                        "Owner Fan",
                        reward.id(),
                        UUID.randomUUID().toString())
                .redemption();

        // reward: page, edit, export, cancel a redemption, upload codes — all "not found" for the intruder
        assertThat(intruder.pages().get("/sponsor/rewards/" + reward.id()).status())
                .isEqualTo(404);
        assertThat(intruder.pages().get("/sponsor/rewards").body())
                .doesNotContain(reward.id().toString());
        var edit = intruder.pages()
                .post(
                        "/sponsor/rewards/" + reward.id(),
                        Map.of(
                                "nameEn",
                                "Hijacked",
                                "nameZh",
                                "劫持",
                                "descriptionEn",
                                "x",
                                "descriptionZh",
                                "x",
                                "costPoints",
                                "1",
                                "validFrom",
                                LocalDate.now().toString(),
                                "validUntil",
                                LocalDate.now().plusDays(1).toString()));
        assertThat(edit.status()).isEqualTo(404);
        assertThat(intruder.pages()
                        .get("/sponsor/rewards/" + reward.id() + "/redemptions.csv")
                        .status())
                .isEqualTo(404);
        assertThat(intruder.pages()
                        .post(
                                "/sponsor/rewards/" + reward.id() + "/redemptions/" + participant.id() + "/"
                                        + redemption.id() + "/cancel",
                                Map.of())
                        .status())
                .isEqualTo(404);
        assertThatThrownBy(
                        () -> rewards.uploadCodes(intruder.organiser().id(), reward.id(), new StringReader("EVIL-1\n")))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        e -> assertThat(Refusals.status(e).value()).isEqualTo(404));
        assertThatThrownBy(() -> redemptions.ofReward(intruder.organiser().id(), reward.id()))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        e -> assertThat(Refusals.status(e).value()).isEqualTo(404));
        // listing a reward for someone else's organisation is forbidden
        var foreign = intruder.pages()
                .post(
                        "/sponsor/rewards",
                        Map.of(
                                "organisationId",
                                owner.organisation().id().toString(),
                                "kind",
                                "GOODS",
                                "nameEn",
                                "Fake",
                                "nameZh",
                                "假",
                                "descriptionEn",
                                "x",
                                "descriptionZh",
                                "x",
                                "costPoints",
                                "1",
                                "stock",
                                "1",
                                "validFrom",
                                LocalDate.now().toString(),
                                "validUntil",
                                LocalDate.now().plusDays(1).toString()));
        assertThat(foreign.status()).isEqualTo(403);
        // campaign multiplier on the owner's campaign
        UUID campaign = UUID.randomUUID();
        transactions.executeWithoutResult(s -> events.publishEvent(new CampaignLaunched(
                campaign,
                owner.organisation().id(),
                "Owner’s campaign",
                List.of(),
                LocalDate.now(),
                LocalDate.now().plusDays(7),
                null)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        count(jdbc, "select count(*) from incentive_campaign where campaign_id = ?", campaign) == 1);
        assertThat(intruder.pages()
                        .post("/incentives/campaigns/" + campaign + "/multiplier", Map.of("multiplier", "3"))
                        .status())
                .isEqualTo(404);
        assertThat(intruder.pages().get("/incentives/campaigns").body()).doesNotContain("Owner’s campaign");
        var ownerCampaigns = owner.pages().get("/incentives/campaigns").body();
        assertThat(ownerCampaigns).contains("Owner’s campaign");
        var outOfRange =
                owner.pages().post("/incentives/campaigns/" + campaign + "/multiplier", Map.of("multiplier", "9"));
        assertThat(outOfRange.status()).isEqualTo(200);
        assertThat(outOfRange.body()).contains("Enter a multiplier from 1 to 3");
        assertThat(owner.pages()
                        .post("/incentives/campaigns/" + campaign + "/multiplier", Map.of("multiplier", "2.5"))
                        .status())
                .isEqualTo(302);

        // nothing the intruder tried changed anything
        assertThat(count(jdbc, "select count(*) from voucher_code where reward_id = ?", reward.id()))
                .isEqualTo(2);
        assertThat(redemptions
                        .find(participant.id(), redemption.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Redemption.Status.ISSUED);
        assertThat(rewards.find(reward.id()).orElseThrow().name().en()).isNotEqualTo("Hijacked");
        // the owner sees it all
        assertThat(owner.pages().get("/sponsor/rewards/" + reward.id()).body())
                .contains("2 codes uploaded, 1 issued")
                .contains("Owner Fan");
    }

    @Test
    void theCampusLeaderboardRanksByPointsPerMemberAndShowsMembersToTheirCampus() {
        var bigCampus = organisations.create("Big Campus " + UUID.randomUUID(), Organisations.Kind.CAMPUS_ASSOCIATION);
        var smallCampus =
                organisations.create("Small Campus " + UUID.randomUUID(), Organisations.Kind.CAMPUS_ASSOCIATION);
        var active = AccountFixtures.person(registration, jdbc);
        earnSomePoints(recording, points, active.id());
        organisations.addMember(smallCampus.id(), active.id(), Organisations.MemberRole.MEMBER);
        var alsoActive = AccountFixtures.person(registration, jdbc);
        earnSomePoints(recording, points, alsoActive.id());
        organisations.addMember(bigCampus.id(), alsoActive.id(), Organisations.MemberRole.MEMBER);
        for (int i = 0; i < 3; i++) {
            organisations.addMember(
                    bigCampus.id(), AccountFixtures.person(registration, jdbc).id(), Organisations.MemberRole.MEMBER);
        }

        var board = new CampusLeaderboard(jdbc, organisations)
                .campuses(LocalDate.now().minusDays(2), LocalDate.now().plusDays(1));
        var small = board.stream()
                .filter(r -> r.campusId().equals(smallCampus.id()))
                .findFirst()
                .orElseThrow();
        var big = board.stream()
                .filter(r -> r.campusId().equals(bigCampus.id()))
                .findFirst()
                .orElseThrow();
        // Both earned the same points; the small campus has one member, the big one four: small ranks higher per
        // member.
        assertThat(small.points()).isEqualTo(big.points());
        assertThat(small.pointsPerMember()).isGreaterThan(big.pointsPerMember());
        assertThat(small.rank()).isLessThan(big.rank());
        assertThat(big.members()).isEqualTo(4);
        assertThat(big.activeMembers()).isEqualTo(1);

        var pages = new WebSession(port).signIn(alsoActive.email(), AccountFixtures.PASSWORD);
        var page = pages.get("/incentives/leaderboard?campus=" + bigCampus.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(bigCampus.name())
                .contains(smallCampus.name())
                .contains("campus-members");
        // Members of another campus see the campus ranking, not its members.
        assertThat(pages.get("/incentives/leaderboard?campus=" + smallCampus.id())
                        .status())
                .isEqualTo(404);
        var api = new ApiClient(port);
        var json = api.get(
                "/api/v1/incentives/leaderboards/campus",
                "Authorization",
                ApiClient.bearer(api.token(active.email(), AccountFixtures.PASSWORD)));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).contains(smallCampus.id().toString());
    }
}
