package org.lowcarbontogether.notifications.web;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Notifications;
import org.lowcarbontogether.notifications.Preferences;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's notifications, newest first, and how they want each kind delivered. */
@Controller
class NotificationPageController {

    static final int PAGE = 50;

    private final Notifications notifications;
    private final Preferences preferences;
    private final NotificationTexts texts;

    NotificationPageController(Notifications notifications, Preferences preferences, NotificationTexts texts) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.texts = texts;
    }

    @GetMapping("/account/notifications")
    String list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable Instant before,
            Model model,
            Locale locale) {
        var newest = notifications.newest(me.id(), PAGE, before);
        model.addAttribute(
                "notifications", newest.stream().map(n -> texts.page(n, locale)).toList());
        model.addAttribute("unread", notifications.unread(me.id()));
        model.addAttribute(
                "older", newest.size() == PAGE ? newest.getLast().createdAt().toString() : null);
        return "notifications/list";
    }

    /** Opens a notification: marks it read and goes where it leads (a path of the platform), or back to the list. */
    @GetMapping("/account/notifications/{id}")
    String open(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var notification = notifications.markRead(me.id(), id);
        String link = notification.link();
        return link != null && link.startsWith("/") && !link.startsWith("//")
                ? "redirect:" + link
                : "redirect:/account/notifications";
    }

    @PostMapping("/account/notifications/{id}/read")
    String read(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        notifications.markRead(me.id(), id);
        return "redirect:/account/notifications#notification-" + id;
    }

    @PostMapping("/account/notifications/read")
    String readAll(@AuthenticationPrincipal Actor me, RedirectAttributes redirect) {
        redirect.addFlashAttribute("markedRead", notifications.markAllRead(me.id()));
        return "redirect:/account/notifications";
    }

    @GetMapping("/account/notifications/preferences")
    String preferences(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("preferences", preferences.of(me.id()));
        return "notifications/preferences";
    }

    @PostMapping("/account/notifications/preferences")
    String savePreferences(@AuthenticationPrincipal Actor me, PreferencesInput input, RedirectAttributes redirect) {
        preferences.set(me, input.toPreferences());
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account/notifications/preferences";
    }
}
