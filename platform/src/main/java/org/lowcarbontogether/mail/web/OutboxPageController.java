package org.lowcarbontogether.mail.web;

import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.mail.MailOutbox;
import org.lowcarbontogether.mail.OutboxState;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The outbox for administrators: every message newest first, filtered by address and state, each opened with its text
 * (web addresses as links) and its HTML as source. Without a mail server this is where mail is read.
 */
@Controller
class OutboxPageController {

    private final MailOutbox outbox;

    OutboxPageController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/outbox")
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String address,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String page,
            Model model) {
        @Nullable
        OutboxState chosen = Arrays.stream(OutboxState.values())
                .filter(s -> s.name().equalsIgnoreCase(state == null ? "" : state.strip()))
                .findFirst()
                .orElse(null);
        int number = page != null && page.matches("\\d{1,6}") ? Integer.parseInt(page) : 0;
        var entries = outbox.list(me, address, chosen, number);
        boolean more = entries.size() > MailOutbox.PAGE_SIZE;
        model.addAttribute("entries", more ? entries.subList(0, MailOutbox.PAGE_SIZE) : entries);
        model.addAttribute("more", more);
        model.addAttribute("page", number);
        model.addAttribute("address", address == null ? "" : address.strip());
        model.addAttribute("state", chosen == null ? "" : chosen.name());
        model.addAttribute("states", OutboxState.values());
        model.addAttribute("mailServer", outbox.hasMailServer());
        return "admin/outbox";
    }

    @GetMapping("/admin/outbox/{id}")
    String message(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var message = outbox.get(me, id);
        model.addAttribute("message", message);
        model.addAttribute("pieces", TextLinks.pieces(message.text()));
        model.addAttribute("mailServer", outbox.hasMailServer());
        return "admin/outbox-message";
    }
}
