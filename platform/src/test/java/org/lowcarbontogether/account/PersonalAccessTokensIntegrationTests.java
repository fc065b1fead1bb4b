package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.support.TransactionTemplate;

/** Checked tokens are remembered for a few seconds; revocation, role changes and expiry still count on the next request. */
@IntegrationTest
class PersonalAccessTokensIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Registration registration;

    @Autowired
    PersonalAccessTokens tokens;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccountChanges changes;

    @Test
    void aRevokedTokenIsRefusedOnTheNextRequest() {
        var api = new ApiClient(port);
        var me = AccountFixtures.person(registration, jdbc);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        assertThat(api.get("/api/v1/account", "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/account", "Authorization", "Bearer " + token)
                        .status())
                .as("remembered")
                .isEqualTo(200);

        transactions.executeWithoutResult(status -> tokens.revokeAll(me.id()));

        var refused = api.get("/api/v1/account", "Authorization", "Bearer " + token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-token");
    }

    @Test
    void aGrantedRoleCountsOnTheNextRequest() {
        var me = AccountFixtures.person(registration, jdbc);
        String token = tokens.issue(me.id(), "test").token();
        assertThat(roles(tokens, token)).doesNotContain("ROLE_PROGRAMME_OFFICER");

        transactions.executeWithoutResult(status -> registration.grantRole(me.id(), Role.PROGRAMME_OFFICER));

        assertThat(roles(tokens, token)).contains("ROLE_PROGRAMME_OFFICER");
    }

    @Test
    void aRememberedTokenStillExpires() {
        var now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
        var clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var shortLived = new PersonalAccessTokens(jdbc, clock, Duration.ofMinutes(1), Duration.ofHours(1), changes);
        var me = AccountFixtures.person(registration, jdbc);
        String token = transactions
                .execute(status -> shortLived.issue(me.id(), "short"))
                .token();
        assertThat(shortLived.authenticate(token)).isPresent();

        now.set(now.get().plus(Duration.ofSeconds(61)));

        assertThat(shortLived.authenticate(token))
                .as("expired although remembered for an hour")
                .isEmpty();
    }

    private static List<String> roles(PersonalAccessTokens tokens, String token) {
        return tokens.authenticate(token).orElseThrow().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
