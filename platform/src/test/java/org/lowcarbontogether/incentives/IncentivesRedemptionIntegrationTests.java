package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.incentives.IncentivesFixtures.count;
import static org.lowcarbontogether.incentives.IncentivesFixtures.draft;
import static org.lowcarbontogether.incentives.IncentivesFixtures.earnSomePoints;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Role;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Redemption over the API: the catalogue is public; a redemption spends points once per key; every refusal (points,
 * stock, validity, eligibility) is a clear problem and changes nothing; cancelling returns the points through an entry.
 */
@IntegrationTest
class IncentivesRedemptionIntegrationTests {

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
    JdbcClient jdbc;

    ApiClient api;
    AuthenticatedUser sponsor;
    Organisations.Organisation sponsorOrganisation;
    AuthenticatedUser participant;
    String token;
    long balance;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sponsor = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        sponsorOrganisation = organisations.create("Sponsor " + UUID.randomUUID(), Organisations.Kind.ENTERPRISE);
        organisations.addMember(sponsorOrganisation.id(), sponsor.id(), Organisations.MemberRole.ORGANISER);
        participant = AccountFixtures.person(registration, jdbc);
        token = api.token(participant.email(), AccountFixtures.PASSWORD);
        balance = earnSomePoints(recording, points, participant.id());
        assertThat(balance).isPositive();
    }

    Rewards.Reward reward(Rewards.Kind kind, long cost, Integer stock) {
        return rewards.create(sponsor.id(), sponsorOrganisation.id(), draft(kind, cost, stock));
    }

    ApiClient.Response redeem(UUID rewardId, String key) {
        return api.post(
                "/api/v1/rewards/" + rewardId + "/redemptions",
                "",
                "Authorization",
                ApiClient.bearer(token),
                "Idempotency-Key",
                key,
                "Accept-Language",
                "en");
    }

    long stock(UUID rewardId) {
        return count(jdbc, "select stock from reward where id = ?", rewardId);
    }

    long redemptionsOf(UUID rewardId) {
        return count(jdbc, "select count(*) from redemption where reward_id = ?", rewardId);
    }

    @Test
    void theCatalogueIsPublicAndTellsASignedInParticipantWhetherTheyMayRedeem() {
        var cheap = reward(Rewards.Kind.GOODS, 1, 5);
        var dear = reward(Rewards.Kind.EXPERIENCE, balance + 1, 5);
        var anonymous = api.get("/api/v1/rewards");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains(cheap.id().toString()).contains("测试奖励");
        assertThat(api.get("/api/v1/incentives/rules")
                        .json()
                        .get("current")
                        .get("version")
                        .asString())
                .isEqualTo("points-2026.11");

        var mine = api.get("/api/v1/rewards", "Authorization", ApiClient.bearer(token));
        for (var item : mine.json()) {
            String id = item.get("reward").get("id").asString();
            if (id.equals(cheap.id().toString())) {
                assertThat(item.get("eligibility").get("eligible").asBoolean()).isTrue();
            }
            if (id.equals(dear.id().toString())) {
                assertThat(item.get("eligibility").get("reason").asString()).isEqualTo("insufficient-points");
            }
        }
    }

    @Test
    void aKeyUsedForARecordIsANewKeyForARedemption() {
        String key = "shared-" + UUID.randomUUID();
        var recorded = api.post(
                "/api/v1/records",
                """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":5,"unit":"km","occurredAt":"%s","region":"CN-SH"}""".formatted(OffsetDateTime.now().minusMinutes(5)),
                "Authorization",
                ApiClient.bearer(token),
                "Idempotency-Key",
                key);
        assertThat(recorded.status()).isEqualTo(201);
        var reward = reward(Rewards.Kind.GOODS, 1, 3);
        var redeemed = redeem(reward.id(), key);
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        assertThat(redeemed.header("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void aRedemptionSpendsPointsOnceAndAReplayReturnsTheOriginal() {
        var reward = reward(Rewards.Kind.GOODS, 10, 3);
        String key = UUID.randomUUID().toString();
        var first = redeem(reward.id(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(first.json().get("balanceAfter").asLong()).isEqualTo(balance - 10);

        var replay = redeem(reward.id(), key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(replay.json().get("reference").asString())
                .isEqualTo(first.json().get("reference").asString());

        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 10);
        assertThat(stock(reward.id())).isEqualTo(2);
        assertThat(redemptionsOf(reward.id())).isEqualTo(1);
        var spent = points.entries(participant.id(), 10).getFirst();
        assertThat(spent.kind()).isEqualTo(PointsEntry.Kind.REDEEMED);
        assertThat(spent.points()).isEqualTo(-10);

        // The same key for another reward is a different request.
        var other = reward(Rewards.Kind.GOODS, 10, 3);
        assertThat(redeem(other.id(), key).status()).isEqualTo(422);
        // The key is required.
        assertThat(api.post(
                                "/api/v1/rewards/" + reward.id() + "/redemptions",
                                "",
                                "Authorization",
                                ApiClient.bearer(token))
                        .status())
                .isEqualTo(400);
        // Redeeming needs a signed-in participant.
        assertThat(api.post(
                                "/api/v1/rewards/" + reward.id() + "/redemptions",
                                "",
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void everyRefusalIsAClearProblemAndChangesNothing() {
        var dear = reward(Rewards.Kind.GOODS, balance + 1, 5);
        var insufficient = redeem(dear.id(), UUID.randomUUID().toString());
        assertThat(insufficient.status()).isEqualTo(409);
        assertThat(insufficient.header("Content-Type")).startsWith("application/problem+json");
        assertThat(insufficient.json().get("type").asString()).isEqualTo("/problems/insufficient-points");
        assertThat(insufficient.json().get("detail").asString()).contains("you have " + String.format("%,d", balance));
        assertThat(api.post(
                                "/api/v1/rewards/" + dear.id() + "/redemptions",
                                "",
                                "Authorization",
                                ApiClient.bearer(token),
                                "Idempotency-Key",
                                UUID.randomUUID().toString(),
                                "Accept-Language",
                                "zh-CN")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("积分不足");

        var lastOne = reward(Rewards.Kind.EVENT_TICKET, 1, 1);
        assertThat(redeem(lastOne.id(), UUID.randomUUID().toString()).status()).isEqualTo(201);
        var soldOut = redeem(lastOne.id(), UUID.randomUUID().toString());
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.json().get("type").asString()).isEqualTo("/problems/out-of-stock");

        var expired = reward(Rewards.Kind.GOODS, 1, 5);
        var past = draft(Rewards.Kind.GOODS, 1, 5);
        rewards.update(
                sponsor.id(),
                expired.id(),
                new Rewards.Draft(
                        past.kind(),
                        past.nameEn(),
                        past.nameZh(),
                        past.descriptionEn(),
                        past.descriptionZh(),
                        1L,
                        5,
                        LocalDate.now().minusDays(30),
                        LocalDate.now().minusDays(2),
                        1,
                        List.of(),
                        null,
                        false,
                        null,
                        null));
        var tooLate = redeem(expired.id(), UUID.randomUUID().toString());
        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(tooLate.json().get("type").asString()).isEqualTo("/problems/reward-expired");

        var forExperts = rewards.create(sponsor.id(), sponsorOrganisation.id(), withEligibility(5, List.of(), null));
        var level = redeem(forExperts.id(), UUID.randomUUID().toString());
        assertThat(level.status()).isEqualTo(422);
        assertThat(level.json().get("type").asString()).isEqualTo("/problems/not-eligible-level");

        var community = rewards.create(
                sponsor.id(), sponsorOrganisation.id(), withEligibility(1, List.of(), UUID.randomUUID()));
        assertThat(redeem(community.id(), UUID.randomUUID().toString())
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/not-eligible-community");

        assertThat(redeem(UUID.randomUUID(), UUID.randomUUID().toString()).status())
                .isEqualTo(404);

        // Nothing changed: the balance is what was earned minus the one ticket; no other redemption exists.
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 1);
        assertThat(count(jdbc, "select count(*) from redemption where user_id = ?", participant.id()))
                .isEqualTo(1);
        assertThat(stock(dear.id())).isEqualTo(5);
        assertThat(stock(expired.id())).isEqualTo(5);
    }

    Rewards.Draft withEligibility(int minLevel, List<Rewards.AgeGroup> ages, UUID community) {
        var d = draft(Rewards.Kind.GOODS, 1, 5);
        return new Rewards.Draft(
                d.kind(),
                d.nameEn(),
                d.nameZh(),
                d.descriptionEn(),
                d.descriptionZh(),
                d.costPoints(),
                d.stock(),
                d.validFrom(),
                d.validUntil(),
                minLevel,
                ages,
                community,
                false,
                null,
                null);
    }

    @Test
    void anAgeGroupRewardAsksForTheAgeGroupFirst() {
        var students = rewards.create(
                sponsor.id(), sponsorOrganisation.id(), withEligibility(1, List.of(Rewards.AgeGroup.AGE_18_24), null));
        assertThat(redeem(students.id(), UUID.randomUUID().toString())
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/not-eligible-age-unknown");
        var set = api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/account/age-group"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"ageGroup\":\"AGE_35_54\"}"))
                        .header("Content-Type", "application/json"),
                "Authorization",
                ApiClient.bearer(token));
        assertThat(set.status()).isEqualTo(200);
        assertThat(redeem(students.id(), UUID.randomUUID().toString())
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/not-eligible-age");
        rewards.setAgeGroup(participant.id(), Rewards.AgeGroup.AGE_18_24);
        assertThat(redeem(students.id(), UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void aCampusRewardIsForThatCampusOnly() {
        var campusOrganiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var campus = organisations.create("Green Campus " + UUID.randomUUID(), Organisations.Kind.CAMPUS_ASSOCIATION);
        organisations.addMember(campus.id(), campusOrganiser.id(), Organisations.MemberRole.ORGANISER);
        var d = draft(Rewards.Kind.CAMPUS_CREDIT, 1, 50);
        var credit = rewards.create(
                campusOrganiser.id(),
                campus.id(),
                new Rewards.Draft(
                        d.kind(),
                        d.nameEn(),
                        d.nameZh(),
                        d.descriptionEn(),
                        d.descriptionZh(),
                        1L,
                        50,
                        d.validFrom(),
                        d.validUntil(),
                        1,
                        List.of(),
                        null,
                        true,
                        null,
                        null));
        assertThat(credit.campusOrganisationId()).isEqualTo(campus.id());
        var refused = redeem(credit.id(), UUID.randomUUID().toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains(campus.name());
        organisations.addMember(campus.id(), participant.id(), Organisations.MemberRole.MEMBER);
        assertThat(redeem(credit.id(), UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void vouchersIssueEachCodeOnceOnlyTheSponsorCancelsOneAndACancelledCodeIsNeverReissued() {
        var voucher = reward(Rewards.Kind.VOUCHER, 2, null);
        var upload = rewards.uploadCodes(
                sponsor.id(), voucher.id(), new StringReader("code\nMETRO-0001\nMETRO-0002\nMETRO-0001\n"));
        assertThat(upload.added()).isEqualTo(2);
        assertThat(rewards.uploadCodes(sponsor.id(), voucher.id(), new StringReader("METRO-0002\nMETRO-0003\n"))
                        .added())
                .isEqualTo(1);
        assertThat(stock(voucher.id())).isEqualTo(3);

        var first = redeem(voucher.id(), UUID.randomUUID().toString()).json();
        assertThat(first.get("voucherCode").asString()).isEqualTo("METRO-0001");
        UUID firstId = UUID.fromString(first.get("id").asString());
        long afterRedeeming = points.summary(participant.id()).balance();
        // The participant has seen the code: cancelling it themselves would make the voucher free.
        var refused = api.post(
                "/api/v1/account/redemptions/" + firstId + "/cancellation",
                "",
                "Authorization",
                ApiClient.bearer(token));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/redemption-final");
        assertThat(points.summary(participant.id()).balance()).isEqualTo(afterRedeeming);
        var cancelled = redemptions.cancelBySponsor(sponsor.id(), voucher.id(), participant.id(), firstId);
        assertThat(cancelled.status()).isEqualTo(Redemption.Status.CANCELLED);
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance);
        assertThat(points.entries(participant.id(), 1).getFirst().kind()).isEqualTo(PointsEntry.Kind.REFUNDED);
        // The code was shown: the stock does not come back and the next redemption gets the next code.
        assertThat(stock(voucher.id())).isEqualTo(2);
        assertThat(redeem(voucher.id(), UUID.randomUUID().toString())
                        .json()
                        .get("voucherCode")
                        .asString())
                .isEqualTo("METRO-0002");
        assertThat(api.post(
                                "/api/v1/account/redemptions/" + firstId + "/cancellation",
                                "",
                                "Authorization",
                                ApiClient.bearer(token))
                        .status())
                .isEqualTo(409);

        String export = redemptions.csv(sponsor.id(), voucher.id());
        assertThat(export.lines().findFirst().orElseThrow()).startsWith("reference,redeemed_at,status");
        assertThat(export).contains("METRO-0001").contains("METRO-0002").contains("CANCELLED");
    }

    @Test
    void aDonationIsMadeOnTheParticipantsBehalfAndAGoodsCancellationReturnsStock() {
        var trees = reward(Rewards.Kind.TREE_PLANTING, 3, null);
        var planted = redeem(trees.id(), UUID.randomUUID().toString()).json();
        assertThat(planted.get("donationAmount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(planted.get("donationRecipient").asString()).isEqualTo("Green River Fund");
        var mine = api.get("/api/v1/account/redemptions", "Authorization", ApiClient.bearer(token))
                .json();
        assertThat(mine.get(0).get("donationRecipient").asString()).isEqualTo("Green River Fund");
        assertThat(redemptions.csv(sponsor.id(), trees.id())).contains("10.00").contains("Green River Fund");

        var goods = reward(Rewards.Kind.GOODS, 4, 2);
        UUID redemption = UUID.fromString(redeem(goods.id(), UUID.randomUUID().toString())
                .json()
                .get("id")
                .asString());
        assertThat(stock(goods.id())).isEqualTo(1);
        redemptions.cancelBySponsor(sponsor.id(), goods.id(), participant.id(), redemption);
        assertThat(stock(goods.id())).isEqualTo(2);
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 3);
        assertThat(points.entries(participant.id(), 1).getFirst().reason().note())
                .isEqualTo(PointsReason.Note.CANCELLED_BY_SPONSOR);
    }

    @Test
    void aParticipantCannotCancelAfterTheWindow() {
        var goods = reward(Rewards.Kind.GOODS, 1, 2);
        UUID redemption = UUID.fromString(redeem(goods.id(), UUID.randomUUID().toString())
                .json()
                .get("id")
                .asString());
        jdbc.sql("update redemption set created_at = now() - interval '2 days' where user_id = ? and id = ?")
                .params(participant.id(), redemption)
                .update();
        var late = api.post(
                "/api/v1/account/redemptions/" + redemption + "/cancellation",
                "",
                "Authorization",
                ApiClient.bearer(token));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asString()).isEqualTo("/problems/cancel-window-passed");
        assertThat(points.summary(participant.id()).balance()).isEqualTo(balance - 1);
    }

    @Test
    void aCertificateIsAPdfWithAVerificationCode() {
        var certificate = reward(Rewards.Kind.CERTIFICATE, 1, null);
        var issued = redeem(certificate.id(), UUID.randomUUID().toString()).json();
        String reference = issued.get("reference").asString();
        var pages = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        var pdf = pages.get("/account/redemptions/" + issued.get("id").asString() + "/certificate");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
        // In the reader's language, the holder's name as they wrote it.
        jdbc.sql("update redemption set holder_name = '李梅' where reference = :r")
                .param("r", reference)
                .update();
        byte[] chinese = pages.bytes("/account/redemptions/" + issued.get("id").asString() + "/certificate", "zh-CN");
        try (var reader = new PdfReader(chinese)) {
            assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("证书", "兹证明", "李梅", reference);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Anyone can verify it, without signing in.
        var verified = api.get("/certificates/" + reference, "Accept-Language", "en");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("Valid:").contains("李梅");
        assertThat(api.get("/certificates/NOSUCHCODE1", "Accept-Language", "en").body())
                .contains("No certificate");
        // Another person cannot download it.
        var other = AccountFixtures.person(registration, jdbc);
        assertThat(new WebSession(port)
                        .signIn(other.email(), AccountFixtures.PASSWORD)
                        .get("/account/redemptions/" + issued.get("id").asString() + "/certificate")
                        .status())
                .isEqualTo(404);
        redemptions.cancelByParticipant(
                participant.id(), UUID.fromString(issued.get("id").asString()));
        assertThat(api.get("/certificates/" + reference, "Accept-Language", "en")
                        .body())
                .contains("was cancelled");
    }
}
