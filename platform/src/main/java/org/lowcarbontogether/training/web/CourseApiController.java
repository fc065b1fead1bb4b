package org.lowcarbontogether.training.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.training.Attendance;
import org.lowcarbontogether.training.Certificates;
import org.lowcarbontogether.training.CourseInvitations;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.Courses.Course;
import org.lowcarbontogether.training.Courses.CourseForm;
import org.lowcarbontogether.training.FollowUp;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Courses: list and read (anyone), publish and manage (organisers), enrol, attend and certify (trainees). */
@RestController
@RequestMapping("/api/v1/courses")
@Tag(name = "Training", description = "Courses, enrolment, attendance, quizzes and certificates")
class CourseApiController {

    record Invitation(@Nullable List<String> emails) {}

    record Code(@Nullable String code) {}

    record Answers(@Nullable List<Integer> answers) {}

    record Attended(String outcome) {}

    /** The caller's enrolment with its personal code as a QR code (a PNG data URI) for the organiser to scan. */
    record MyEnrolment(Courses.Enrolment enrolment, String scanUrl, String qrCode) {}

    record ScreenCode(String code, Instant changesAt) {}

    /** What the public verification answers: who holds the certificate, for which course, from whom, since when. */
    record Verified(String code, String holderName, String courseTitle, String organisationName, Instant issuedAt) {
        static Verified of(Certificates.Certificate c) {
            return new Verified(c.code(), c.holderName(), c.courseTitle(), c.organisationName(), c.issuedAt());
        }
    }

    private final Courses courses;
    private final CourseInvitations invitations;
    private final Attendance attendance;
    private final Certificates certificates;
    private final FollowUp followUp;

    CourseApiController(
            Courses courses,
            CourseInvitations invitations,
            Attendance attendance,
            Certificates certificates,
            FollowUp followUp) {
        this.courses = courses;
        this.invitations = invitations;
        this.attendance = attendance;
        this.certificates = certificates;
        this.followUp = followUp;
    }

    @GetMapping
    @Operation(summary = "Courses, newest first")
    List<Courses.Summary> all() {
        return courses.all(200);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A course with its modules (quizzes without answers) and sessions")
    Course one(@PathVariable UUID id) {
        return courses.get(id);
    }

    @PostMapping
    @Operation(
            summary = "Publish a course (organisers of the organisation)",
            description =
                    "Audience EMPLOYEES, CAMPUS, PUBLIC or GRANTEES; language en or zh-CN; sessions IN_PERSON, "
                            + "ONLINE or SELF_PACED (online and self-paced name the module, from 1, whose quiz proves attendance).")
    ResponseEntity<Course> create(@AuthenticationPrincipal Actor me, @RequestBody CourseForm body) {
        Course course = courses.create(me, body);
        return ResponseEntity.created(URI.create("/api/v1/courses/" + course.id()))
                .body(course);
    }

    @PutMapping("/{id}")
    @Operation(
            summary =
                    "Change a course's title, description, language or places (its organisers; 409 below the enrolled)")
    Courses.Course edit(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Courses.CourseEdit edit) {
        return courses.edit(me, id, edit);
    }

    @PostMapping("/{id}/invitations")
    @Operation(summary = "Invite staff by email (organisers); each address is mailed a link to the course")
    CourseInvitations.Sent invite(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Invitation body, Locale locale) {
        return invitations.invite(me, id, body.emails() == null ? List.of() : body.emails(), locale);
    }

    @PostMapping("/{id}/enrolments")
    @Operation(summary = "Enrol the caller (409 course-full when every place is taken)")
    Courses.Enrolment enrol(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return courses.enrol(me, id);
    }

    @GetMapping("/{id}/enrolments/me")
    @Operation(summary = "The caller's enrolment, with the personal attendance code and its QR code")
    MyEnrolment mine(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var enrolment =
                courses.enrolment(me.id(), id).orElseThrow(() -> Refusal.notFound("course-not-enrolled", "id", id));
        String url = TrainingCodes.scanUrl(id, enrolment.personalCode());
        return new MyEnrolment(enrolment, url, TrainingCodes.dataUri(url));
    }

    @DeleteMapping("/{id}/enrolments/me")
    @Operation(summary = "Cancel the caller's enrolment")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        courses.cancel(me, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/trainees")
    @Operation(summary = "The course's trainees (organisers)")
    List<Courses.Trainee> trainees(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return courses.trainees(me, id);
    }

    @GetMapping("/sessions/{sessionId}/screen-code")
    @Operation(summary = "The rotating code to show on the trainer's screen (organisers); it changes every 30 s")
    ScreenCode screenCode(@AuthenticationPrincipal Actor me, @PathVariable UUID sessionId) {
        var shown = attendance.screenCode(me, sessionId);
        return new ScreenCode(shown.code(), shown.changesAt());
    }

    @PostMapping("/sessions/{sessionId}/attendance/by-personal-code")
    @Operation(
            summary = "Record a trainee's attendance by their personal code (organisers)",
            description = "404 for a code that names no active enrolment of this course; 409 outside the session's "
                    + "hours (an hour before the start to an hour after the end).")
    Attended byPersonalCode(@AuthenticationPrincipal Actor me, @PathVariable UUID sessionId, @RequestBody Code body) {
        return new Attended(
                attendance.byPersonalCode(me, sessionId, body.code()).name());
    }

    @PostMapping("/sessions/{sessionId}/attendance")
    @Operation(summary = "Attend with the rotating code on the trainer's screen (enrolled trainees; 403 if wrong)")
    Attended byScreenCode(@AuthenticationPrincipal Actor me, @PathVariable UUID sessionId, @RequestBody Code body) {
        return new Attended(attendance.byScreenCode(me, sessionId, body.code()).name());
    }

    @PostMapping("/{id}/modules/{moduleId}/quiz")
    @Operation(summary = "Answer a module's quiz (enrolled trainees): the index of the chosen option per question")
    Attendance.QuizResult quiz(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable UUID moduleId,
            @RequestBody Answers body) {
        return attendance.submitQuiz(me, id, moduleId, body.answers());
    }

    @GetMapping("/{id}/certificate")
    @Operation(summary = "The caller's certificate of the course (404 until completed)")
    Certificates.Certificate certificate(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return certificates.mine(me, id);
    }

    @GetMapping(value = "/{id}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The caller's certificate as a PDF in their language (404 until completed)")
    ResponseEntity<byte[]> certificatePdf(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var certificate = certificates.mine(me, id);
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"certificate-" + certificate.code() + ".pdf\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(certificates.pdf(certificate));
    }

    @GetMapping("/certificates/{code}")
    @Operation(summary = "Verify a certificate by its code (anyone; 404 for a code never issued)")
    Verified verify(@PathVariable String code) {
        return certificates
                .verify(code)
                .map(Verified::of)
                .orElseThrow(() -> Refusal.notFound("course-certificate-unknown", "code", code));
    }

    @GetMapping("/{id}/follow-up")
    @Operation(
            summary = "What changed after the course, per cohort (organisers)",
            description = "Observed association, not causal proof. Groups under the minimum size are suppressed.")
    List<FollowUp.Cohort> followUp(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return followUp.of(me, id);
    }
}
