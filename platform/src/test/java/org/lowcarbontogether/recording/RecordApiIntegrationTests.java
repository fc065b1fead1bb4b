package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.methodology.Methodology;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class RecordApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Methodology methodology;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        token = api.newParticipantToken();
    }

    static String today() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(1)
                .withNano(0)
                .toString();
    }

    static String metro(String km) {
        return """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":%s,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(km, today());
    }

    ApiClient.Response record(String body, String key) {
        return api.post("/api/v1/records", body, "Authorization", bearer(token), "Idempotency-Key", key);
    }

    long entries() {
        return jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    }

    long records() {
        return jdbc.sql("select count(*) from activity_record")
                .query(Long.class)
                .single();
    }

    @Test
    void recordsABehaviourAndCreditsItWithItsProvenance() {
        var response = record(metro("12"), UUID.randomUUID().toString());

        assertThat(response.status()).isEqualTo(201);
        JsonNode receipt = response.json();
        assertThat(receipt.get("reductionGrams").asLong()).isEqualTo(1673);
        assertThat(receipt.get("methodology").get("code").asString()).isEqualTo("LCT");
        assertThat(receipt.get("methodology").get("version").asString())
                .isEqualTo(methodology.current().version());
        assertThat(receipt.get("factors")).hasSize(2);
        JsonNode factor = receipt.get("factors").get(0);
        assertThat(factor.get("id").asString()).isEqualTo("EF-CAR-AVG-GB-2025");
        assertThat(factor.get("value").decimalValue()).isEqualByComparingTo("0.16725");
        assertThat(factor.get("unit").asString()).isEqualTo("kg CO2e/vehicle.km");
        assertThat(factor.get("region").asString()).isEqualTo("GB");
        assertThat(factor.get("year").asInt()).isEqualTo(2025);
        assertThat(factor.get("source").asString()).contains("DESNZ");
        assertThat(receipt.get("ledgerEntryId").asString()).isNotBlank();
        assertThat(response.header("Idempotent-Replayed")).isEqualTo("false");

        JsonNode account =
                api.get("/api/v1/account", "Authorization", bearer(token)).json();
        assertThat(account.get("balanceGrams").asLong()).isEqualTo(1673);
        JsonNode entry = account.get("entries").get(0);
        assertThat(entry.get("id").asString())
                .isEqualTo(receipt.get("ledgerEntryId").asString());
        assertThat(entry.get("methodologyVersion").asString())
                .isEqualTo(methodology.current().version());
        assertThat(entry.get("provenance").get("steps").size()).isGreaterThanOrEqualTo(5);
        assertThat(entry.get("provenance").get("factors").get(1).get("id").asString())
                .isEqualTo("EF-METRO-GB-2025");
        assertThat(entry.get("hash").asString()).hasSize(64);
    }

    @Test
    void aReplayWithTheSameKeyAndBodyReturnsTheOriginalResponse() {
        String key = UUID.randomUUID().toString();
        var first = record(metro("5"), key);
        long before = entries();
        var replay = record(metro("5"), key);

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(replay.body()).as("the very bytes first answered").isEqualTo(first.body());
        assertThat(replay.header("Content-Type"))
                .startsWith("application/json")
                .isEqualTo(first.header("Content-Type"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        String key = UUID.randomUUID().toString();
        record(metro("5"), key);
        long before = entries();

        var reused = record(metro("6"), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        var mine = record(metro("5"), key);
        String other = api.newParticipantToken();
        var theirs = api.post("/api/v1/records", metro("5"), "Authorization", bearer(other), "Idempotency-Key", key);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
    }

    @Test
    void aMissingOrInvalidKeyIs400() {
        var missing = api.post("/api/v1/records", metro("5"), "Authorization", bearer(token));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("/problems/missing-header");

        var tooShort = record(metro("5"), "abc");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void badInputIsRefusedWithTheOffendingFieldAndNothingIsWritten() {
        long entriesBefore = entries();
        long recordsBefore = records();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString();

        assertProblem(
                record(
                        "{\"behaviour\":\"FLY_LESS\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\"" + today()
                                + "\"}",
                        key()),
                422,
                "behaviour");
        assertProblem(
                record(
                        "{\"behaviour\":\"ELECTRICITY_SAVED\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\""
                                + today() + "\"}",
                        key()),
                422,
                "unit");
        assertProblem(record(metro("0"), key()), 422, "quantity");
        assertProblem(record(metro("-4"), key()), 422, "quantity");
        assertProblem(record(metro("100000"), key()), 422, "quantity");
        assertProblem(record(metro("1.1234567"), key()), 422, "quantity");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\""
                                + future + "\"}",
                        key()),
                422,
                "occurredAt");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\"2020-01-01T08:00:00Z\"}",
                        key()),
                422,
                "occurredAt");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\""
                                + today() + "\",\"region\":\"CN-XX\"}",
                        key()),
                422,
                "region");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\""
                                + today() + "\",\"evidence\":\"PARTNER_VERIFIED\"}",
                        key()),
                422,
                "evidence");
        assertProblem(record("{\"quantity\":3}", key()), 400, "behaviour");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":\"three\",\"unit\":\"km\",\"occurredAt\":\""
                                + today() + "\"}",
                        key()),
                400,
                "quantity");
        assertProblem(
                record(
                        "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":3,\"unit\":\"km\",\"occurredAt\":\"yesterday\"}",
                        key()),
                400,
                "occurredAt");

        var malformed = record("{\"behaviour\": ", key());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("/problems/malformed-json");

        var oversized = record("{\"behaviour\":\"" + "x".repeat(70_000) + "\"}", key());
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.header("Content-Type")).startsWith("application/problem+json");

        assertThat(entries()).isEqualTo(entriesBefore);
        assertThat(records()).isEqualTo(recordsBefore);
    }

    @Test
    void problemsAreInTheCallersLanguage() {
        var response = api.post(
                "/api/v1/records",
                metro("0"),
                "Authorization",
                bearer(token),
                "Idempotency-Key",
                key(),
                "Accept-Language",
                "zh-CN,zh;q=0.9");
        assertThat(response.json().get("title").asString()).isEqualTo("记录未被接受");
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .isEqualTo("数量必须大于零。");
    }

    @Test
    void theApiNeedsAValidToken() {
        var anonymous = api.post("/api/v1/records", metro("3"), "Idempotency-Key", key());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

        var forged = api.post(
                "/api/v1/records",
                metro("3"),
                "Authorization",
                "Bearer lct_not-a-real-token",
                "Idempotency-Key",
                key());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("type").asString()).isEqualTo("/problems/invalid-token");

        assertThat(api.get("/api/v1/account").status()).isEqualTo(401);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static void assertProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("errors")).as(response.body()).isNotNull();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .as(response.body())
                .contains(field);
    }
}
