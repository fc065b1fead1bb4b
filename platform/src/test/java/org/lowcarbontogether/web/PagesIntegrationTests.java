package org.lowcarbontogether.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public pages render in both languages, with security headers, and private pages ask for sign-in. */
@IntegrationTest
class PagesIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient web;

    @BeforeEach
    void setUp() {
        web = new ApiClient(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/methodology",
                "/methodology/behaviours/METRO_INSTEAD_OF_CAR",
                "/register",
                "/login",
                "/communities",
                "/campaigns",
                "/events",
                "/stories"
            })
    void publicPagesRenderInEnglishAndChinese(String path) {
        var english = web.get(path, "Accept-Language", "en");
        var chinese = web.get(path, "Accept-Language", "zh-CN,zh;q=0.9");

        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("Low Carbon Together").contains("lang=\"en\"");
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.body()).contains("低碳同行").contains("lang=\"zh-CN\"");
        assertThat(english.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(english.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(english.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void theLanguageSwitchIsRemembered() {
        var switched = web.get("/?lang=zh-CN", "Accept-Language", "en");
        assertThat(switched.body()).contains("项目实时成效");
        String cookie = switched.header("Set-Cookie");
        assertThat(cookie).startsWith("lang=zh-CN");

        var later = web.get("/methodology", "Accept-Language", "en", "Cookie", cookie.split(";")[0]);
        assertThat(later.body()).contains("排放因子");
    }

    @Test
    void theMethodologyPageShowsFactorsWithTheirSources() {
        var page = web.get("/methodology/behaviours/ELECTRICITY_SAVED", "Accept-Language", "en");
        assertThat(page.body()).contains("0.5306").contains("CN-GRID-SOUTH").contains("consumption accounting");
        assertThat(page.body()).contains("carbon-market reporting (not used for personal accounts)");
    }

    @Test
    void privatePagesRedirectToSignIn() {
        var record = web.get("/record");
        assertThat(record.status()).isEqualTo(302);
        assertThat(record.header("Location")).endsWith("/login");
        assertThat(web.get("/account").status()).isEqualTo(302);
    }

    @Test
    void formPostsNeedACsrfToken() {
        var post = web.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/register"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "email=a%40b.org&displayName=A&password=long+enough+password"))
                .header("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(post.status()).isEqualTo(403);
    }

    @Test
    void openApiAndHealthArePublished() {
        var docs = web.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/v1/records")
                .contains("/api/v1/impact")
                .contains("Idempotency-Key");
        // Partners have their own group: only what they call, with its OAuth 2.0 flows and the guide.
        var partners = web.get("/v3/api-docs/partners");
        assertThat(partners.status()).isEqualTo(200);
        assertThat(partners.body())
                .contains("/api/v1/partner/activities", "/api/v1/open-data/partners", "clientCredentials", "Reconcile")
                .doesNotContain("/api/v1/records\"");
        assertThat(web.get("/v3/api-docs/platform").body())
                .contains("/api/v1/records")
                .doesNotContain("/api/v1/partner/activities");
        assertThat(web.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(web.get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void unknownBehaviourPageIs404() {
        assertThat(web.get("/methodology/behaviours/NOPE").status()).isEqualTo(404);
    }
}
