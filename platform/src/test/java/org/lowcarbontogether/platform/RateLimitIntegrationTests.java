package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Budgets small enough to exhaust in a test; its own application context. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "lct.rate-limits.sign-in.capacity=1000",
            "lct.sign-in.free-attempts-per-address=5",
            "lct.rate-limits.registration.capacity=3",
            "lct.rate-limits.writes.capacity=4"
        })
class RateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void guessingAnAccountsPasswordIsSlowedDown() {
        var api = new ApiClient(port);
        String basic = "Basic " + Base64.getEncoder().encodeToString("victim@example.org:guess".getBytes());
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/tokens", "{}", "Authorization", basic).status())
                    .isEqualTo(401);
        }
        var limited = api.post("/api/v1/tokens", "{}", "Authorization", basic);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(limited.json().get("type").asString()).isEqualTo("/problems/rate-limited");
    }

    @Test
    void registrationsPerAddressAreLimited() {
        var api = new ApiClient(port);
        int created = 0;
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            var response = api.post(
                    "/api/v1/users",
                    "{\"email\":\"r%s@example.org\",\"password\":\"green steps every day\",\"displayName\":\"R\"}"
                            .formatted(UUID.randomUUID()));
            if (response.status() == 201) {
                created++;
            } else if (response.status() == 429) {
                limited++;
            }
        }
        assertThat(created).isLessThanOrEqualTo(3);
        assertThat(limited).isGreaterThanOrEqualTo(2);
    }
}
