package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class BatchIngestIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    BatchIngest ingest;

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        token = api.newParticipantToken();
    }

    ApiClient.Response batch(String contentType, String body) {
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/records:batch"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", contentType),
                "Authorization",
                bearer(token));
    }

    static String at(int minutesAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(minutesAgo)
                .withNano(0)
                .toString();
    }

    @Test
    void jsonLinesGetOneResultPerRowAndReplayIdempotently() {
        String body = IntStream.range(0, 30)
                        .mapToObj(i -> """
                {"key":"batch-row-%04d","behaviour":"METRO_INSTEAD_OF_CAR","quantity":%d,"unit":"km","occurredAt":"%s"}""".formatted(i, 1 + i % 5, at(60 + i * 30)))
                        .collect(Collectors.joining("\n"))
                + "\n{\"key\":\"batch-row-bad\",\"behaviour\":\"NOPE\",\"quantity\":1,\"unit\":\"km\",\"occurredAt\":\""
                + at(5) + "\"}"
                + "\n{\"behaviour\":\"METRO_INSTEAD_OF_CAR\",\"quantity\":1,\"unit\":\"km\",\"occurredAt\":\"" + at(6)
                + "\"}"
                + "\nnot json at all";

        var response = batch("application/x-ndjson", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("rows").asInt()).isEqualTo(33);
        assertThat(result.get("credited").asInt())
                .as(result.get("results").get(0).toString())
                .isEqualTo(30);
        assertThat(result.get("invalid").asInt()).isEqualTo(3);
        JsonNode bad = result.get("results").get(30);
        assertThat(bad.get("status").asString()).isEqualTo("INVALID");
        assertThat(bad.get("errors").get(0).get("field").asString()).isEqualTo("behaviour");
        assertThat(result.get("results")
                        .get(31)
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("key");
        long balance = api.get("/api/v1/account", "Authorization", bearer(token))
                .json()
                .get("balanceGrams")
                .asLong();

        JsonNode replay = batch("application/x-ndjson", body).json();
        assertThat(replay.get("credited").asInt()).isEqualTo(30);
        assertThat(replay.get("results").get(0).get("replayed").asBoolean()).isTrue();
        assertThat(replay.get("results").get(0).get("recordId"))
                .isEqualTo(result.get("results").get(0).get("recordId"));
        assertThat(api.get("/api/v1/account", "Authorization", bearer(token))
                        .json()
                        .get("balanceGrams")
                        .asLong())
                .as("a replayed batch credits nothing twice")
                .isEqualTo(balance);
    }

    @Test
    void csvRowsAreCheckedOneByOne() {
        String csv = "key,behaviour,quantity,unit,occurred_at,region,duration_minutes,external_ref\n"
                + "csv-row-1,ELECTRICITY_SAVED,2,kWh," + at(10) + ",CN-GD,,\n"
                + "csv-row-2,ELECTRICITY_SAVED,two,kWh," + at(11) + ",CN-GD,,\n"
                + "csv-row-3,WALK_INSTEAD_OF_CAR,15,km," + at(200) + ",,60,\n";

        JsonNode result = batch("text/csv", csv).json();

        assertThat(result.get("results").findValuesAsString("status"))
                .containsExactly("CREDITED", "INVALID", "FLAGGED");
        assertThat(result.get("results").get(2).get("reasons").get(0).asString())
                .isEqualTo("SPEED");
        var missingColumns = batch("text/csv", "behaviour,quantity\nMETRO_INSTEAD_OF_CAR,1\n");
        assertThat(missingColumns.status()).isEqualTo(400);
    }

    /**
     * Three chunks: the second is prepared while the first is written, yet each is judged after the chunks before it —
     * a row of the third chunk repeating one of the first is flagged as its duplicate — and the answers keep the rows'
     * order and numbers.
     */
    @Test
    void rowsOfLaterChunksAreJudgedAfterEarlierChunks() {
        String[][] kinds = {
            {"E_RECEIPT", "1", "sheet"},
            {"PRINT_DOUBLE_SIDED", "2", "page"},
            {"PAPERLESS_DOCUMENTS", "2", "sheet"},
            {"RECYCLE_PAPER", "0.2", "kg"},
            {"ELECTRICITY_SAVED", "0.5", "kWh"},
            {"STAIRS_INSTEAD_OF_LIFT", "1", "floor"}
        };
        int rows = 2 * ChunkedWrite.CHUNK + 500;
        var lines = IntStream.range(0, rows)
                .mapToObj(i -> {
                    String[] kind = kinds[i % kinds.length];
                    return "{\"key\":\"chunked-%d\",\"behaviour\":\"%s\",\"quantity\":%s,\"unit\":\"%s\",\"occurredAt\":\"%s\"}"
                            .formatted(i, kind[0], kind[1], kind[2], at(60 + i * 17));
                })
                .collect(Collectors.toCollection(java.util.ArrayList::new));
        lines.set(
                1234,
                "{\"key\":\"chunked-1234\",\"behaviour\":\"NOPE\",\"quantity\":1,\"unit\":\"km\",\"occurredAt\":\""
                        + at(5) + "\"}");
        lines.add(lines.get(10).replace("chunked-10", "chunked-again"));

        var response = batch("application/x-ndjson", String.join("\n", lines));

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        JsonNode results = result.get("results");
        assertThat(result.get("rows").asInt()).isEqualTo(rows + 1);
        assertThat(results.findValuesAsString("row"))
                .isEqualTo(IntStream.rangeClosed(1, rows + 1)
                        .mapToObj(String::valueOf)
                        .toList());
        assertThat(results.get(1234).get("status").asString()).isEqualTo("INVALID");
        assertThat(results.get(rows).get("status").asString()).isEqualTo("FLAGGED");
        assertThat(results.get(rows).get("reasons").get(0).asString()).isEqualTo("DUPLICATE");
        assertThat(result.get("credited").asInt()).isEqualTo(rows - 1);
        JsonNode verification = api.get("/api/v1/account/verify", "Authorization", bearer(token))
                .json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("entries").asLong()).isEqualTo(rows - 1);
    }

    @Test
    void moreThanTenThousandRowsAreRefusedWhole() {
        String body = IntStream.range(0, BatchIngest.MAX_ROWS + 1)
                .mapToObj(i -> "{\"key\":\"big-key-" + i + "\"}")
                .collect(Collectors.joining("\n"));
        var refused = batch("application/x-ndjson", body);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(jdbc.sql("select count(*) from idempotency_key where idem_key = 'big-key-0'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anOrganiserLoadsASheetForMembersOnly() throws Exception {
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var member = AccountFixtures.person(registration, jdbc);
        var stranger = AccountFixtures.person(registration, jdbc);
        var organisation = organisations.create("Repair Café " + UUID.randomUUID(), Organisations.Kind.NGO);
        organisations.addMember(organisation.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        organisations.addMember(organisation.id(), member.id(), Organisations.MemberRole.MEMBER);
        String sheet = "email,key,behaviour,quantity,unit,occurred_at,region,duration_minutes,external_ref\n"
                + member.email() + ",sheet-row-1,DONATE_CLOTHES,2.5,kg," + at(3000) + ",CN-GD,,\n"
                + stranger.email() + ",sheet-row-2,DONATE_CLOTHES,1,kg," + at(3000) + ",CN-GD,,\n";

        var result = ingest.ingestOrganiserSheet(organiser, organisation.id(), new StringReader(sheet));

        assertThat(result.results()).extracting(BatchResult.RowResult::status).containsExactly("FLAGGED", "INVALID");
        assertThat(result.results().getFirst().reasons())
                .as("a sheet's largest claim waits for a reviewer")
                .contains("REVIEW_SAMPLE");
        assertThat(jdbc.sql("select evidence from activity_record where user_id = :u")
                        .param("u", member.id())
                        .query(String.class)
                        .single())
                .isEqualTo("ORGANISER_VERIFIED");
        assertThat(jdbc.sql("select entered_by from activity_record where user_id = :u")
                        .param("u", member.id())
                        .query(UUID.class)
                        .single())
                .as("every imported row says who entered it")
                .isEqualTo(organiser.id());
        var again = ingest.ingestOrganiserSheet(organiser, organisation.id(), new StringReader(sheet));
        assertThat(again.results().getFirst().replayed()).isTrue();

        var otherOrganiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ingest.ingestOrganiserSheet(otherOrganiser, organisation.id(), new StringReader(sheet)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    }
}
