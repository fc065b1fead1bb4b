package org.lowcarbontogether.partners;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.shared.Actor;

/** Partners for tests: onboarded for real, with credentials, and the token requests a partner makes. */
final class PartnerFixtures {

    private PartnerFixtures() {}

    static final String REDIRECT = "https://partner.example/callback";

    /** A food-delivery and bike-share partner crediting cutlery-free orders and rides, in two scenarios. */
    static Partners.Partner onboard(Partners partners, Organisations organisations, Actor officer, String name) {
        var organisation = organisations.create(name + " " + UUID.randomUUID(), Organisations.Kind.INTERNET_PARTNER);
        return partners.onboard(
                officer,
                new Partners.Onboarding(
                        organisation.id(),
                        name,
                        "合作方" + name.length(),
                        List.of("NO_DISPOSABLE_CUTLERY", "BIKE_SHARE_INSTEAD_OF_CAR"),
                        List.of(
                                new Partners.Scenario(
                                        "orders",
                                        "Orders without disposable cutlery",
                                        "不要一次性餐具的订单",
                                        List.of("NO_DISPOSABLE_CUTLERY")),
                                new Partners.Scenario("rides", "Rides", "骑行", List.of("BIKE_SHARE_INSTEAD_OF_CAR"))),
                        List.of(REDIRECT)));
    }

    static ApiClient.Response token(ApiClient api, String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                "Authorization",
                "Basic " + basic);
    }

    static String accessToken(ApiClient api, PartnerClients.Credentials credentials, String scope) {
        var response = token(api, credentials.clientId(), credentials.secret(), scope);
        if (response.status() != 200) {
            throw new IllegalStateException("Token refused: " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    static String at(int hoursAgo) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(hoursAgo)
                .withNano(0)
                .withSecond(0)
                .toString();
    }

    static String order(String subject, String reference) {
        return """
                {"subject":"%s","scenario":"orders","behaviour":"NO_DISPOSABLE_CUTLERY","quantity":1,"unit":"order",
                 "occurredAt":"%s","reference":"%s"}""".formatted(subject, at(1), reference);
    }

    static String ride(String subject, String reference, String claimKey) {
        return """
                {"subject":"%s","scenario":"rides","behaviour":"BIKE_SHARE_INSTEAD_OF_CAR","quantity":3.2,"unit":"km",
                 "occurredAt":"%s","reference":"%s","claimKey":"%s"}""".formatted(subject, at(2), reference, claimKey);
    }
}
