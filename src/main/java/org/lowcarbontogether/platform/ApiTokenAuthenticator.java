package org.lowcarbontogether.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Turns a bearer token into an authenticated principal; the accounts module provides it. */
public interface ApiTokenAuthenticator {

    Optional<Authentication> authenticate(String token);
}
