package org.lowcarbontogether.webhooks.web;

import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.webhooks.WebhookAdministration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Webhooks for administrators: every owner's endpoints, troubled ones first, and the latest failed attempts. */
@Controller
class WebhookAdminPageController {

    private final WebhookAdministration administration;

    WebhookAdminPageController(WebhookAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/admin/webhooks")
    String overview(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("endpoints", administration.endpoints(me));
        model.addAttribute("failures", administration.recentFailures(me));
        return "admin/webhooks";
    }
}
