package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Administrators, and only they, read every owner's endpoints and the latest failed attempts, in both languages. */
@IntegrationTest
class WebhookAdminPageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Webhooks webhooks;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void administratorsSeeEndpointsAndFailedAttempts() throws Exception {
        try (var receiver = new Receiver().otherwise(500)) {
            UUID owner = UUID.randomUUID();
            var endpoint = webhooks.register(owner, URI.create(receiver.url("/admin-page")), Set.of("record.held"))
                    .endpoint();
            UUID message = transactions
                    .execute(status -> webhooks.publish(owner, "record.held", Map.of("recordId", "a-1")))
                    .messageIds()
                    .getFirst();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !webhooks.delivery(owner, message).attempts().isEmpty());

            var admin = new WebSession(port)
                    .signIn(
                            AccountFixtures.person(registration, jdbc, Role.ADMIN)
                                    .email(),
                            AccountFixtures.PASSWORD);
            var page = admin.get("/admin/webhooks");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("webhook-endpoint-" + endpoint.id())
                    .contains(receiver.url("/admin-page"))
                    .contains(owner.toString())
                    .contains("HTTP 500")
                    .doesNotContain("whsec_");
            assertThat(admin.get("/admin/webhooks", "zh-CN").body())
                    .contains("状态码 500")
                    .contains("回调通知");
            assertThat(admin.get("/admin").body()).contains("/admin/webhooks");

            var participant = new WebSession(port)
                    .signIn(AccountFixtures.person(registration, jdbc).email(), AccountFixtures.PASSWORD);
            assertThat(participant.get("/admin/webhooks").status()).isEqualTo(403);
            var officer = new WebSession(port)
                    .signIn(
                            AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER)
                                    .email(),
                            AccountFixtures.PASSWORD);
            assertThat(officer.get("/admin/webhooks").status()).isEqualTo(403);
            assertThat(new WebSession(port).get("/admin/webhooks").status()).isEqualTo(302);
        }
    }
}
