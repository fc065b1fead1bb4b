package org.lowcarbontogether.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SessionValidity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * A session stands while its person's credentials version is the one it signed in with. Versions are remembered per
 * instance and forgotten as soon as {@link AccountChanges} reports a change, on every instance.
 */
@Component
class SessionCredentials implements SessionValidity {

    private final Users users;
    private final Cache<UUID, Integer> versions = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    SessionCredentials(Users users, AccountChanges changes) {
        this.users = users;
        changes.onChange(this::forget);
    }

    @Override
    public boolean isCurrent(Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof AuthenticatedUser person)) {
            return true;
        }
        return versions.get(person.id(), users::credentialsVersion) == person.credentialsVersion();
    }

    private void forget(@Nullable UUID userId) {
        if (userId == null) {
            versions.invalidateAll();
        } else {
            versions.invalidate(userId);
        }
    }
}
