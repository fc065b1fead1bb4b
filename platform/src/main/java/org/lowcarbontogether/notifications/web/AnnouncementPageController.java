package org.lowcarbontogether.notifications.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Announcements;
import org.lowcarbontogether.notifications.Announcements.Audience;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Announcements from a community's or campaign's organiser page: the form (also on the organiser dashboard) and the
 * group's earlier announcements with how many people each reached.
 */
@Controller
class AnnouncementPageController {

    private final Announcements announcements;
    private final PageForms forms;
    private final ProblemWriter problems;

    AnnouncementPageController(Announcements announcements, PageForms forms, ProblemWriter problems) {
        this.announcements = announcements;
        this.forms = forms;
        this.problems = problems;
    }

    @GetMapping("/organiser/{kind:communities|campaigns}/{id}/announcements")
    String page(@AuthenticationPrincipal Actor me, @PathVariable String kind, @PathVariable UUID id, Model model) {
        return page(me, kind, id, model, forms.values(new AnnouncementInput()), Map.of());
    }

    @PostMapping("/organiser/{kind:communities|campaigns}/{id}/announcements")
    String post(
            @AuthenticationPrincipal Actor me,
            @PathVariable String kind,
            @PathVariable UUID id,
            @Valid AnnouncementInput input,
            BindingResult binding,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        Audience audience = Audience.of(kind);
        announcements.groupName(me, audience, id); // someone else's group is the error page, before the form speaks
        if (binding.hasErrors()) {
            return page(me, kind, id, model, forms.values(binding), forms.errors(binding, locale));
        }
        return PageRefusals.attempt(() -> announcements.post(me, audience, id, input.getTitle(), input.getBody()))
                .then(
                        posted -> {
                            redirect.addFlashAttribute("posted", true);
                            return "redirect:/organiser/" + kind + "/" + id + "/announcements";
                        },
                        refusal -> page(
                                me, kind, id, model, forms.values(binding), problems.fieldMessages(refusal, locale)));
    }

    private String page(
            Actor me,
            String kind,
            UUID id,
            Model model,
            Map<String, @Nullable Object> values,
            Map<String, String> errors) {
        Audience audience = Audience.of(kind);
        model.addAttribute("kind", kind);
        model.addAttribute("id", id);
        model.addAttribute("name", announcements.groupName(me, audience, id));
        model.addAttribute("announcements", announcements.of(me, audience, id));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "notifications/announcements";
    }
}
