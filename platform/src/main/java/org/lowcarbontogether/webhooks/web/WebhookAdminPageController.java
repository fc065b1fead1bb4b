package org.lowcarbontogether.webhooks.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.webhooks.WebhookAdministration;
import org.lowcarbontogether.webhooks.WebhookOwnerNames;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Webhooks for administrators: every owner's endpoints, troubled ones first, and the latest failed attempts. */
@Controller
class WebhookAdminPageController {

    private final WebhookAdministration administration;
    private final List<WebhookOwnerNames> ownerNames;

    WebhookAdminPageController(WebhookAdministration administration, List<WebhookOwnerNames> ownerNames) {
        this.administration = administration;
        this.ownerNames = ownerNames;
    }

    @GetMapping("/admin/webhooks")
    String overview(@AuthenticationPrincipal Actor me, Locale locale, Model model) {
        var endpoints = administration.endpoints(me);
        var owners =
                endpoints.stream().map(s -> s.endpoint().ownerId()).distinct().toList();
        boolean chinese = locale.getLanguage().equals("zh");
        var names = new HashMap<UUID, String>();
        ownerNames.forEach(n -> names.putAll(n.names(owners, chinese)));
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("ownerNames", names);
        model.addAttribute("failures", administration.recentFailures(me));
        return "admin/webhooks";
    }
}
