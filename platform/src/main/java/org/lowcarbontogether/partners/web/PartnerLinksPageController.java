package org.lowcarbontogether.partners.web;

import java.util.UUID;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.partners.PartnerLinks;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** A person's linked partners: every link, what it shares, and a button to revoke it. */
@Controller
class PartnerLinksPageController {

    private final PartnerLinks links;

    PartnerLinksPageController(PartnerLinks links) {
        this.links = links;
    }

    @GetMapping("/account/partners")
    String mine(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("links", links.mine(me));
        return "partners/links";
    }

    @PostMapping("/account/partners/{id}/revoke")
    String revoke(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        links.revoke(me, id);
        return "redirect:/account/partners?revoked";
    }
}
