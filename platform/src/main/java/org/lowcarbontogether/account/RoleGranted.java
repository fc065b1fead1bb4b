package org.lowcarbontogether.account;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Role;

/**
 * A person was given a role in a scope (published in the granting transaction; the grants module appoints a programme
 * officer to their programme as it happens).
 */
public record RoleGranted(
        UUID userId,
        Role role,
        RoleGrants.ScopeKind scopeKind,
        @Nullable UUID scopeId,
        @Nullable UUID grantedBy) {}
