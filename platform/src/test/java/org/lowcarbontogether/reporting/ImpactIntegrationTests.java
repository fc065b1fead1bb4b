package org.lowcarbontogether.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ImpactIntegrationTests {

    @Autowired
    org.lowcarbontogether.schools.SchoolParticipation schoolParticipation;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBulkUploadIsCountedOnceEvenWhenItsEventComesAgain() {
        var api = new ApiClient(port);
        String token = api.newParticipantToken();
        var lines = new StringBuilder();
        var start = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusDays(3)
                .withHour(8)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        for (int i = 0; i < 30; i++) {
            lines.append(
                    "{\"key\":\"impact-bulk-%d\",\"behaviour\":\"%s\",\"quantity\":%s,\"unit\":\"%s\",\"occurredAt\":\"%s\"}\n"
                            .formatted(
                                    i,
                                    i % 2 == 0 ? "E_RECEIPT" : "ELECTRICITY_SAVED",
                                    i % 2 == 0 ? "2" : "0.5",
                                    i % 2 == 0 ? "sheet" : "kWh",
                                    start.plusMinutes(97L * i)));
        }
        var response = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records:batch"))
                        .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
                        .header("Content-Type", "application/x-ndjson"),
                "Authorization",
                ApiClient.bearer(token));
        assertThat(response.json().get("credited").asInt()).isEqualTo(30);
        UUID user = UUID.fromString(api.get("/api/v1/account", "Authorization", ApiClient.bearer(token))
                .json()
                .get("userId")
                .asString());
        await().atMost(Duration.ofSeconds(15)).until(this::caughtUp);
        long[] before = dailyTotals();

        // The registry delivers a batch again after a crash: nothing is counted twice.
        var credits = ledger.statement(user, 1000).entries().stream()
                .map(e -> new ReductionCredited(
                        e.id(),
                        user,
                        e.recordId(),
                        e.behaviour(),
                        e.category(),
                        e.grams(),
                        e.methodologyVersion(),
                        null,
                        e.evidence(),
                        e.occurredAt(),
                        e.bookedAt()))
                .toList();
        assertThat(credits).hasSize(30);
        transactions.executeWithoutResult(status -> events.publishEvent(new ReductionsCredited(credits)));
        await().atMost(Duration.ofSeconds(15)).until(this::caughtUp);
        assertThat(dailyTotals()).containsExactly(before);
        assertThat(jdbc.sql("select count(*) from impact_counted_entry where entry_id in (:ids)")
                        .param(
                                "ids",
                                credits.stream().map(ReductionCredited::entryId).toList())
                        .query(Long.class)
                        .single())
                .isEqualTo(30);
    }

    @Test
    void aPersonsSpanMovesOnlyWhenACreditFallsOutsideIt() {
        var api = new ApiClient(port);
        String token = api.newParticipantToken();
        UUID user = UUID.fromString(api.get("/api/v1/account", "Authorization", ApiClient.bearer(token))
                .json()
                .get("userId")
                .asString());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .withHour(12)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        record(api, token, now.minusDays(5));
        record(api, token, now.minusDays(2));
        String version = jdbc.sql("select xmin::text from impact_participant where user_id = :user")
                .param("user", user)
                .query(String.class)
                .single();

        record(api, token, now.minusDays(3));
        assertThat(jdbc.sql("select xmin::text from impact_participant where user_id = :user")
                        .param("user", user)
                        .query(String.class)
                        .single())
                .as("a credit inside the span leaves the row as it was")
                .isEqualTo(version);

        record(api, token, now.minusDays(10));
        var span = jdbc.sql("select first_day, last_day from impact_participant where user_id = :user")
                .param("user", user)
                .query((rs, n) -> new LocalDate[] {
                    rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()
                })
                .single();
        assertThat(span)
                .containsExactly(
                        now.minusDays(10).toLocalDate(), now.minusDays(2).toLocalDate());
    }

    private void record(ApiClient api, String token, OffsetDateTime occurredAt) {
        String body =
                "{\"behaviour\":\"ELECTRICITY_SAVED\",\"quantity\":1,\"unit\":\"kWh\",\"occurredAt\":\"%s\",\"region\":\"CN-GD\"}"
                        .formatted(occurredAt);
        assertThat(api.post(
                                "/api/v1/records",
                                body,
                                "Authorization",
                                ApiClient.bearer(token),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(this::caughtUp);
    }

    boolean caughtUp() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class)
                        .single()
                == 0;
    }

    long[] dailyTotals() {
        return jdbc.sql("select coalesce(sum(behaviours), 0), coalesce(sum(reduction_grams), 0) from impact_daily")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    @Test
    void thePublicImpactMatchesTheLedgerOnceRollUpsCatchUp() {
        var api = new ApiClient(port);
        String token = api.newParticipantToken();
        for (String kwh : new String[] {"3", "1.5"}) {
            String body =
                    "{\"behaviour\":\"ELECTRICITY_SAVED\",\"quantity\":%s,\"unit\":\"kWh\",\"occurredAt\":\"%s\",\"region\":\"CN-GD\"}"
                            .formatted(kwh, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
            assertThat(api.post(
                                    "/api/v1/records",
                                    body,
                                    "Authorization",
                                    ApiClient.bearer(token),
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString())
                            .status())
                    .isEqualTo(201);
        }

        // Computed independently from the ledger itself, not from the roll-ups the API reads.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            long[] expected = jdbc.sql("""
                            select count(*) filter (where kind = 'CREDIT') - count(*) filter (where kind = 'REVERSAL'),
                                   coalesce(sum(grams) filter (where kind = 'CREDIT' and not exists (select 1 from ledger_entry r
                                       where r.user_id = e.user_id and r.record_id = e.record_id and r.kind = 'REVERSAL')), 0),
                                   count(distinct user_id) filter (where kind = 'CREDIT')
                            from ledger_entry e""")
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .single();
            JsonNode impact = api.get("/api/v1/impact").json();
            assertThat(impact.get("behaviours").asLong()).isEqualTo(expected[0]);
            assertThat(impact.get("directReductionGrams").asLong()).isEqualTo(expected[1]);
            assertThat(impact.get("participants").asLong()).isEqualTo(expected[2]);
            // The split by evidence level adds up to the totals.
            assertThat(impact.get("byEvidence")
                            .valueStream()
                            .mapToLong(e -> e.get("behaviours").asLong())
                            .sum())
                    .isEqualTo(expected[0]);
            assertThat(impact.get("byEvidence")
                            .valueStream()
                            .mapToLong(e -> e.get("directReductionGrams").asLong())
                            .sum())
                    .isEqualTo(expected[1]);
            assertThat(impact.get("byEvidence")
                            .valueStream()
                            .mapToLong(e -> e.get("restatedReductionGrams").asLong())
                            .sum())
                    .isEqualTo(impact.get("restatedReductionGrams").asLong());
        });
        JsonNode impact = api.get("/api/v1/impact").json();
        assertThat(impact.get("directReductionKg").decimalValue())
                .isEqualByComparingTo(
                        impact.get("directReductionTonnes").decimalValue().movePointRight(3));
        assertThat(impact.get("monthly").size()).isPositive();
        assertThat(impact.get("byCategory").findValuesAsString("category")).contains("HOUSING");
        // School pupils are counted apart, and shown only from the open data's minimum group: never a zero.
        var school = schoolParticipation.programme();
        var pupils = impact.get("schoolPupils");
        if (school.pupilsRecorded() >= pupils.get("minimumGroupSize").asInt()) {
            assertThat(pupils.get("shown").asBoolean()).isTrue();
            assertThat(pupils.get("pupilsRecorded").asLong()).isEqualTo(school.pupilsRecorded());
        } else {
            assertThat(pupils.get("shown").asBoolean()).isFalse();
            assertThat(pupils.get("directReductionGrams").isNull()).isTrue();
        }
    }
}
