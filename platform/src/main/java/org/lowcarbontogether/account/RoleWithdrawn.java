package org.lowcarbontogether.account;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Role;

/**
 * A person's role in a scope was withdrawn; {@code roleRemains} says whether they still hold the role in another scope
 * (when not, whatever it gave them elsewhere ends too).
 */
public record RoleWithdrawn(
        UUID userId,
        Role role,
        RoleGrants.ScopeKind scopeKind,
        @Nullable UUID scopeId,
        boolean roleRemains,
        @Nullable UUID withdrawnBy) {}
