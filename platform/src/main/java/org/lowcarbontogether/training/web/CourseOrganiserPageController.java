package org.lowcarbontogether.training.web;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.training.Attendance;
import org.lowcarbontogether.training.CourseInvitations;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.FollowUp;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organiser's training pages: publish a course (one module with an optional one-question quiz and one session; the
 * API takes more), manage it (trainees, invitations, attendance by personal code, the rotating screen code) and see
 * what changed afterwards.
 */
@Controller
class CourseOrganiserPageController {

    private final Courses courses;
    private final CourseInvitations invitations;
    private final Attendance attendance;
    private final FollowUp followUp;
    private final Organisations organisations;
    private final ProblemWriter problems;

    CourseOrganiserPageController(
            Courses courses,
            CourseInvitations invitations,
            Attendance attendance,
            FollowUp followUp,
            Organisations organisations,
            ProblemWriter problems) {
        this.courses = courses;
        this.invitations = invitations;
        this.attendance = attendance;
        this.followUp = followUp;
        this.organisations = organisations;
        this.problems = problems;
    }

    @GetMapping("/training/courses/new")
    String newForm(@AuthenticationPrincipal Actor me, Model model) {
        return form(me, model, Map.of(), Map.of());
    }

    private String form(Actor me, Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "training/form";
    }

    /** Publishing: the fields as typed come back with their messages when something is refused. */
    @PostMapping("/training/courses/new")
    String create(
            @AuthenticationPrincipal Actor me, @RequestParam Map<String, String> values, Model model, Locale locale) {
        String question = values.getOrDefault("question", "").strip();
        Integer answer = number(values.get("answer"));
        List<Courses.QuizQuestion> quiz = question.isEmpty()
                ? List.of()
                : List.of(new Courses.QuizQuestion(
                        question,
                        List.of(values.getOrDefault("options", "").split("\\R")).stream()
                                .map(String::strip)
                                .filter(o -> !o.isEmpty())
                                .toList(),
                        answer == null ? null : answer - 1));
        var module = new Courses.ModuleForm(
                values.get("moduleTitle"), values.get("material"), values.get("materialUrl"), quiz, null);
        var session = new Courses.SessionForm(
                values.get("mode"),
                time(values.get("startsAt")),
                time(values.get("endsAt")),
                values.get("place"),
                values.get("onlineUrl"),
                quiz.isEmpty() ? null : 1);
        String organisation = values.getOrDefault("organisationId", "");
        var form = new Courses.CourseForm(
                organisation.isBlank() ? null : UUID.fromString(organisation),
                values.get("title"),
                values.get("description"),
                values.get("audience"),
                values.get("language"),
                number(values.get("capacity")),
                values.getOrDefault("moduleTitle", "").isBlank() ? List.of() : List.of(module),
                List.of(session));
        return PageRefusals.attempt(() -> courses.create(me, form), e -> e.kind() == Refusal.Kind.FORBIDDEN)
                .then(
                        course -> "redirect:/training/courses/" + course.id() + "/manage",
                        refusal -> form(me, model, values, problems.fieldMessages(refusal, locale)));
    }

    @GetMapping("/training/courses/{id}/manage")
    String manage(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var course = courses.manageable(me, id);
        model.addAttribute("course", course);
        model.addAttribute("trainees", courses.trainees(me, id));
        model.addAttribute("cohorts", followUp.of(me, id));
        model.addAttribute("minimum", followUp.minimumGroupSize());
        return "training/manage";
    }

    /** Changes the course's title, description, language or places; a problem is shown on the manage page. */
    @PostMapping("/training/courses/{id}/edit")
    String edit(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam Map<String, String> values,
            RedirectAttributes redirect,
            Locale locale) {
        var edit = new Courses.CourseEdit(
                values.get("title"), values.get("description"), values.get("language"), number(values.get("capacity")));
        PageRefusals.attempt(() -> courses.edit(me, id, edit), e -> e.deniesAccess())
                .handle(
                        course -> redirect.addFlashAttribute("edited", true),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + id + "/manage";
    }

    @PostMapping("/training/courses/{id}/invitations")
    String invite(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String emails,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(
                        () -> invitations.invite(me, id, CourseInvitations.split(emails), locale),
                        e -> e.deniesAccess())
                .handle(
                        sent -> redirect.addFlashAttribute("invited", sent),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + id + "/manage";
    }

    /** The page the organiser's camera opens from a trainee's QR code: the sessions to record them at. */
    @GetMapping("/training/courses/{id}/scan")
    String scan(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String code,
            Model model) {
        var course = courses.manageable(me, id);
        model.addAttribute("course", course);
        model.addAttribute("code", code);
        return "training/scan";
    }

    /** Records attendance by a personal code (scanned or typed); a wrong code is said on the course's page. */
    @PostMapping("/training/sessions/{sessionId}/scan")
    String record(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID sessionId,
            @RequestParam(defaultValue = "") String code,
            @RequestParam UUID course,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(
                        () -> attendance.byPersonalCode(me, sessionId, code), e -> e.kind() == Refusal.Kind.FORBIDDEN)
                .handle(
                        outcome -> redirect.addFlashAttribute("recorded", outcome.name()),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + course + "/manage";
    }

    /** The rotating code for a screen in a large room; the code part reloads every 10 seconds (htmx). */
    @GetMapping("/training/sessions/{sessionId}/screen")
    String screen(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID sessionId,
            @RequestParam UUID course,
            @RequestParam(required = false) @Nullable String part,
            Model model) {
        var managed = courses.manageable(me, course);
        if (managed.sessions().stream().noneMatch(s -> s.id().equals(sessionId))) {
            throw Refusal.notFound("course-session-unknown", "sessionId", sessionId);
        }
        model.addAttribute("course", managed);
        model.addAttribute("sessionId", sessionId);
        model.addAttribute("shown", attendance.screenCode(me, sessionId));
        return part == null ? "training/screen" : "training/screen :: code";
    }

    private static @Nullable Integer number(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable OffsetDateTime time(@Nullable String text) {
        try {
            return text == null || text.isBlank()
                    ? null
                    : LocalDateTime.parse(text.strip())
                            .atZone(ProgrammeCalendar.ZONE)
                            .toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
