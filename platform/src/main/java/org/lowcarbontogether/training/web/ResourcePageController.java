package org.lowcarbontogether.training.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.Resources;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The resource library's pages: search (anyone), open (counted), submit (organisers, officers) and review (officers). */
@Controller
class ResourcePageController {

    private final Resources resources;
    private final Organisations organisations;
    private final ProblemWriter problems;

    ResourcePageController(Resources resources, Organisations organisations, ProblemWriter problems) {
        this.resources = resources;
        this.organisations = organisations;
        this.problems = problems;
    }

    @GetMapping("/training/resources")
    String library(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String audience,
            @RequestParam(required = false) @Nullable String language,
            Model model) {
        model.addAttribute(
                "resources",
                resources.search(
                        q, choice(Resources.Kind.class, kind), choice(Courses.Audience.class, audience), language));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("audience", audience == null ? "" : audience);
        model.addAttribute("language", language == null ? "" : language);
        model.addAttribute("kinds", Resources.Kind.values());
        model.addAttribute("audiences", Courses.Audience.values());
        boolean officer = me != null && (me.hasRole(Role.ADMIN) || me.hasRole(Role.PROGRAMME_OFFICER));
        model.addAttribute("officer", officer);
        model.addAttribute("organisations", me == null ? List.of() : organisations.organisedBy(me.id()));
        model.addAttribute("waiting", me != null && officer ? resources.waiting(me) : List.of());
        return "training/resources";
    }

    /** Opening a resource counts it and goes to its address. */
    @GetMapping("/training/resources/{id}/open")
    String open(@PathVariable UUID id) {
        return "redirect:" + resources.open(id);
    }

    @PostMapping("/training/resources")
    String submit(
            @AuthenticationPrincipal Actor me,
            @RequestParam Map<String, String> values,
            RedirectAttributes redirect,
            Locale locale) {
        String organisation = values.getOrDefault("organisationId", "");
        var form = new Resources.ResourceForm(
                organisation.isBlank() ? null : UUID.fromString(organisation),
                values.get("kind"),
                values.get("title"),
                values.get("summary"),
                values.get("url"),
                values.get("language"),
                values.get("topics"),
                values.get("audience"));
        PageRefusals.attempt(() -> resources.submit(me, form), e -> e.kind() == Refusal.Kind.FORBIDDEN)
                .handle(
                        resource -> redirect.addFlashAttribute(
                                "submitted", resource.status().name()),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/resources";
    }

    @PostMapping("/training/resources/{id}/review")
    String review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam boolean publish) {
        resources.review(me, id, publish);
        return "redirect:/training/resources";
    }

    private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }
}
