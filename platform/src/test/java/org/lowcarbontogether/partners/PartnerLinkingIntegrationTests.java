package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Linking an account over HTTP, as a partner's app and a person's browser do it: the authorisation-code flow with PKCE,
 * our consent page, and a token whose subject is the link's pairwise subject; then the person sees and revokes the link.
 */
@IntegrationTest
class PartnerLinkingIntegrationTests extends PartnerScenario {

    static String challenge(String verifier) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String path(String location) {
        var uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Test
    void aPersonLinksTheirAccountWithPkceAndThePartnerKnowsThemOnlyByAPairwiseSubject() throws Exception {
        onboard("Green Eats");
        var credentials = live;
        var person = person();

        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + credentials.clientId()
                + "&redirect_uri=" + URLEncoder.encode(PartnerFixtures.REDIRECT, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("scenario.orders scenario.rides", StandardCharsets.UTF_8)
                + "&state=app-state-1&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";

        var browser = new WebSession(port);
        var anonymous = browser.get(authorize);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).contains("/login");

        browser.signIn(person.email(), AccountFixtures.PASSWORD);
        var toConsent = browser.get(authorize);
        assertThat(toConsent.status()).as(toConsent.body()).isEqualTo(302);
        assertThat(toConsent.location()).contains("/oauth2/consent");

        String consentPath = path(toConsent.location());
        for (String language : new String[] {"en", "zh-CN"}) {
            var page = browser.get(consentPath, language);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(language.equals("en") ? "Green Eats" : partner.nameZh());
            assertThat(page.body())
                    .contains(language.equals("en") ? "Orders without disposable cutlery" : "不要一次性餐具的订单");
            // Words, never codes: the scopes travel only as the checkboxes' values.
            assertThat(page.body()).doesNotContain(">scenario.orders<").doesNotContain("NO_DISPOSABLE_CUTLERY");
        }
        String state = UriComponentsBuilder.fromUriString(toConsent.location())
                .build()
                .getQueryParams()
                .getFirst("state");

        var approved = browser.post(
                "/oauth2/authorize",
                Map.of("client_id", credentials.clientId(), "state", decoded(state), "scope", "scenario.orders"),
                consentPath);
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        assertThat(approved.location()).startsWith(PartnerFixtures.REDIRECT).contains("state=app-state-1");
        String code = UriComponentsBuilder.fromUriString(approved.location())
                .build()
                .getQueryParams()
                .getFirst("code");

        // The partner's server exchanges the code with its secret and the PKCE verifier.
        var api = new ApiClient(port);
        String basic = Base64.getEncoder()
                .encodeToString((credentials.clientId() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
        var wrongVerifier = exchange(api, basic, code, "not-the-verifier-" + UUID.randomUUID());
        assertThat(wrongVerifier.status()).isEqualTo(400);
        // The flow runs again for what was consented to: no consent page this time.
        var again = browser.get(authorize.replace(
                URLEncoder.encode("scenario.orders scenario.rides", StandardCharsets.UTF_8), "scenario.orders"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.location()).startsWith(PartnerFixtures.REDIRECT);
        code = UriComponentsBuilder.fromUriString(again.location())
                .build()
                .getQueryParams()
                .getFirst("code");
        var token = exchange(api, basic, code, verifier);
        assertThat(token.status()).as(token.body()).isEqualTo(200);

        var link = links.current(partner.id(), person.id()).orElseThrow();
        assertThat(link.scenarios()).containsExactly("orders");
        var claims = JsonMapper.builder()
                .build()
                .readTree(Base64.getUrlDecoder()
                        .decode(token.json().get("access_token").asString().split("\\.")[1]));
        assertThat(claims.get("sub").asString())
                .isEqualTo(link.subject())
                .isNotEqualTo(person.id().toString())
                .isNotEqualTo(person.email());
        assertThat(claims.get("partner").asString()).isEqualTo(partner.id().toString());

        // The person sees the link on their account and revokes it; the authorisation is removed.
        var mine = browser.get("/account/partners");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains("Green Eats").contains("Orders without disposable cutlery");
        var revoked = browser.post("/account/partners/" + link.id() + "/revoke", Map.of(), "/account/partners");
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(links.current(partner.id(), person.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where registered_client_id = :client")
                        .param("client", credentials.clientId())
                        .query(Long.class)
                        .single())
                .isZero();

        // The officer's page of the partner, in both languages, counts what it sent.
        var office = new WebSession(port).signIn(officer.email(), AccountFixtures.PASSWORD);
        for (String language : new String[] {"en", "zh-CN"}) {
            var page = office.get("/admin/partners/" + partner.id(), language);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(credentials.clientId()).doesNotContain("??");
        }
    }

    private static String decoded(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static ApiClient.Response exchange(ApiClient api, String basic, String code, String verifier) {
        String body = "grant_type=authorization_code&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(PartnerFixtures.REDIRECT, StandardCharsets.UTF_8)
                + "&code_verifier=" + URLEncoder.encode(verifier, StandardCharsets.UTF_8);
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                "Authorization",
                "Basic " + basic);
    }
}
