package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.partners.PartnerLinks;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A person's links to partners: see them, and revoke any. */
@RestController
@Tag(name = "Partners")
class PartnerLinksApiController {

    private final PartnerLinks links;

    PartnerLinksApiController(PartnerLinks links) {
        this.links = links;
    }

    @GetMapping("/api/v1/account/partner-links")
    @Operation(summary = "My links to partners, current and revoked")
    List<PartnerLinks.LinkView> mine(@AuthenticationPrincipal AuthenticatedUser me) {
        return links.mine(me);
    }

    @DeleteMapping("/api/v1/account/partner-links/{id}")
    @Operation(summary = "Revoke a link: the partner's credits stop now and its access is removed")
    PartnerLinks.LinkView revoke(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return links.revoke(me, id);
    }
}
