package org.lowcarbontogether.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the accounts module needs to know about grant programmes to scope a role to one: which exist, their names, and
 * who are their officers. The grants module answers; without it, no role can be scoped to a programme.
 */
public interface ProgrammeScopes {

    /** A programme as a scope: its id and name. */
    record Programme(UUID id, String name) {}

    List<Programme> programmes();

    Optional<String> name(UUID programmeId);

    boolean isOfficer(UUID userId, UUID programmeId);
}
