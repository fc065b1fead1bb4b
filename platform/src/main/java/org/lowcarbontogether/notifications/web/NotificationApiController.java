package org.lowcarbontogether.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Announcements;
import org.lowcarbontogether.notifications.Announcements.Audience;
import org.lowcarbontogether.notifications.Goals;
import org.lowcarbontogether.notifications.NotificationKind;
import org.lowcarbontogether.notifications.Notifications;
import org.lowcarbontogether.notifications.Preferences;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My notifications, my preferences per kind, my weekly goal; organisers' announcements. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Notifications", description = "In-app notifications, preferences per kind, weekly goal, announcements")
class NotificationApiController {

    private final Notifications notifications;
    private final Preferences preferences;
    private final Goals goals;
    private final Announcements announcements;
    private final NotificationTexts texts;

    NotificationApiController(
            Notifications notifications,
            Preferences preferences,
            Goals goals,
            Announcements announcements,
            NotificationTexts texts) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.goals = goals;
        this.announcements = announcements;
        this.texts = texts;
    }

    record NotificationView(
            UUID id,
            NotificationKind kind,
            String title,
            String text,
            @Nullable String link,
            Instant createdAt,
            @Nullable Instant readAt) {}

    record NotificationList(long unread, List<NotificationView> notifications) {}

    @GetMapping("/account/notifications")
    @Operation(
            summary = "My notifications",
            description = "Newest first, at most limit (1–200, 50 by default), older than before when given; title and "
                    + "text in the caller's language (Accept-Language).")
    NotificationList list(
            @AuthenticationPrincipal Actor me,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable Instant before,
            Locale locale) {
        return new NotificationList(
                notifications.unread(me.id()),
                notifications.newest(me.id(), limit, before).stream()
                        .map(n -> new NotificationView(
                                n.id(),
                                n.kind(),
                                texts.title(n, locale),
                                texts.text(n, locale),
                                n.link(),
                                n.createdAt(),
                                n.readAt()))
                        .toList());
    }

    @PostMapping("/account/notifications/{id}/read")
    @Operation(summary = "Mark one of my notifications read", description = "404 when it is not mine.")
    ResponseEntity<Void> read(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        notifications.markRead(me.id(), id);
        return ResponseEntity.noContent().build();
    }

    record MarkedRead(int markedRead) {}

    @PostMapping("/account/notifications/read")
    @Operation(summary = "Mark all my notifications read")
    MarkedRead readAll(@AuthenticationPrincipal Actor me) {
        return new MarkedRead(notifications.markAllRead(me.id()));
    }

    record PreferenceView(
            @Nullable String kind,
            @Nullable Boolean inApp,
            @Nullable Boolean email) {}

    @GetMapping("/account/notifications/preferences")
    @Operation(summary = "How I want each kind of notification delivered: in the app, by email")
    List<PreferenceView> preferences(@AuthenticationPrincipal Actor me) {
        return views(preferences.of(me.id()));
    }

    @PutMapping("/account/notifications/preferences")
    @Operation(
            summary = "Set how I want kinds of notification delivered",
            description =
                    "A list of {kind, inApp, email}; kinds not listed keep their setting, a channel left out keeps "
                            + "its setting. 400 names an unknown kind. The weekly digest and the streak nudge are off until chosen.")
    List<PreferenceView> setPreferences(
            @AuthenticationPrincipal Actor me, @RequestBody List<@Nullable PreferenceView> body) {
        var current = preferences.of(me.id());
        var chosen = new ArrayList<Preferences.Preference>();
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < body.size(); i++) {
            var p = body.get(i);
            if (p == null) {
                violations.add(Violation.of("[" + i + "]", "field-required", "[" + i + "]"));
                continue;
            }
            var kind = NotificationKind.parse(p.kind() == null ? "" : p.kind());
            if (kind.isEmpty()) {
                violations.add(Violation.of("[" + i + "].kind", "value-unknown", p.kind() == null ? "" : p.kind()));
                continue;
            }
            var was = current.stream()
                    .filter(c -> c.kind() == kind.get())
                    .findFirst()
                    .orElseThrow();
            chosen.add(new Preferences.Preference(
                    kind.get(),
                    p.inApp() == null ? was.inApp() : p.inApp(),
                    p.email() == null ? was.email() : p.email()));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        return views(preferences.set(me, chosen));
    }

    private static List<PreferenceView> views(List<Preferences.Preference> all) {
        return all.stream()
                .map(p -> new PreferenceView(p.kind().name(), p.inApp(), p.email()))
                .toList();
    }

    record GoalView(
            @Nullable String measure,
            @Nullable BigDecimal target,
            LocalDate weekStart,
            LocalDate weekEnd,
            long behaviours,
            long reductionGrams,
            @Nullable Integer percent,
            boolean reached,
            int streak,
            boolean streakNudge) {

        static GoalView of(Goals.Progress p) {
            var goal = p.goal();
            return new GoalView(
                    goal == null ? null : goal.measure().name(),
                    goal == null ? null : goal.shown(),
                    p.weekStart(),
                    p.weekEnd(),
                    p.behaviours(),
                    p.reduction().grams(),
                    goal == null ? null : p.percent(),
                    p.reached(),
                    p.streak(),
                    p.streakNudge());
        }
    }

    record GoalRequest(
            @Nullable String measure,
            @Nullable BigDecimal target,
            @Nullable Boolean streakNudge) {}

    @GetMapping("/account/goal")
    @Operation(
            summary = "My weekly goal and this week's progress",
            description = "Programme weeks run Monday to Sunday, China Standard Time. measure and target are absent "
                    + "when no goal is set; target is a number of behaviours or kilograms CO2e.")
    GoalView goal(@AuthenticationPrincipal Actor me) {
        return GoalView.of(goals.progress(me.id()));
    }

    @PutMapping("/account/goal")
    @Operation(
            summary = "Set my weekly goal",
            description =
                    "measure BEHAVIOURS (target 1–500) or KILOGRAMS (0.001–10,000); streakNudge, when given, turns "
                            + "the nudge before a streak breaks on or off.")
    GoalView setGoal(@AuthenticationPrincipal Actor me, @RequestBody GoalRequest request) {
        return GoalView.of(goals.set(me, request.measure(), request.target(), request.streakNudge()));
    }

    @DeleteMapping("/account/goal")
    @Operation(summary = "Remove my weekly goal")
    ResponseEntity<Void> clearGoal(@AuthenticationPrincipal Actor me) {
        goals.clear(me);
        return ResponseEntity.noContent().build();
    }

    record AnnouncementRequest(
            @Nullable String title, @Nullable String body) {}

    @PostMapping("/{kind:communities|campaigns}/{id}/announcements")
    @Operation(
            summary = "Announce something to a community's members or a campaign's participants",
            description =
                    "Organisers of the group's organisation only (403). Title 3–120 and body 10–2,000 characters. "
                            + "At most three per group in 24 hours (429 announcement-too-frequent). Delivered after this "
                            + "answer, to each person as they chose.")
    ResponseEntity<Announcements.Announcement> announce(
            @AuthenticationPrincipal Actor me,
            @PathVariable String kind,
            @PathVariable UUID id,
            @RequestBody AnnouncementRequest request) {
        var posted = announcements.post(me, Audience.of(kind), id, request.title(), request.body());
        return ResponseEntity.created(URI.create("/api/v1/" + kind + "/" + id + "/announcements"))
                .body(posted);
    }

    @GetMapping("/{kind:communities|campaigns}/{id}/announcements")
    @Operation(summary = "A group's announcements, newest first (its organisers)")
    List<Announcements.Announcement> announcements(
            @AuthenticationPrincipal Actor me, @PathVariable String kind, @PathVariable UUID id) {
        return announcements.of(me, Audience.of(kind), id);
    }
}
