package org.lowcarbontogether.events.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.events.Events.Event;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Event pages: the calendar, an event with registration, and the organiser's form to create or edit one. */
@Controller
class EventPageController {

    private final Events events;
    private final Organisations organisations;
    private final Communities communities;
    private final Methodology methodology;
    private final ProblemWriter problems;
    private final PageForms forms;

    EventPageController(
            Events events,
            Organisations organisations,
            Communities communities,
            Methodology methodology,
            ProblemWriter problems,
            PageForms forms) {
        this.events = events;
        this.organisations = organisations;
        this.communities = communities;
        this.methodology = methodology;
        this.problems = problems;
        this.forms = forms;
    }

    @GetMapping("/events")
    String calendar(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("events", events.upcoming(100));
        model.addAttribute("mine", me == null ? List.of() : events.registeredBy(me.id()));
        model.addAttribute(
                "mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        return "events/calendar";
    }

    @GetMapping("/events/{id}")
    String event(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Event event = events.get(id);
        model.addAttribute("event", event);
        var registration =
                me == null ? null : events.registrationOf(id, me.id()).orElse(null);
        model.addAttribute("registration", registration);
        model.addAttribute("mayManage", events.mayManage(me, event));
        model.addAttribute(
                "behaviourName",
                event.behaviour() == null
                        ? null
                        : methodology.behaviourNames(locale).getOrDefault(event.behaviour(), event.behaviour()));
        return "events/event";
    }

    /** Registering: a full or finished event is said on its page; any other refusal is the error page. */
    @PostMapping("/events/{id}/register")
    String register(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        PageRefusals.refusalOf(() -> events.register(me, id), e -> e.kind() != Refusal.Kind.CONFLICT)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/events/" + id;
    }

    @PostMapping("/events/{id}/cancel")
    String cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        events.cancel(me, id);
        return "redirect:/events/" + id;
    }

    @GetMapping("/events/new")
    String newForm(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable UUID community,
            Model model,
            Locale locale) {
        return form(me, model, null, forms.values(EventInput.blank(community)), Map.of(), locale);
    }

    /** Creating: only an organisation the caller does not organise is the error page; the rest is said on the form. */
    @PostMapping("/events/new")
    String create(
            @AuthenticationPrincipal Actor me,
            @Valid EventInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        if (binding.hasErrors()) {
            return form(me, model, null, forms.values(binding), forms.errors(binding, locale), locale);
        }
        var created = PageRefusals.attempt(
                () -> events.create(me, input.toEventForm()), e -> e.kind() == Refusal.Kind.FORBIDDEN);
        return created.then(
                event -> "redirect:/events/" + event.id(),
                refusal ->
                        form(me, model, null, forms.values(binding), problems.fieldMessages(refusal, locale), locale));
    }

    @GetMapping("/events/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Event event = events.manageable(me, id);
        return form(me, model, event, forms.values(EventInput.of(event)), Map.of(), locale);
    }

    /** Editing someone else's event is the error page (checked first); every other refusal is said on the form. */
    @PostMapping("/events/{id}/edit")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid EventInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        Event event = events.manageable(me, id);
        if (binding.hasErrors()) {
            return form(me, model, event, forms.values(binding), forms.errors(binding, locale), locale);
        }
        return PageRefusals.refusalOf(() -> events.update(me, id, input.toEventForm()), e -> false)
                .map(refusal ->
                        form(me, model, event, forms.values(binding), problems.fieldMessages(refusal, locale), locale))
                .orElse("redirect:/events/" + id);
    }

    private String form(
            Actor me,
            Model model,
            @Nullable Event event,
            Map<String, @Nullable Object> values,
            Map<String, String> errors,
            Locale locale) {
        var organised = organisations.organisedBy(me.id());
        model.addAttribute("event", event);
        model.addAttribute("organisations", organised);
        model.addAttribute(
                "communities",
                organised.stream()
                        .flatMap(o -> communities.ofOrganisation(o.id()).stream())
                        .toList());
        model.addAttribute("kinds", Events.Kind.values());
        var names = methodology.behaviourNames(locale);
        model.addAttribute(
                "behaviours",
                methodology.current().behaviours().stream()
                        .map(b -> Map.of("code", b.code(), "name", names.get(b.code()), "unit", b.unit()))
                        .toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "events/form";
    }
}
