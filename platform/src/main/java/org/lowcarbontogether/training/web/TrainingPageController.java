package org.lowcarbontogether.training.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.training.Attendance;
import org.lowcarbontogether.training.Certificates;
import org.lowcarbontogether.training.Courses;
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

/** Training pages for trainees and the public: courses, enrolment, the personal code, quizzes and certificates. */
@Controller
class TrainingPageController {

    private final Courses courses;
    private final Attendance attendance;
    private final Certificates certificates;
    private final ProblemWriter problems;
    private final Organisations organisations;

    TrainingPageController(
            Courses courses,
            Attendance attendance,
            Certificates certificates,
            ProblemWriter problems,
            Organisations organisations) {
        this.organisations = organisations;
        this.courses = courses;
        this.attendance = attendance;
        this.certificates = certificates;
        this.problems = problems;
    }

    @GetMapping("/training")
    String training(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("courses", courses.all(100));
        model.addAttribute("mine", me == null ? List.of() : courses.enrolledBy(me.id()));
        model.addAttribute("organised", me == null ? List.of() : courses.organisedBy(me.id()));
        model.addAttribute(
                "mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        return "training/courses";
    }

    @GetMapping("/training/courses/{id}")
    String course(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var course = courses.get(id);
        model.addAttribute("course", course);
        var enrolment = me == null ? null : courses.enrolment(me.id(), id).orElse(null);
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("mayManage", courses.mayManage(me, course));
        model.addAttribute("mayEnrol", me != null && courses.mayEnrol(me, course));
        Certificates.Certificate certificate = null;
        if (me != null && enrolment != null && enrolment.completedAt() != null) {
            certificate = certificates.mine(me, id);
        }
        model.addAttribute("certificate", certificate);
        var inPerson = new ArrayList<Courses.Session>();
        course.sessions().stream()
                .filter(s -> s.mode() == Courses.Mode.IN_PERSON)
                .forEach(inPerson::add);
        model.addAttribute("inPerson", inPerson);
        return "training/course";
    }

    /** Enrolling: a full course, or one not open to the caller, is said on its page. */
    @PostMapping("/training/courses/{id}/enrol")
    String enrol(@AuthenticationPrincipal Actor me, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        PageRefusals.refusalOf(() -> courses.enrol(me, id), e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + id;
    }

    @PostMapping("/training/courses/{id}/cancel")
    String cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        courses.cancel(me, id);
        return "redirect:/training/courses/" + id;
    }

    @GetMapping(value = "/training/courses/{id}/my-code.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> myCode(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var enrolment =
                courses.enrolment(me.id(), id).orElseThrow(() -> Refusal.notFound("course-not-enrolled", "id", id));
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(TrainingCodes.png(TrainingCodes.scanUrl(id, enrolment.personalCode()), 320));
    }

    /** A trainee types the code on the trainer's screen. */
    @PostMapping("/training/sessions/{sessionId}/attend")
    String attend(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) @Nullable String code,
            @RequestParam UUID course,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(
                        () -> attendance.byScreenCode(me, sessionId, code), e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .handle(
                        outcome -> redirect.addFlashAttribute("attended", true),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + course;
    }

    /** A trainee answers a module's quiz: one radio choice per question, named {@code q0}, {@code q1} … */
    @PostMapping("/training/courses/{id}/modules/{moduleId}/quiz")
    String quiz(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable UUID moduleId,
            @RequestParam java.util.Map<String, String> form,
            RedirectAttributes redirect,
            Locale locale) {
        var answers = new ArrayList<Integer>();
        for (int i = 0; form.containsKey("q" + i); i++) {
            try {
                answers.add(Integer.parseInt(form.get("q" + i)));
            } catch (NumberFormatException e) {
                answers.add(-1);
            }
        }
        PageRefusals.attempt(
                        () -> attendance.submitQuiz(me, id, moduleId, answers), e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .handle(
                        result -> redirect.addFlashAttribute("quizResult", result),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/training/courses/" + id;
    }

    @GetMapping(value = "/training/courses/{id}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> certificatePdf(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var certificate = certificates.mine(me, id);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"certificate-" + certificate.code() + ".pdf\"")
                .body(certificates.pdf(certificate));
    }

    /** The verification form: a code typed in goes to its page. */
    @GetMapping("/training/certificates")
    String lookUp(@RequestParam(required = false) @Nullable String code) {
        if (code == null || code.isBlank()) {
            return "training/verify";
        }
        return "redirect:/training/certificates/"
                + code.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9-]", "");
    }

    /** The public verification page: who holds the certificate; 404 for a code never issued. */
    @GetMapping("/training/certificates/{code}")
    String verify(@PathVariable String code, Model model) {
        model.addAttribute(
                "certificate",
                certificates
                        .verify(code)
                        .orElseThrow(() -> Refusal.notFound("course-certificate-unknown", "code", code)));
        return "training/certificate";
    }
}
