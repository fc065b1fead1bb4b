package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;

/**
 * An officer changes a partner after onboarding: its clients take new redirect addresses and scenario scopes at once,
 * a scenario people consented to may lose behaviours but never gain one, and a scenario removed stops its activities.
 */
@IntegrationTest
class PartnerChangeIntegrationTests extends PartnerScenario {

    AuthenticatedUser person;
    String subject;

    @BeforeEach
    void setUp() {
        onboard("Change Eats");
        person = person();
        subject = linked(person, "orders", "rides");
    }

    @Test
    void anOfficerChangesTheRedirectAddressesAndScenariosOnThePartnersPage() {
        var office = new WebSession(port).signIn(officer.email(), AccountFixtures.PASSWORD);
        for (String language : new String[] {"en", "zh-CN"}) {
            var page = office.get("/admin/partners/" + partner.id() + "/edit", language);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(PartnerFixtures.REDIRECT).doesNotContain("??");
        }
        String edit = "/admin/partners/" + partner.id() + "/edit";
        var saved = office.post(
                "/admin/partners/" + partner.id(),
                Map.of(
                        "nameEn", "Change Eats Global",
                        "nameZh", "绿色外卖",
                        "behaviours", "NO_DISPOSABLE_CUTLERY",
                        "scenarios",
                                "orders | Orders without cutlery | 不要一次性餐具的订单 | NO_DISPOSABLE_CUTLERY\n"
                                        + "groceries | Grocery orders without cutlery | 买菜订单不要餐具 | NO_DISPOSABLE_CUTLERY",
                        "redirectUris", "https://app.change-eats.example/callback"),
                edit);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);

        var changed = partners.get(officer, partner.id());
        assertThat(changed.nameEn()).isEqualTo("Change Eats Global");
        assertThat(changed.redirectUris()).containsExactly("https://app.change-eats.example/callback");
        assertThat(changed.scenarios()).extracting(Partners.Scenario::code).containsExactly("groceries", "orders");
        String registered = jdbc.sql(
                        "select redirect_uris || ' ' || scopes from oauth2_registered_client where client_id = :id")
                .param("id", live.clientId())
                .query(String.class)
                .single();
        assertThat(registered)
                .contains("https://app.change-eats.example/callback")
                .doesNotContain(PartnerFixtures.REDIRECT)
                .contains("scenario.groceries")
                .doesNotContain("scenario.rides");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'partner-changed' and target_id = :id")
                        .param("id", partner.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // Rides are gone (behaviour and scenario): a ride the person had agreed to share is no longer credited.
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        var ride = api.post(
                "/api/v1/partner/activities",
                """
                {"subject":"%s","scenario":"rides","behaviour":"BIKE_SHARE_INSTEAD_OF_CAR","quantity":3,"unit":"km",
                 "occurredAt":"%s","reference":"ride-%s"}""".formatted(subject, PartnerFixtures.at(1), UUID.randomUUID()),
                "Authorization",
                bearer(token));
        assertThat(ride.status()).isEqualTo(403);
        assertThat(ride.json().get("type").asString()).isEqualTo("/problems/behaviour-not-allowed");
        var order = api.post(
                "/api/v1/partner/activities",
                PartnerFixtures.order(subject, "order-" + UUID.randomUUID()),
                "Authorization",
                bearer(token));
        assertThat(order.status()).isEqualTo(201);
    }

    @Test
    void aScenarioPeopleConsentedToNeverGainsABehaviour() {
        var widened = new Partners.Onboarding(
                null,
                partner.nameEn(),
                partner.nameZh(),
                List.of("NO_DISPOSABLE_CUTLERY", "BIKE_SHARE_INSTEAD_OF_CAR"),
                List.of(
                        new Partners.Scenario(
                                "orders",
                                "Orders",
                                "订单",
                                List.of("NO_DISPOSABLE_CUTLERY", "BIKE_SHARE_INSTEAD_OF_CAR")),
                        new Partners.Scenario("rides", "Rides", "骑行", List.of("BIKE_SHARE_INSTEAD_OF_CAR"))),
                List.of(PartnerFixtures.REDIRECT));
        String officerToken = api.token(officer.email(), AccountFixtures.PASSWORD);
        var refused =
                api.put("/api/v1/admin/partners/" + partner.id(), json(widened), "Authorization", bearer(officerToken));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .contains("cannot gain behaviours");
        assertThat(partners.get(officer, partner.id())
                        .scenario("orders")
                        .orElseThrow()
                        .behaviours())
                .containsExactly("NO_DISPOSABLE_CUTLERY");

        // Nobody but officers changes a partner.
        var participant = api.put(
                "/api/v1/admin/partners/" + partner.id(),
                json(widened),
                "Authorization",
                bearer(api.newParticipantToken()));
        assertThat(participant.status()).isEqualTo(403);
    }

    private static String json(Partners.Onboarding form) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(form);
    }
}
