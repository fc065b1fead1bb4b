package org.lowcarbontogether.recording.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.RecentBehaviours;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Decimals;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The quick-log page: pick a behaviour from the catalogue, say how much, see it credited. */
@Controller
class RecordPageController {

    // Day boundaries and default times of the quick-log follow China Standard Time, where the programme runs.

    private final Recording recording;
    private final RecentBehaviours recentBehaviours;
    private final Methodology methodology;
    private final Clock clock;
    private final ProblemWriter problems;

    RecordPageController(
            Recording recording,
            RecentBehaviours recentBehaviours,
            Methodology methodology,
            Clock clock,
            ProblemWriter problems) {
        this.recording = recording;
        this.recentBehaviours = recentBehaviours;
        this.methodology = methodology;
        this.clock = clock;
        this.problems = problems;
    }

    /** A behaviour one tap away: one the person recorded lately (with what they gave then), or a common one to start. */
    record Shortcut(
            String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable String region) {}

    /** Everyday behaviours offered to someone who has recorded nothing yet. */
    private static final List<String> COMMON =
            List.of("METRO_INSTEAD_OF_CAR", "BRING_OWN_CUP", "CYCLE_INSTEAD_OF_CAR", "CLEAN_PLATE");

    @GetMapping("/record")
    String form(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String behaviour,
            @RequestParam(required = false) @Nullable BigDecimal quantity,
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String region,
            Model model) {
        var form = new RecordForm();
        form.setDate(ProgrammeCalendar.today(clock));
        if (behaviour != null) {
            methodology.current().behaviour(behaviour).ifPresent(b -> {
                form.setBehaviour(b.code());
                form.setUnit(unit != null && b.acceptedUnits().contains(unit) ? unit : b.unit());
                if (quantity != null && quantity.signum() > 0 && Decimals.bounded(quantity)) {
                    form.setQuantity(quantity);
                }
                if (region != null && Regions.isKnown(region)) {
                    form.setRegion(region);
                }
            });
        }
        var recent = shortcutsOf(me.id());
        model.addAttribute("recent", recent);
        model.addAttribute(
                "common",
                recent.isEmpty()
                        ? COMMON.stream()
                                .filter(c -> methodology.current().behaviour(c).isPresent())
                                .map(c -> new Shortcut(c, null, null, null))
                                .toList()
                        : List.of());
        model.addAttribute("form", form);
        model.addAttribute("awaitsGuardian", recording.awaitsGuardian(me.id()));
        return page(model, form);
    }

    /** The last four behaviours this person recorded (and kept) that they may still record themselves. */
    private List<Shortcut> shortcutsOf(UUID userId) {
        return recentBehaviours.of(userId, 4).stream()
                .filter(last -> methodology
                        .current()
                        .behaviour(last.behaviour())
                        .map(b -> b.selfRecordable())
                        .orElse(false))
                .map(last -> new Shortcut(last.behaviour(), last.quantity(), last.unit(), last.region()))
                .toList();
    }

    /** The unit choices and explanation for one behaviour, swapped in by htmx when the behaviour changes. */
    @GetMapping("/record/behaviour")
    String behaviourDetails(@RequestParam String behaviour, Model model) {
        var form = new RecordForm();
        methodology.current().behaviour(behaviour).ifPresent(b -> {
            form.setBehaviour(b.code());
            form.setUnit(b.unit());
        });
        model.addAttribute("form", form);
        page(model, form);
        return "recording/record :: behaviourDetails";
    }

    @PostMapping("/record")
    String record(
            @AuthenticationPrincipal Actor me,
            @ModelAttribute("form") RecordForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect,
            Locale locale) {
        if (errors.hasErrors()) {
            return page(model, form);
        }
        Map<String, BigDecimal> parameters = new LinkedHashMap<>();
        for (var entry : form.getParameters().entrySet()) {
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                continue;
            }
            try {
                parameters.put(
                        entry.getKey(),
                        FormFields.boundedDecimal(entry.getValue().strip()));
            } catch (NumberFormatException | ArithmeticException e) {
                errors.rejectValue(
                        "parameters[" + entry.getKey() + "]",
                        "problem.number-invalid.detail",
                        new Object[] {entry.getValue()},
                        entry.getValue());
            }
        }
        if (errors.hasErrors()) {
            return page(model, form);
        }
        var submission = new RecordSubmission(
                blankToNull(form.getBehaviour()),
                form.getQuantity(),
                blankToNull(form.getUnit()),
                occurredAt(form.getDate()),
                blankToNull(form.getRegion()),
                null,
                parameters);
        try {
            var outcome = recording.submit(me.id(), form.getIdempotencyKey(), submission, Recording.Channel.WEB);
            redirect.addAttribute("credited", outcome.receipt().ledgerEntryId());
            return "redirect:/account";
        } catch (Refusal e) {
            problems.bind(e, errors, locale, RecordPageController::fieldOf);
            model.addAttribute("awaitsGuardian", e.code().equals("guardian-consent-required"));
            return page(model, form);
        }
    }

    private String page(Model model, RecordForm form) {
        var current = methodology.current();
        Map<Category, List<Behaviour>> byCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            var behaviours = current.behaviours().stream()
                    .filter(b -> b.category() == category)
                    .toList();
            if (!behaviours.isEmpty()) {
                byCategory.put(category, behaviours);
            }
        }
        model.addAttribute("categories", byCategory);
        model.addAttribute("selected", current.behaviour(form.getBehaviour()).orElse(null));
        model.addAttribute("regions", Regions.recordable());
        model.addAttribute("methodologyVersion", current.version());
        return "recording/record";
    }

    /** The activity's time: noon (programme time) on the chosen day, or now when that is still ahead today. */
    private @Nullable OffsetDateTime occurredAt(@Nullable LocalDate date) {
        if (date == null) {
            return null;
        }
        var now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE));
        var noon = date.atTime(LocalTime.NOON).atZone(ProgrammeCalendar.ZONE).toOffsetDateTime();
        return noon.isAfter(now) && date.equals(now.toLocalDate()) ? now : noon;
    }

    /** The form's field for a problem's: the date for the time, {@code parameters[x]} for a parameter. */
    private static String fieldOf(String field) {
        if (field.startsWith("parameters.")) {
            return "parameters[" + field.substring("parameters.".length()) + "]";
        }
        return field.equals("occurredAt") ? "date" : field;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
