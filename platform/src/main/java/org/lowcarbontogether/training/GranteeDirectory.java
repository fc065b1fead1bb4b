package org.lowcarbontogether.training;

import java.util.UUID;

/**
 * A service provider interface for the module that knows the programme's grantees (the grant programme implements
 * it): a grantees' course is open to members of an organisation holding an award. With no implementation, a grantees'
 * course is open to nobody but those its organisers invited.
 */
public interface GranteeDirectory {

    /** Whether the person belongs to an organisation that holds an award in a grant programme. */
    boolean isGranteeMember(UUID userId);
}
