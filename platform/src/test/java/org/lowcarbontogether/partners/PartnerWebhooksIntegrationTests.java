package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lowcarbontogether.ApiClient.bearer;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.webhooks.Webhooks;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A partner's activity outcomes reach its webhook endpoints, signed, with a thin payload. */
@IntegrationTest
class PartnerWebhooksIntegrationTests extends PartnerScenario {

    @Autowired
    Webhooks webhooks;

    @Autowired
    JsonMapper json;

    @Autowired
    PartnerWebhooks partnerWebhooks;

    @Autowired
    org.lowcarbontogether.account.AccountSettings settings;

    AuthenticatedUser person;
    String subject;

    @BeforeEach
    void setUp() {
        onboard("Hook Eats");
        person = person();
        subject = linked(person, "orders", "rides");
    }

    @Test
    void administratorsSeeThePartnerByNameInTheirLanguage() throws Exception {
        try (var receiver = new HookReceiver()) {
            var endpoint = webhooks.register(partner.id(), URI.create(receiver.url()), Set.of("activity.credited"))
                    .endpoint();
            var admin = new org.lowcarbontogether.WebSession(port)
                    .signIn(
                            AccountFixtures.person(registration, jdbc, org.lowcarbontogether.shared.Role.ADMIN)
                                    .email(),
                            AccountFixtures.PASSWORD);

            assertThat(row(admin.get("/admin/webhooks").body(), endpoint.id()))
                    .contains(partner.nameEn())
                    .doesNotContain(partner.id().toString());
            assertThat(row(admin.get("/admin/webhooks", "zh-CN").body(), endpoint.id()))
                    .contains(partner.nameZh());
        }
    }

