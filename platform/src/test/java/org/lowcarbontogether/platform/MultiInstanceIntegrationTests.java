package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.CookieManager;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.CarbonPlatform;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances behind one load balancer: the shared test context (instance A) and a second application context in
 * this JVM (instance B) on the same database, started once for the class. What one instance knows, the other knows:
 * sessions, rate limits, revoked tokens; and a scheduled job runs on one of them only.
 */
@IntegrationTest
class MultiInstanceIntegrationTests {

    private static ConfigurableApplicationContext instanceB;

    @LocalServerPort
    int portA;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Registration registration;

    @Autowired
    RateBudgets budgetsA;

    @Autowired
    ClusterJobs jobsA;

    int portB;

    @BeforeEach
    void startInstanceB() throws SQLException {
        synchronized (MultiInstanceIntegrationTests.class) {
            if (instanceB == null) {
                // The first instance's database, by URL: B neither starts a database of its own nor loads demo data.
                var database = dataSource.unwrap(HikariDataSource.class);
                var properties = new HashMap<String, String>();
                properties.put("server.port", "0");
                properties.put("spring.datasource.url", database.getJdbcUrl());
                properties.put("spring.datasource.username", String.valueOf(database.getUsername()));
                properties.put("spring.datasource.password", String.valueOf(database.getPassword()));
                properties.put("spring.datasource.hikari.maximum-pool-size", "4");
                properties.put("lct.demo.enabled", "false");
                properties.put("spring.jmx.enabled", "false");
                properties.put("spring.main.banner-mode", "off");
                // Not while the tests of other classes run on A: what they leave incomplete is A's to finish.
                properties.put("lct.events.republish-after", "PT1H");
                // As arguments: they must win over application.properties (spring.datasource.url=${DATABASE_URL:}).
                instanceB = new SpringApplicationBuilder(CarbonPlatform.class)
                        .profiles("test")
                        .initializers(new TestMail())
                        .run(properties.entrySet().stream()
                                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                                .toArray(String[]::new));
            }
        }
        portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
            instanceB = null;
        }
    }

    @Test
    void aSessionStartedOnOneInstanceIsValidOnTheOther() {
        var person = AccountFixtures.person(registration, jdbc);
        var browser = new CookieManager();
        new WebSession(portA, browser).signIn(person.email(), AccountFixtures.PASSWORD);

        var onB = new WebSession(portB, browser);
        var page = onB.get("/account/security");
        assertThat(page.status()).as("signed in on B with A's session").isEqualTo(200);
        // A form posted to B with the CSRF token of a page B rendered from the shared session, read back on A.
        assertThat(onB.post("/logout", Map.of()).status()).isEqualTo(302);
        assertThat(new WebSession(portA, browser).get("/account/security").status())
                .as("signed out on B is signed out on A")
                .isEqualTo(302);
    }

    @Test
    void passwordGuessesOnBothInstancesAreCountedTogether() {
        // Five wrong passwords are free per account and address (lct.sign-in.free-attempts-per-address), in total.
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("guessed-" + UUID.randomUUID() + "@example.org:wrong")
                                .getBytes(StandardCharsets.UTF_8));
        var a = new ApiClient(portA);
        var b = new ApiClient(portB);
        for (var api : List.of(a, b, a, b, a)) {
            assertThat(api.post("/api/v1/tokens", "{}", "Authorization", basic).status())
                    .isEqualTo(401);
        }
        assertThat(b.post("/api/v1/tokens", "{}", "Authorization", basic).status())
                .as("B knows of A's three failures")
                .isEqualTo(429);
        assertThat(a.post("/api/v1/tokens", "{}", "Authorization", basic).status())
                .isEqualTo(429);
    }

    @Test
    void aBudgetHoldsAcrossInstances() {
        var budgetsB = instanceB.getBean(RateBudgets.class);
        // Small budgets take one at a time: 3 in all, wherever they are spent.
        var small = new RateLimitProperties.Budget(3, Duration.ofHours(1));
        String key = "test-small:" + UUID.randomUUID();
        assertThat(budgetsA.take(key, small)).isZero();
        assertThat(budgetsB.take(key, small)).isZero();
        assertThat(budgetsA.take(key, small)).isZero();
        assertThat(budgetsB.take(key, small)).as("the fourth, on B").isPositive();
        assertThat(budgetsA.take(key, small)).isPositive();

        // Large budgets lease a few at a time to each instance: never more than the capacity between them.
        var large = new RateLimitProperties.Budget(200, Duration.ofDays(1));
        String leased = "test-large:" + UUID.randomUUID();
        int granted = 0;
        for (int i = 0; i < 300; i++) {
            if ((i % 2 == 0 ? budgetsA : budgetsB).take(leased, large) == 0) {
                granted++;
            }
        }
        assertThat(granted).isLessThanOrEqualTo(200).isGreaterThanOrEqualTo(180);
    }

    @Test
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherWithinASecond() {
        var a = new ApiClient(portA);
        var b = new ApiClient(portB);
        String token = a.newParticipantToken();
        assertThat(b.get("/api/v1/tokens", "Authorization", ApiClient.bearer(token))
                        .status())
                .as("B has checked (and remembers) the token")
                .isEqualTo(200);

        assertThat(a.delete("/api/v1/tokens/current", "Authorization", ApiClient.bearer(token))
                        .status())
                .isEqualTo(204);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int status;
        do {
            status = b.get("/api/v1/tokens", "Authorization", ApiClient.bearer(token))
                    .status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status)
                .as("refused by B within a second of the revocation on A (B remembers tokens for 10 s)")
                .isEqualTo(401);
    }

    @Test
    void aRoleGrantedOnOneInstanceIsHonouredByTheOtherWithinASecond() {
        var a = new ApiClient(portA);
        var b = new ApiClient(portB);
        var admin = AccountFixtures.person(registration, jdbc, Role.ADMIN);
        var person = AccountFixtures.person(registration, jdbc);
        String token = ApiClient.bearer(a.token(person.email(), AccountFixtures.PASSWORD));
        assertThat(b.get("/api/v1/admin/people", "Authorization", token).status())
                .as("B has checked (and remembers) the token of a participant")
                .isEqualTo(403);

        String adminToken = ApiClient.bearer(a.token(admin.email(), AccountFixtures.PASSWORD));
        assertThat(a.post(
                                "/api/v1/admin/people/" + person.id() + "/roles",
                                "{\"role\":\"ADMIN\"}",
                                "Authorization",
                                adminToken)
                        .status())
                .isEqualTo(201);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int status;
        do {
            status = b.get("/api/v1/admin/people", "Authorization", token).status();
        } while (status == 403 && System.nanoTime() < deadline);
        assertThat(status)
                .as("the role granted on A is honoured by B within a second")
                .isEqualTo(200);
    }

    @Test
    void aJobFiredOnBothInstancesRunsOnce() throws Exception {
        var jobsB = instanceB.getBean(ClusterJobs.class);
        String job = "test-job-" + UUID.randomUUID();
        var running = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var runs = new AtomicInteger();
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> jobsA.once(job, Duration.ZERO, () -> {
            runs.incrementAndGet();
            running.countDown();
            await(release);
        }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jobsB.once(job, Duration.ZERO, runs::incrementAndGet))
                .as("B fires the job while A runs it")
                .isFalse();
        release.countDown();
        assertThat(onA.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(1);

        // A periodic job fired by both clocks at (nearly) the same time runs once in its period.
        String daily = "test-daily-" + UUID.randomUUID();
        assertThat(jobsB.once(daily, Duration.ofHours(1), runs::incrementAndGet))
                .isTrue();
        assertThat(jobsA.once(daily, Duration.ofHours(1), runs::incrementAndGet))
                .isFalse();
        assertThat(runs).hasValue(2);
        assertThat(jdbc.sql("select runs from cluster_job where name = :name")
                        .param("name", daily)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
