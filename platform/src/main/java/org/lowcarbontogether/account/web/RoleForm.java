package org.lowcarbontogether.account.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.RoleGrants;

/**
 * A role to grant or withdraw on a person's page: the role, where it applies, and the programme or organisation it is
 * scoped to (the form offers both lists; the scope says which counts). A withdrawal sends the grant's own scope id.
 */
class RoleForm {

    private String role = "";
    private String scope = "PLATFORM";
    private @Nullable UUID programmeId;
    private @Nullable UUID organisationId;
    private @Nullable UUID scopeId;

    RoleGrants.Change toChange() {
        @Nullable
        UUID chosen = switch (scope) {
            case "PROGRAMME" -> programmeId != null ? programmeId : scopeId;
            case "ORGANISATION" -> organisationId != null ? organisationId : scopeId;
            default -> null;
        };
        return new RoleGrants.Change(role, scope, chosen);
    }

    public String getRole() {
        return role;
    }

    public void setRole(@Nullable String role) {
        this.role = role == null ? "" : role;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(@Nullable String scope) {
        this.scope = scope == null ? "PLATFORM" : scope;
    }

    public @Nullable UUID getProgrammeId() {
        return programmeId;
    }

    public void setProgrammeId(@Nullable UUID programmeId) {
        this.programmeId = programmeId;
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public @Nullable UUID getScopeId() {
        return scopeId;
    }

    public void setScopeId(@Nullable UUID scopeId) {
        this.scopeId = scopeId;
    }
}