    /** The table row of one endpoint on the administrators' page. */
    private static String row(String page, java.util.UUID endpoint) {
        int start = page.indexOf("webhook-endpoint-" + endpoint);
        assertThat(start).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void aCreditedActivityIsSentToThePartnersEndpointSigned() throws Exception {
        try (var receiver = new HookReceiver()) {
            var registered = webhooks.register(
                    partner.id(), URI.create(receiver.url()), Set.of("activity.credited", "activity.refused"));
            String token = PartnerFixtures.accessToken(api, live, "activities.write");

            var sent = api.post(
                    "/api/v1/partner/activities",
                    PartnerFixtures.order(subject, "hook-order-1"),
                    "Authorization",
                    bearer(token));
            assertThat(sent.status()).isEqualTo(201);
            String recordId = sent.json().get("recordId").asString();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received().isEmpty());
            var request = receiver.received().getFirst();
            assertThat(request.verify(registered.secret())).startsWith("msg_");
            JsonNode body = json.readTree(request.body());
            assertThat(body.get("type").asString()).isEqualTo("activity.credited");
            JsonNode data = body.get("data");
            assertThat(data.get("reference").asString()).isEqualTo("hook-order-1");
            assertThat(data.get("mode").asString()).isEqualTo("LIVE");
            assertThat(data.get("subject").asString()).isEqualTo(subject);
            assertThat(data.get("outcome").asString()).isEqualTo("CREDITED");
            assertThat(data.get("recordId").asString()).isEqualTo(recordId);
            assertThat(data.get("reductionGrams").asLong()).isPositive();
            assertThat(request.body())
                    .doesNotContain(person.email())
                    .doesNotContain(person.id().toString());

            // A refused activity goes out too, with its reason codes.
            var refused = api.post(
                    "/api/v1/partner/activities",
                    PartnerFixtures.order("nobody-" + subject, "hook-order-2"),
                    "Authorization",
                    bearer(token));
            assertThat(refused.status()).isGreaterThanOrEqualTo(400);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() >= 2);
            JsonNode second = json.readTree(receiver.received().get(1).body());
            assertThat(second.get("type").asString()).isEqualTo("activity.refused");
            assertThat(second.get("data").get("reference").asString()).isEqualTo("hook-order-2");
            assertThat(second.get("data").get("reasons").get(0).asString()).isEqualTo("link-unknown");
        }
    }

    @Test
    void aPartnerManagesItsOwnEndpointsAndSeesOnlyItsOwnDeliveries() throws Exception {
        var other = PartnerFixtures.onboard(partners, organisations, officer, "Other Eats");
        var otherLive = partners.issueCredentials(officer, other.id(), Partners.Mode.LIVE);
        String mine = PartnerFixtures.accessToken(api, live, "webhooks.manage activities.write");
        String theirs = PartnerFixtures.accessToken(api, otherLive, "webhooks.manage");
        String noScope = PartnerFixtures.accessToken(api, live, "activities.write");
        try (var receiver = new HookReceiver()) {
            assertThat(api.get("/api/v1/partner/webhooks", "Authorization", bearer(noScope))
                            .status())
                    .isEqualTo(403);

            var registered = api.post(
                    "/api/v1/partner/webhooks",
                    "{\"url\":\"%s\"}".formatted(receiver.url()),
                    "Authorization",
                    bearer(mine));
            assertThat(registered.status()).isEqualTo(201);
            String secret = registered.json().get("secret").asString();
            String endpoint = registered.json().get("endpoint").get("id").asString();
            assertThat(secret).startsWith("whsec_");
            assertThat(registered.json().get("endpoint").get("eventTypes").toString())
                    .contains("activity.credited", "activity.refused", "activity.reversed");

            var listed = api.get("/api/v1/partner/webhooks", "Authorization", bearer(mine));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).contains(endpoint).doesNotContain(secret);
            assertThat(api.get("/api/v1/partner/webhooks", "Authorization", bearer(theirs))
                            .body())
                    .doesNotContain(endpoint);

            api.post(
                    "/api/v1/partner/activities",
                    PartnerFixtures.order(subject, "managed-1"),
                    "Authorization",
                    bearer(mine));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received().isEmpty());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get(
                                    "/api/v1/partner/webhooks/deliveries?state=DELIVERED",
                                    "Authorization",
                                    bearer(mine))
                            .body()
                            .contains("managed-1"));
            var log =
                    api.get("/api/v1/partner/webhooks/deliveries?endpoint=" + endpoint, "Authorization", bearer(mine));
            String message = log.json().get(0).get("messageId").asString();

            assertThat(api.get("/api/v1/partner/webhooks/deliveries/" + message, "Authorization", bearer(mine))
                            .status())
                    .isEqualTo(200);
            // Another partner's message does not exist for it.
            assertThat(api.get("/api/v1/partner/webhooks/deliveries/" + message, "Authorization", bearer(theirs))
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(
                                    "/api/v1/partner/webhooks/deliveries/" + message + "/redelivery",
                                    "",
                                    "Authorization",
                                    bearer(theirs))
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/partner/webhooks/deliveries", "Authorization", bearer(theirs))
                            .body())
                    .doesNotContain(message);
            assertThat(api.post(
                                    "/api/v1/partner/webhooks/" + endpoint + "/disable",
                                    "",
                                    "Authorization",
                                    bearer(theirs))
                            .status())
                    .isEqualTo(404);

            var redelivered = api.post(
                    "/api/v1/partner/webhooks/deliveries/" + message + "/redelivery",
                    "",
                    "Authorization",
                    bearer(mine));
            assertThat(redelivered.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() >= 2);
            assertThat(receiver.received().get(1).verify(secret))
                    .isEqualTo(receiver.received().getFirst().verify(secret));

            var rotated =
                    api.post("/api/v1/partner/webhooks/" + endpoint + "/rotation", "", "Authorization", bearer(mine));
            assertThat(rotated.json().get("secret").asString())
                    .startsWith("whsec_")
                    .isNotEqualTo(secret);
            var disabled =
                    api.post("/api/v1/partner/webhooks/" + endpoint + "/disable", "", "Authorization", bearer(mine));
            assertThat(disabled.json().get("state").asString()).isEqualTo("DISABLED");
            var enabled =
                    api.post("/api/v1/partner/webhooks/" + endpoint + "/enable", "", "Authorization", bearer(mine));
            assertThat(enabled.json().get("state").asString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void anOfficerSeesAPartnersEndpointsAndDeliveriesAndRedeliversAudited() throws Exception {
        try (var receiver = new HookReceiver()) {
            var endpointId = webhooks.register(partner.id(), URI.create(receiver.url()), Set.of("activity.credited"))
                    .endpoint()
                    .id();
            String token = PartnerFixtures.accessToken(api, live, "activities.write");
            api.post(
                    "/api/v1/partner/activities",
                    PartnerFixtures.order(subject, "officer-1"),
                    "Authorization",
                    bearer(token));
            // This test's own message, once delivered: the partner's log also holds other tests' messages, and the
            // outcome is published by a listener after the answer, so "the newest" may not be this one yet.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() >= 1);
            var message = partnerWebhooks.recentDeliveries(officer, partner.id()).stream()
                    .filter(d -> d.endpointId().equals(endpointId))
                    .findFirst()
                    .orElseThrow();
            var office = new org.lowcarbontogether.WebSession(port).signIn(officer.email(), AccountFixtures.PASSWORD);
            for (String language : new String[] {"en", "zh-CN"}) {
                var page = office.get("/admin/partners/" + partner.id(), language);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body())
                        .contains(receiver.url())
                        .contains("activity.credited")
                        .contains(message.messageId().toString())
                        .doesNotContain("??");
            }

            var redelivered = office.post(
                    "/admin/partners/" + partner.id() + "/webhooks/deliveries/" + message.messageId() + "/redelivery",
                    java.util.Map.of(),
                    "/admin/partners/" + partner.id());
            assertThat(redelivered.status()).isEqualTo(302);
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'partner-webhook-redelivered'"
                                    + " and target_id = :partner")
                            .param("partner", partner.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() >= 2);
            var stranger = AccountFixtures.person(registration, jdbc);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> partnerWebhooks.redeliver(stranger, partner.id(), message.messageId()))
                    .isInstanceOf(org.lowcarbontogether.shared.Refusal.class);
        }
    }

    @Test
    void theOrganisersAreToldByMailWhenAnEndpointIsDisabledEachInTheirLanguage() throws Exception {
        var english = AccountFixtures.person(registration, jdbc);
        var chinese = AccountFixtures.person(registration, jdbc);
        var member = AccountFixtures.person(registration, jdbc);
        organisations.addMember(partner.organisationId(), english.id(), Organisations.MemberRole.ORGANISER);
        organisations.addMember(partner.organisationId(), chinese.id(), Organisations.MemberRole.ORGANISER);
        organisations.addMember(partner.organisationId(), member.id(), Organisations.MemberRole.MEMBER);
        settings.setLanguage(chinese, "zh-CN");
        try (var receiver = new HookReceiver(410)) {
            var registered = webhooks.register(partner.id(), URI.create(receiver.url()), Set.of("activity.credited"));
            String token = PartnerFixtures.accessToken(api, live, "activities.write");
            api.post(
                    "/api/v1/partner/activities",
                    PartnerFixtures.order(subject, "gone-1"),
                    "Authorization",
                    bearer(token));

            var mail = TestMail.await(english.email(), "Webhooks to Hook Eats stopped");
            assertThat(mail.text())
                    .contains(receiver.url())
                    .contains(registered.endpoint().id().toString())
                    .contains("410 Gone")
                    .contains(
                            "/api/v1/partner/webhooks/" + registered.endpoint().id() + "/enable");
            assertThat(mail.html()).contains(receiver.url());
            var chineseMail = TestMail.await(chinese.email(), "回调已停止");
            assertThat(chineseMail.text()).contains(receiver.url()).contains("410");
            assertThat(TestMail.to(member.email())).isEmpty();
        }
    }
}
