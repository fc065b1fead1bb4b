package org.lowcarbontogether.schools.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.schools.ClassFigures;
import org.lowcarbontogether.schools.SchoolBehaviours;
import org.lowcarbontogether.schools.SchoolResources;
import org.lowcarbontogether.schools.Schools;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The teachers' pages: their schools' classes and a form for a new one; a class's dashboard (its code, participation
 * this week, the class total with its methodology versions, challenges, lesson resources for its grade, its pupils by
 * nickname — in alphabetical order, never ranked) and its export. A pupil going to {@code /schools} is sent to their
 * class page.
 */
@Controller
class TeacherPageController {

    private final Schools schools;
    private final ClassFigures figures;
    private final SchoolResources resources;
    private final ProblemWriter problems;

    TeacherPageController(Schools schools, ClassFigures figures, SchoolResources resources, ProblemWriter problems) {
        this.schools = schools;
        this.figures = figures;
        this.resources = resources;
        this.problems = problems;
    }

    @GetMapping("/schools")
    String home(@AuthenticationPrincipal Actor me, Model model) {
        if (schools.isPupil(me)) {
            return "redirect:/schools/me";
        }
        model.addAttribute("schools", schools.schoolsOf(me));
        model.addAttribute("classes", schools.classesOf(me));
        return "schools/classes";
    }

    @PostMapping("/schools/classes")
    String create(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable UUID schoolId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable Integer grade,
            @RequestParam(required = false) @Nullable String schoolYear,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            if (schoolId == null) {
                throw Refusal.invalid("school-required", "schoolId");
            }
            var created = schools.create(me, schoolId, name, grade, schoolYear);
            return "redirect:/schools/classes/" + created.id();
        } catch (Refusal e) {
            redirect.addFlashAttribute(
                    "problem",
                    String.join(" ", problems.fieldMessages(e, locale).values()));
            return "redirect:/schools";
        }
    }

    @GetMapping("/schools/classes/{classId}")
    String dashboard(@AuthenticationPrincipal Actor me, @PathVariable UUID classId, Model model) {
        var dashboard = figures.dashboard(me, classId);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute(
                "behaviours", SchoolBehaviours.forGrade(dashboard.schoolClass().grade()));
        model.addAttribute(
                "resources", resources.forGrade(dashboard.schoolClass().grade()));
        model.addAttribute("library", resources.library());
        model.addAttribute("today", schools.today());
        return "schools/class";
    }

    @PostMapping("/schools/classes/{classId}/code")
    String rotate(@AuthenticationPrincipal Actor me, @PathVariable UUID classId, RedirectAttributes redirect) {
        schools.rotateCode(me, classId);
        redirect.addFlashAttribute("rotated", true);
        return "redirect:/schools/classes/" + classId;
    }

    @PostMapping("/schools/classes/{classId}/challenges")
    String challenge(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID classId,
            @RequestParam(required = false) @Nullable String measure,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String startsOn,
            @RequestParam(required = false) @Nullable String endsOn,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            Long amount = target == null || !target.strip().matches("\\d{1,15}") ? null : Long.valueOf(target.strip());
            figures.addChallenge(me, classId, measure, amount, date(startsOn), date(endsOn));
        } catch (Refusal e) {
            redirect.addFlashAttribute(
                    "problem",
                    String.join(" ", problems.fieldMessages(e, locale).values()));
        }
        return "redirect:/schools/classes/" + classId + "#challenges";
    }

    @PostMapping("/schools/classes/{classId}/resources")
    String tag(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID classId,
            @RequestParam(required = false) @Nullable UUID resourceId,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            if (resourceId == null) {
                throw Refusal.notFound("resource-not-found", "resourceId");
            }
            resources.tag(me, classId, resourceId);
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/schools/classes/" + classId + "#resources";
    }

    @PostMapping("/schools/classes/{classId}/pupils/{pupilId}/erasure")
    String erase(@AuthenticationPrincipal Actor me, @PathVariable UUID classId, @PathVariable UUID pupilId) {
        schools.erasePupil(me, classId, pupilId);
        return "redirect:/schools/classes/" + classId + "#pupils";
    }

    @GetMapping("/schools/classes/{classId}/export.csv")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal Actor me, @PathVariable UUID classId) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"class-" + classId + ".csv\"")
                .body(figures.exportCsv(me, classId));
    }

    private static @Nullable LocalDate date(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
