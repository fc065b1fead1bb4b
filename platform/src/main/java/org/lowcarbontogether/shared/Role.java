package org.lowcarbontogether.shared;

/**
 * What a person may do on the platform; organisation-scoped permissions come from memberships. Labels are {@code
 * role.<name>}.
 */
public enum Role {
    PARTICIPANT,
    ORGANISER,
    PARTNER,
    REVIEWER,
    PROGRAMME_OFFICER,
    ADMIN,
    /** Funds rewards or programmes. */
    SPONSOR,
    /** Reviews product carbon footprints and labels. */
    PRODUCT_REVIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
