package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With a lane full, a record write is refused at once — 503, Retry-After, the {@code busy} problem (the error page for a
 * page) — and nothing of it is kept; once a place is free the same request is taken, and kept exactly once. The lane is
 * filled by holding its places in the test, in the shared context: no timing is asserted.
 */
@IntegrationTest
class AdmissionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Admission admission;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        token = api.newParticipantToken();
    }

    static String metro(String km) {
        return """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":%s,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(
                km, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1).withNano(0));
    }

    ApiClient.Response record(String key) {
        return api.post("/api/v1/records", metro("7"), "Authorization", bearer(token), "Idempotency-Key", key);
    }

    /** Takes every place of the lane (waiting for those other requests hold), so the next request finds it full. */
    static int fill(Admission.Lane lane) throws InterruptedException {
        int held = 0;
        while (held < lane.concurrent) {
            if (lane.enter()) {
                held++;
            }
        }
        return held;
    }

    static void free(Admission.Lane lane, int held) {
        for (int i = 0; i < held; i++) {
            lane.leave();
        }
    }

    /** Ledger entries and records of the record kept under the key (the key's stored receipt names it). */
    long kept(String key) {
        return jdbc.sql("""
                        select count(*) from idempotency_key k
                        join activity_record r on r.id = (k.response::jsonb ->> 'id')::uuid
                        join ledger_entry e on e.record_id = r.id
                        where k.idem_key = :key""").param("key", key).query(Long.class).single();
    }

    /** Keys stored: a request refused before it was read leaves none. */
    long records(String key) {
        return jdbc.sql("select count(*) from idempotency_key where idem_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    @Test
    void aFullRecordLaneAnswers503WithRetryAfterAndKeepsNothingThenTakesTheRetryOnce() throws Exception {
        String key = "admission-" + UUID.randomUUID();
        var lane = admission.records();
        int held = fill(lane);
        ApiClient.Response refused;
        try {
            refused = record(key);
        } finally {
            free(lane, held);
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/busy");
        assertThat(refused.json().get("status").asInt()).isEqualTo(503);
        assertThat(records(key)).as("nothing of a refused request is kept").isZero();

        var taken = record(key);
        assertThat(taken.status()).isEqualTo(201);
        var again = record(key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asString())
                .isEqualTo(taken.json().get("id").asString());
        assertThat(kept(key))
                .as("the acknowledged record, in the ledger exactly once")
                .isEqualTo(1);
        assertThat(lane.inProgress()).as("every place given back").isZero();
    }

    /**
     * No database connection within the pool's timeout: 503 {@code overloaded} with Retry-After, not a 500 and not a
     * hang — and nothing kept, so the retry is taken once. The test holds every connection of the pool itself; the
     * request then waits the pool's timeout (the test profile's 10 s; production's is 1 s), which Hikari does not let a
     * running pool change.
     */
    @Test
    void noDatabaseConnectionInTimeAnswers503OverloadedAndTheRetryIsTakenOnce() throws Exception {
        String key = "overloaded-" + UUID.randomUUID();
        var hikari = dataSource.unwrap(HikariDataSource.class);
        var pool = (HikariPool) hikari.getHikariPoolMXBean();
        long timeout = hikari.getConnectionTimeout();
        var held = new ArrayList<Connection>();
        ApiClient.Response refused;
        long millis;
        try {
            // Every connection, including those background work gives back meanwhile, until none comes in time.
            while (true) {
                try {
                    held.add(pool.getConnection(300));
                } catch (SQLTransientConnectionException exhausted) {
                    break;
                }
            }
            long start = System.nanoTime();
            refused = record(key);
            millis = (System.nanoTime() - start) / 1_000_000;
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(held).hasSizeGreaterThanOrEqualTo(1);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/overloaded");
        assertThat(millis)
                .as("answered once the pool's timeout passed, not hung")
                .isBetween(timeout, timeout + 20_000);
        assertThat(records(key)).as("nothing of a refused request is kept").isZero();

        var taken = record(key);
        assertThat(taken.status()).isEqualTo(201);
        assertThat(kept(key)).as("the retry, in the ledger exactly once").isEqualTo(1);
    }

    @Test
    void aFullLaneWithItsWaitingPlacesTakenRefusesAtOnce() throws Exception {
        // The lane's places are held and so are its waiting places: the next request does not wait at all.
        var lane = new Admission.Lane("test", 1, 0, java.time.Duration.ofHours(1));
        assertThat(lane.enter()).isTrue();
        assertThat(lane.enter())
                .as("no waiting place: refused without waiting an hour")
                .isFalse();
        lane.leave();
        assertThat(lane.enter()).isTrue();
        lane.leave();
        assertThat(lane.inProgress()).isZero();
    }

    @Test
    void aFullRecordLaneAnswersTheRecordFormWithTheErrorPage() throws Exception {
        var lane = admission.records();
        int held = fill(lane);
        ApiClient.Response refused;
        try {
            refused = api.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/record"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("behaviour=METRO_INSTEAD_OF_CAR"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "text/html"),
                    "Accept-Language",
                    "en");
        } finally {
            free(lane, held);
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body()).contains("send the form again in a moment");
    }

    @Test
    void aFullBatchLaneAnswers503AndTheUploadIsTakenOnceAPlaceIsFree() throws Exception {
        String key = "admission-batch-" + UUID.randomUUID();
        String body = "{\"key\":\"%s\",%s".formatted(key, metro("4").substring(1));
        var lane = admission.batches();
        int held = fill(lane);
        ApiClient.Response refused;
        try {
            refused = batch(body);
        } finally {
            free(lane, held);
        }
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/busy");
        assertThat(records(key)).isZero();

        assertThat(batch(body).status()).isEqualTo(200);
        assertThat(kept(key)).isEqualTo(1);
    }

    ApiClient.Response batch(String ndjson) {
        return api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/records:batch"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ndjson))
                        .header("Content-Type", "application/x-ndjson"),
                "Authorization",
                bearer(token));
    }
}
