package org.lowcarbontogether.partners;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's OAuth 2.0 clients, one per mode, registered with the authorisation server (its JDBC repository): client
 * credentials for sending activities and reading reports, and the authorisation-code flow with PKCE for linking
 * people's accounts. The secret is made here, shown once and kept only as a hash ({@link PartnerSecrets}).
 */
@Component
public class PartnerClients {

    /** How long the previous secret keeps working after a new one is issued. */
    public static final Duration OVERLAP = Duration.ofDays(7);

    /** How long an access token is valid: the longest a signed token lives (authorisation codes are not signed). */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);

    /** What a partner's client-credentials token may be granted. */
    public static final List<String> SCOPES =
            List.of("activities.write", "links.read", "reports.read", "webhooks.manage");

    /** The consent scope of a scenario, as a partner asks for it in the authorisation request. */
    static String scenarioScope(String code) {
        return "scenario." + code;
    }

    /** Credentials as issued: the client id, the secret (this once), and until when the previous secret still works. */
    public record Credentials(
            Partners.Mode mode,
            String clientId,
            String secret,
            @Nullable Instant previousValidUntil) {}

    /** A partner's client as its page shows it. */
    public record Client(
            Partners.Mode mode,
            String clientId,
            Instant secretIssuedAt,
            @Nullable Instant previousValidUntil) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RegisteredClientRepository repository;
    private final PartnerSecrets secrets;
    private final Clock clock;

    PartnerClients(JdbcClient jdbc, RegisteredClientRepository repository, PartnerSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Credentials issue(Partners.Partner partner, Partners.Mode mode) {
        Instant now = clock.instant();
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        String hash = Objects.requireNonNull(secrets.encode(secret));
        var existing = client(partner.id(), mode);
        if (existing.isEmpty()) {
            String clientId = "lct-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + HexFormat.of().formatHex(bytes(10));
            repository.save(registered(partner, clientId, hash, now));
            jdbc.sql("""
                            insert into partner_client (partner_id, mode, client_id, secret_issued_at)
                            values (:partner, :mode, :client, :now)""")
                    .param("partner", partner.id())
                    .param("mode", mode.name())
                    .param("client", clientId)
                    .param("now", Timestamp.from(now))
                    .update();
            return new Credentials(mode, clientId, secret, null);
        }
        String clientId = existing.get().clientId();
        var registered = Objects.requireNonNull(repository.findByClientId(clientId));
        Instant until = now.plus(OVERLAP);
        String rotated = secrets.rotate(hash, registered.getClientSecret(), until);
        repository.save(RegisteredClient.from(registered).clientSecret(rotated).build());
        jdbc.sql("""
                        update partner_client set secret_issued_at = :now, previous_expires_at = :until
                        where partner_id = :partner and mode = :mode""")
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .param("partner", partner.id())
                .param("mode", mode.name())
                .update();
        return new Credentials(mode, clientId, secret, until);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void endOverlap(Partners.Partner partner, Partners.Mode mode) {
        var client = client(partner.id(), mode).orElseThrow(() -> Refusal.notFound("partner-client-unknown", "mode"));
        var registered = Objects.requireNonNull(repository.findByClientId(client.clientId()));
        repository.save(RegisteredClient.from(registered)
                .clientSecret(PartnerSecrets.current(Objects.requireNonNull(registered.getClientSecret())))
                .build());
        jdbc.sql("update partner_client set previous_expires_at = null where partner_id = :partner and mode = :mode")
                .param("partner", partner.id())
                .param("mode", mode.name())
                .update();
    }

    /**
     * The partner changed: each of its clients takes its name, redirect addresses and scenario scopes (the secret and
     * everything else stay). Tokens already issued keep the scopes they were granted until they expire.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void changed(Partners.Partner partner) {
        for (Client client : of(partner.id())) {
            var registered = Objects.requireNonNull(repository.findByClientId(client.clientId()));
            repository.save(RegisteredClient.from(registered)
                    .clientName(partner.nameEn())
                    .redirectUris(uris -> {
                        uris.clear();
                        uris.addAll(partner.redirectUris());
                    })
                    .scopes(scopes -> {
                        scopes.clear();
                        scopes.addAll(scopesOf(partner));
                    })
                    .build());
        }
    }

    List<Client> of(UUID partnerId) {
        return jdbc.sql("""
                        select mode, client_id, secret_issued_at, previous_expires_at from partner_client
                        where partner_id = :partner order by mode""")
                .param("partner", partnerId)
                .query((rs, n) -> {
                    var until = rs.getTimestamp("previous_expires_at");
                    Instant previous =
                            until == null || !until.toInstant().isAfter(clock.instant()) ? null : until.toInstant();
                    return new Client(
                            Partners.Mode.valueOf(rs.getString("mode")),
                            rs.getString("client_id"),
                            rs.getTimestamp("secret_issued_at").toInstant(),
                            previous);
                })
                .list();
    }

    Optional<Client> client(UUID partnerId, Partners.Mode mode) {
        return of(partnerId).stream().filter(c -> c.mode() == mode).findFirst();
    }

    /** The partner and mode a client id belongs to. */
    record Owner(UUID partnerId, Partners.Mode mode) {}

    Optional<Owner> owner(String clientId) {
        return jdbc.sql("select partner_id, mode from partner_client where client_id = :client")
                .param("client", clientId)
                .query((rs, n) ->
                        new Owner(rs.getObject("partner_id", UUID.class), Partners.Mode.valueOf(rs.getString("mode"))))
                .optional();
    }

    /** The partner's registered client ids (both modes), for removing a person's authorisations. */
    List<String> clientIds(UUID partnerId) {
        return of(partnerId).stream().map(Client::clientId).toList();
    }

    private static RegisteredClient registered(Partners.Partner partner, String clientId, String hash, Instant now) {
        var scopes = scopesOf(partner);
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientIdIssuedAt(now)
                .clientSecret(hash)
                .clientName(partner.nameEn())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(partner.redirectUris()))
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .build())
                .build();
    }

    /** The partner's scopes: the fixed ones and one per scenario. */
    private static Set<String> scopesOf(Partners.Partner partner) {
        var scopes = new LinkedHashSet<>(SCOPES);
        partner.scenarios().forEach(sc -> scopes.add(scenarioScope(Objects.requireNonNull(sc.code()))));
        return scopes;
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
