package org.lowcarbontogether.communities.web;

import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.CommunityInvitations;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's invitations to communities as the account page shows them, named in its template
 * ({@code ${@myCommunityInvitations.count()}}), so no Java dependency runs from the ledger's page to this module.
 */
@Component("myCommunityInvitations")
public class MyCommunityInvitations {

    private final CommunityInvitations invitations;

    MyCommunityInvitations(CommunityInvitations invitations) {
        this.invitations = invitations;
    }

    /** How many invitations wait for the signed-in person; 0 for anyone else. */
    public int count() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        @Nullable
        Actor me = authentication != null && authentication.getPrincipal() instanceof Actor actor ? actor : null;
        return me == null ? 0 : invitations.waiting(me);
    }
}
