package org.lowcarbontogether.platform;

import org.springframework.security.core.Authentication;

/**
 * Whether a signed-in web session still stands for its person as they are now: the accounts module ends a session
 * once its person's password or roles have changed since it signed in.
 */
public interface SessionValidity {

    boolean isCurrent(Authentication authentication);
}
