package org.lowcarbontogether.shared;

import java.util.Set;
import java.util.UUID;

/**
 * Who acts, as the business modules see them: a person's id and roles — nothing about how they signed in. The signed-in
 * user of the web edge is one; demo data and jobs make their own with {@link #of}. Organisation memberships are not
 * carried here but checked against the database at each action, so a withdrawn membership counts at once.
 */
public interface Actor {

    UUID id();

    Set<Role> roles();

    default boolean hasRole(Role role) {
        return roles().contains(role);
    }

    static Actor of(UUID id, Set<Role> roles) {
        return new Person(id, Set.copyOf(roles));
    }

    /** An actor that is only its id and roles. */
    record Person(UUID id, Set<Role> roles) implements Actor {}
}
