package org.lowcarbontogether.account;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person, as other modules see the caller: {@code @AuthenticationPrincipal AuthenticatedUser me}. */
public final class AuthenticatedUser implements Actor, UserDetails, CredentialsContainer {

    private final UUID id;
    private final String email;
    private final String displayName;
    private final Set<Role> roles;
    private final int credentialsVersion;
    private final boolean suspended;
    private @Nullable String passwordHash;

    AuthenticatedUser(UUID id, String email, String displayName, Set<Role> roles, @Nullable String passwordHash) {
        this(id, email, displayName, roles, passwordHash, 0);
    }

    AuthenticatedUser(
            UUID id,
            String email,
            String displayName,
            Set<Role> roles,
            @Nullable String passwordHash,
            int credentialsVersion) {
        this(id, email, displayName, roles, passwordHash, credentialsVersion, false);
    }

    AuthenticatedUser(
            UUID id,
            String email,
            String displayName,
            Set<Role> roles,
            @Nullable String passwordHash,
            int credentialsVersion,
            boolean suspended) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.roles = Set.copyOf(roles);
        this.passwordHash = passwordHash;
        this.credentialsVersion = credentialsVersion;
        this.suspended = suspended;
    }

    /** The version of the person's password and roles this sign-in saw; a session ends once they change. */
    public int credentialsVersion() {
        return credentialsVersion;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = roles.stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
        return authorities;
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    /**
     * A suspended person's password no longer signs them in. Spring Security checks this only after the password
     * matched, so whether an account is suspended is told only to someone who knows its password.
     */
    @Override
    public boolean isCredentialsNonExpired() {
        return !suspended;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthenticatedUser that && that.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "AuthenticatedUser[" + id + "]";
    }
}
