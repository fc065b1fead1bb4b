package org.lowcarbontogether.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Turns a bearer token into an authenticated principal; the accounts module provides it. */
public interface ApiTokenAuthenticator {

    /** Authorities a token carries for each scope it was issued with, for example {@code SCOPE_read}. */
    String SCOPE_PREFIX = "SCOPE_";

    /**
     * The token's principal, or empty for a token that is unknown, expired or revoked; throws a {@link
     * org.lowcarbontogether.shared.Refusal} for a valid token whose use is refused (its person is suspended).
     */
    Optional<Authentication> authenticate(String token);
}
