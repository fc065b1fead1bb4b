package org.lowcarbontogether.rides.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.GroupRideMaps;
import org.lowcarbontogether.rides.RideChallenges;
import org.lowcarbontogether.rides.RideMap;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * A group's ride challenges ({@code /rides/challenges?community=…} or {@code ?campaign=…}) and one challenge's
 * progress with its map; organisers set, change and delete them here (the API is {@link RideChallengeApiController}).
 */
@Controller
class RideChallengePageController {

    private final RideChallenges challenges;
    private final ProblemWriter problems;
    private final JsonMapper json;

    RideChallengePageController(RideChallenges challenges, ProblemWriter problems, JsonMapper json) {
        this.challenges = challenges;
        this.problems = problems;
        this.json = json;
    }

    @GetMapping("/rides/challenges")
    String list(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign,
            Model model) {
        var group = RideChallengeApiController.required(RideForms.group(community, campaign));
        return list(me, group, model, Map.of());
    }

    private String list(@Nullable Actor me, RideForms.Group group, Model model, Map<String, String> errors) {
        model.addAttribute("list", challenges.list(me, group.kind(), group.id()));
        model.addAttribute("groupParam", group.kind() == GroupRideMaps.Kind.COMMUNITY ? "community" : "campaign");
        model.addAttribute("errors", errors);
        model.addAttribute("measures", RideChallenges.Measure.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new RideChallenges.Form("", null, null, "DISTANCE", null));
        }
        return "rides/challenges";
    }

    @PostMapping("/rides/challenges")
    String create(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String startsOn,
            @RequestParam(required = false) @Nullable String endsOn,
            @RequestParam(required = false) @Nullable String measure,
            @RequestParam(required = false) @Nullable Long goal,
            Locale locale,
            Model model) {
        var group = RideChallengeApiController.required(RideForms.group(community, campaign));
        var form = new RideChallenges.Form(title, date(startsOn), date(endsOn), measure, goal);
        try {
            var created = challenges.create(me, group.kind(), group.id(), form);
            return "redirect:/rides/challenges/" + created.id() + "?saved";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("form", form);
            return list(me, group, model, problems.fieldMessages(refusal, locale));
        }
    }

    @GetMapping("/rides/challenges/{id}")
    String one(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        return one(me, id, model, Map.of());
    }

    private String one(@Nullable Actor me, UUID id, Model model, Map<String, String> errors) {
        var progress = challenges.progress(me, id);
        var c = progress.challenge();
        model.addAttribute("progress", progress);
        model.addAttribute("challenge", c);
        model.addAttribute("groupParam", c.kind() == GroupRideMaps.Kind.COMMUNITY ? "community" : "campaign");
        model.addAttribute("cells", json.writeValueAsString(RideForms.cells(progress.cells())));
        model.addAttribute("minRiders", RideMap.MIN_RIDERS);
        model.addAttribute("errors", errors);
        model.addAttribute("measures", RideChallenges.Measure.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute(
                    "form",
                    new RideChallenges.Form(
                            c.title(), c.startsOn(), c.endsOn(), c.measure().name(), c.goal()));
        }
        return "rides/challenge";
    }

    @PostMapping("/rides/challenges/{id}")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String startsOn,
            @RequestParam(required = false) @Nullable String endsOn,
            @RequestParam(required = false) @Nullable String measure,
            @RequestParam(required = false) @Nullable Long goal,
            Locale locale,
            Model model) {
        var form = new RideChallenges.Form(title, date(startsOn), date(endsOn), measure, goal);
        try {
            challenges.update(me, id, form);
            return "redirect:/rides/challenges/" + id + "?saved";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("form", form);
            return one(me, id, model, problems.fieldMessages(refusal, locale));
        }
    }

    @PostMapping("/rides/challenges/{id}/delete")
    String delete(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var c = challenges.get(me, id);
        challenges.delete(me, id);
        return "redirect:/rides/challenges?"
                + (c.kind() == GroupRideMaps.Kind.COMMUNITY ? "community=" : "campaign=")
                + c.groupId() + "&deleted";
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
