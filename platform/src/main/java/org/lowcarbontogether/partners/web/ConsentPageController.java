package org.lowcarbontogether.partners.web;

import jakarta.servlet.http.HttpServletResponse;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.partners.PartnerLinks;
import org.lowcarbontogether.platform.SecurityHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Our consent page in the authorisation-code flow: a partner's app sent the person here (through {@code
 * /oauth2/authorize}) to link their account. It names the partner, lists the scenarios to be shared in words, says what
 * is done with them and how to revoke; approving posts back to the authorisation server, which links the account and
 * returns to the partner.
 */
@Controller
class ConsentPageController {

    private final PartnerLinks links;

    ConsentPageController(PartnerLinks links) {
        this.links = links;
    }

    @GetMapping("/oauth2/consent")
    String consent(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam("client_id") String clientId,
            @RequestParam(defaultValue = "") String scope,
            @RequestParam String state,
            Model model,
            HttpServletResponse response) {
        var request = links.consentRequest(clientId, scope);
        // The form ends at the partner's redirect address: the page allows it as a form target, and nothing else.
        response.setHeader(
                "Content-Security-Policy", SecurityHeaders.contentSecurityPolicy(String.join(" ", request.origins())));
        model.addAttribute("request", request);
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("me", me);
        return "partners/consent";
    }
}
