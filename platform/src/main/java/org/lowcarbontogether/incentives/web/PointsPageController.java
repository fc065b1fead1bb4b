package org.lowcarbontogether.incentives.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.Badges;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.incentives.PointsEntry;
import org.lowcarbontogether.incentives.PointsRules;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Points: the public rules, a participant's points with the reason for each entry, their badges, what a record brought. */
@Controller
class PointsPageController {

    /** Evidence levels from the weakest to the strongest, as the rules page lists them. */
    static final List<String> EVIDENCE =
            List.of("SELF_REPORT", "PHOTO", "ORGANISER_VERIFIED", "GPS", "PARTNER_VERIFIED");

    private final PointsRules rules;
    private final Points points;
    private final Badges badges;
    private final WhyText why;

    PointsPageController(PointsRules rules, Points points, Badges badges, WhyText why) {
        this.rules = rules;
        this.points = points;
        this.badges = badges;
        this.why = why;
    }

    @GetMapping("/incentives/rules")
    String rules(Model model) {
        model.addAttribute("current", rules.current());
        model.addAttribute("versions", rules.versions());
        model.addAttribute("evidenceLevels", EVIDENCE);
        return "incentives/rules";
    }

    /** An entry with its explanation, for the page. */
    record Line(PointsEntry entry, List<String> why) {}

    @GetMapping("/account/points")
    String points(@AuthenticationPrincipal AuthenticatedUser me, Model model, Locale locale) {
        model.addAttribute("summary", points.summary(me.id()));
        model.addAttribute(
                "lines",
                points.entries(me.id(), 200).stream()
                        .map(e -> new Line(e, why.lines(e, locale)))
                        .toList());
        return "incentives/points";
    }

    /** A badge of the rules, and when the person earned it (null: not yet). */
    record BadgeLine(PointsRules.Badge badge, @Nullable Instant awardedAt) {}

    /** What a credited record brought, once its points are booked (they are booked just after the credit). */
    record Brought(long points, long balance, String level, int streak, List<String> badges) {}

    /**
     * The points, streak and new badges a credited record brought, for the account page's banner (htmx). Points are
     * booked just after the credit: until they are, the fragment asks again, a few times, then says where to look.
     */
    @GetMapping("/account/entries/{id}/rewards")
    String brought(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(name = "try", defaultValue = "0") int attempt,
            Model model,
            Locale locale) {
        var earned = points.entries(me.id(), 50).stream()
                .filter(e -> e.kind() == PointsEntry.Kind.EARNED && id.equals(e.sourceId()))
                .findFirst();
        model.addAttribute("entryId", id);
        model.addAttribute("next", attempt + 1);
        model.addAttribute("again", earned.isEmpty() && attempt < 8);
        earned.ifPresent(e -> {
            var summary = points.summary(me.id());
            var current = rules.current();
            List<String> fresh = badges.of(me.id()).stream()
                    .filter(a -> !a.awardedAt().isBefore(e.bookedAt().minusSeconds(5)))
                    .map(a -> current.badges().stream()
                            .filter(b -> b.code().equals(a.code()))
                            .findFirst()
                            .map(b -> b.name().in(locale))
                            .orElse(a.code()))
                    .toList();
            model.addAttribute(
                    "brought",
                    new Brought(
                            e.points(),
                            summary.balance(),
                            summary.level().name().in(locale),
                            summary.streak().current(),
                            fresh));
        });
        return "incentives/brought :: brought";
    }

    @GetMapping("/account/badges")
    String badges(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Map<String, Instant> held = new HashMap<>();
        badges.of(me.id()).forEach(a -> held.put(a.code(), a.awardedAt()));
        model.addAttribute(
                "badges",
                rules.current().badges().stream()
                        .map(b -> new BadgeLine(b, held.get(b.code())))
                        .toList());
        model.addAttribute("earned", held.size());
        return "incentives/badges";
    }
}
