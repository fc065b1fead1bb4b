package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class RegistrationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    static String body(String email, String password, String name) {
        return "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"%s\"}".formatted(email, password, name);
    }

    @Test
    void registersAndStoresOnlyAPasswordHash() {
        String email = "Mei-" + UUID.randomUUID() + "@Example.org";
        var response = api.post("/api/v1/users", body(email, "walk to school every day", "Mei"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("email").asString()).isEqualTo(email.toLowerCase());
        String hash = jdbc.sql("select password_hash from app_user where email = :e")
                .param("e", email.toLowerCase())
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("walk to school");
    }

    @Test
    void aTakenEmailIs409() {
        String email = "taken-" + UUID.randomUUID() + "@example.org";
        api.post("/api/v1/users", body(email, "walk to school every day", "First"));

        var again = api.post("/api/v1/users", body(email.toUpperCase(), "another long passphrase", "Second"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("/problems/email-taken");
        assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        var response = api.post("/api/v1/users", body("not-an-address", "short", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("email", "displayName", "password");
    }

    @Test
    void refusesACommonPassword() {
        var response = api.post("/api/v1/users", body("c-" + UUID.randomUUID() + "@example.org", "password123", "C"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .contains("too easy to guess");
    }

    @Test
    void tokensNeedTheRightPassword() {
        String email = "t-" + UUID.randomUUID() + "@example.org";
        api.post("/api/v1/users", body(email, "walk to school every day", "T"));
        String basic = Base64.getEncoder().encodeToString((email + ":wrong password here").getBytes());

        var refused = api.post("/api/v1/tokens", "{}", "Authorization", "Basic " + basic);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.token(email, "walk to school every day")).startsWith("lct_");
        assertThat(jdbc.sql("select count(*) from personal_access_token where token_hash like 'lct_%'")
                        .query(Long.class)
                        .single())
                .as("tokens are stored hashed")
                .isZero();
    }

    @Test
    void theConfiguredAdministratorExists() {
        String roles = jdbc.sql("select roles from app_user where email = 'admin@test.lowcarbontogether.org'")
                .query(String.class)
                .single();
        assertThat(roles).contains("ADMIN");
    }
}
