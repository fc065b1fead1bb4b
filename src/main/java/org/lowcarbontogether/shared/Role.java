package org.lowcarbontogether.shared;

/** What a person may do on the platform; organisation-scoped permissions come from memberships. */
public enum Role {
    PARTICIPANT,
    ORGANISER,
    PARTNER,
    REVIEWER,
    PROGRAMME_OFFICER,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
