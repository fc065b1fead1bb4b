package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.ledger.StatementVerifier;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Flagging and review, rejection, one claim per real-world event, reversal, verification and statements — over HTTP. */
@IntegrationTest
class LedgerTrustIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        token = api.newParticipantToken();
    }

    static String at(int hoursAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(hoursAgo)
                .withNano(0)
                .withSecond(0)
                .toString();
    }

    ApiClient.Response record(String token, String json) {
        return api.post(
                "/api/v1/records",
                json,
                "Authorization",
                bearer(token),
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    long balance(String token) {
        return api.get("/api/v1/account", "Authorization", bearer(token))
                .json()
                .get("balanceGrams")
                .asLong();
    }

    String reviewerToken() {
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        return api.token(reviewer.email(), AccountFixtures.PASSWORD);
    }

    @Test
    void aDuplicateIsFlaggedHeldForReviewAndCreditedOnlyWhenApproved() {
        String when = at(2);
        String trip =
                "{\"behaviour\":\"BUS_INSTEAD_OF_CAR\",\"quantity\":8,\"unit\":\"km\",\"occurredAt\":\"" + when + "\"}";
        assertThat(record(token, trip).status()).isEqualTo(201);
        long before = balance(token);

        var duplicate = record(token, trip);

        assertThat(duplicate.status()).isEqualTo(202);
        assertThat(duplicate.json().get("status").asString()).isEqualTo("FLAGGED");
        assertThat(duplicate.json().get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("DUPLICATE");
        assertThat(duplicate.json().get("ledgerEntryId").isNull()).isTrue();
        assertThat(balance(token)).as("a flagged record is not credited").isEqualTo(before);

        JsonNode mine =
                api.get("/api/v1/records", "Authorization", bearer(token)).json();
        assertThat(mine.findValuesAsString("status")).contains("FLAGGED", "CREDITED");

        String reviewer = reviewerToken();
        JsonNode queue = api.get("/api/v1/review/records?limit=500", "Authorization", bearer(reviewer))
                .json();
        String recordId = duplicate.json().get("id").asString();
        JsonNode flagged = queue.valueStream()
                .filter(r -> r.get("id").asString().equals(recordId))
                .findFirst()
                .orElseThrow();
        String user = flagged.get("userId").asString();
        assertThat(api.get("/api/v1/review/records", "Authorization", bearer(token))
                        .status())
                .as("participants see no queue")
                .isEqualTo(403);

        var approved = api.post(
                "/api/v1/review/records/" + user + "/" + recordId + "/approve",
                "{\"note\":\"two separate trips\"}",
                "Authorization",
                bearer(reviewer));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("CREDITED");
        assertThat(balance(token))
                .isEqualTo(before + duplicate.json().get("reductionGrams").asLong());

        var again = api.post(
                "/api/v1/review/records/" + user + "/" + recordId + "/approve",
                "{}",
                "Authorization",
                bearer(reviewer));
        assertThat(again.status()).as("approved once only").isEqualTo(409);
    }

    @Test
    void aRejectionTellsTheParticipantWhy() {
        String burstOrCap = "{\"behaviour\":\"WALK_INSTEAD_OF_CAR\",\"quantity\":20,\"unit\":\"km\",\"occurredAt\":\""
                + at(5) + "\",\"durationMinutes\":60}";
        var fast = record(token, burstOrCap);
        assertThat(fast.status()).isEqualTo(202);
        assertThat(fast.json().get("reasons").valueStream().map(JsonNode::asString))
                .contains("SPEED");

        String reviewer = reviewerToken();
        String recordId = fast.json().get("id").asString();
        String user = api.get("/api/v1/records", "Authorization", bearer(token))
                .json()
                .get(0)
                .get("userId")
                .asString();
        assertThat(api.post(
                                "/api/v1/review/records/" + user + "/" + recordId + "/reject",
                                "{\"note\":\" \"}",
                                "Authorization",
                                bearer(reviewer))
                        .status())
                .isEqualTo(400);
        var rejected = api.post(
                "/api/v1/review/records/" + user + "/" + recordId + "/reject",
                "{\"note\":\"20 km in an hour is running speed, not walking\"}",
                "Authorization",
                bearer(reviewer));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");

        JsonNode mine =
                api.get("/api/v1/records", "Authorization", bearer(token)).json();
        assertThat(mine.get(0).get("reviewNote").asString()).contains("running speed");
    }

    @Test
    void anImpossibleRecordIsRejectedAndKeptWithItsReason() {
        var impossible = record(
                token,
                "{\"behaviour\":\"RAIL_INSTEAD_OF_CAR\",\"quantity\":900,\"unit\":\"km\",\"occurredAt\":\"" + at(30)
                        + "\",\"durationMinutes\":1500}");

        assertThat(impossible.status()).isEqualTo(422);
        assertThat(impossible.header("Content-Type")).startsWith("application/problem+json");
        assertThat(impossible.json().get("type").asString()).isEqualTo("/problems/record-rejected");
        assertThat(impossible.json().get("reasons").valueStream().map(JsonNode::asString))
                .contains("DURATION");
        assertThat(api.get("/api/v1/records?status=REJECTED", "Authorization", bearer(token))
                        .json()
                        .size())
                .isEqualTo(1);
        assertThat(balance(token)).isZero();
    }

    @Test
    void aRealWorldEventIsCreditedOnceAcrossPeopleAndChannels() {
        String ref = "order-" + UUID.randomUUID();
        String order = "{\"behaviour\":\"NO_DISPOSABLE_CUTLERY\",\"quantity\":1,\"unit\":\"order\",\"occurredAt\":\""
                + at(1) + "\",\"externalRef\":\"" + ref + "\"}";
        var first = record(token, order);
        assertThat(first.status()).isEqualTo(201);

        var mineAgain = record(token, order.replace("\"quantity\":1", "\"quantity\":1.0"));
        assertThat(mineAgain.status()).isEqualTo(422);
        assertThat(mineAgain.json().get("type").asString()).isEqualTo("/problems/already-claimed");
        assertThat(mineAgain.json().get("firstClaim").get("recordId").asString())
                .isEqualTo(first.json().get("id").asString());

        var someoneElse = record(api.newParticipantToken(), order);
        assertThat(someoneElse.status()).isEqualTo(422);
        assertThat(someoneElse.json().get("firstClaim").get("channel").asString())
                .isEqualTo("API");
        assertThat(someoneElse.json().get("firstClaim").has("recordId"))
                .as("another person's record is not revealed")
                .isFalse();
        assertThat(someoneElse.json().get("errors").get(0).get("field").asString())
                .isEqualTo("externalRef");
    }

    @Test
    void aParticipantWithdrawsARecordWithAReversalAndTheChainStillVerifies() throws Exception {
        var credited = record(
                token,
                "{\"behaviour\":\"CYCLE_INSTEAD_OF_CAR\",\"quantity\":6,\"unit\":\"km\",\"occurredAt\":\"" + at(3)
                        + "\"}");
        long grams = credited.json().get("reductionGrams").asLong();
        assertThat(balance(token)).isEqualTo(grams);
        String recordId = credited.json().get("id").asString();

        var withdrawn = api.post(
                "/api/v1/records/" + recordId + "/reversal",
                "{\"note\":\"entered twice by mistake\"}",
                "Authorization",
                bearer(token));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("REVERSED");
        assertThat(balance(token)).isZero();
        JsonNode entries = api.get("/api/v1/account", "Authorization", bearer(token))
                .json()
                .get("entries");
        assertThat(entries.get(0).get("kind").asString()).isEqualTo("REVERSAL");
        assertThat(entries.get(0).get("grams").asLong()).isEqualTo(-grams);
        assertThat(api.post(
                                "/api/v1/records/" + recordId + "/reversal",
                                "{\"note\":\"again\"}",
                                "Authorization",
                                bearer(token))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/v1/records/" + recordId + "/reversal",
                                "{\"note\":\"not mine\"}",
                                "Authorization",
                                bearer(api.newParticipantToken()))
                        .status())
                .as("someone else's record is not found")
                .isEqualTo(404);

        JsonNode verification = api.get("/api/v1/account/verify", "Authorization", bearer(token))
                .json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("entries").asLong()).isEqualTo(2);
        assertThat(verification.get("balanceGrams").asLong()).isZero();

        String csv = api.get("/api/v1/account/statement?format=csv", "Authorization", bearer(token))
                .body();
        var checked = StatementVerifier.verify(new StringReader(csv));
        assertThat(checked.valid()).isTrue();
        assertThat(checked.entries()).isEqualTo(2);
        String tampered = csv.replaceFirst("," + grams + ",", "," + (grams + 1000) + ",");
        assertThat(StatementVerifier.verify(new StringReader(tampered)).valid())
                .as("an altered amount is detected")
                .isFalse();

        var pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/account/statement?format=pdf"))
                                .header("Authorization", bearer(token))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        var chinese = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/account/statement?format=pdf"))
                                .header("Authorization", bearer(token))
                                .header("Accept-Language", "zh-CN")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        try (var reader = new org.openpdf.text.pdf.PdfReader(chinese.body())) {
            assertThat(new org.openpdf.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1))
                    .as("in the reader's language, in a font that carries it")
                    .contains("碳账户对账单", "冲销", "第 1 页");
        }
    }
}
