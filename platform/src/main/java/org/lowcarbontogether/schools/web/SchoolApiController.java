package org.lowcarbontogether.schools.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.PersonalAccessTokens;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.schools.ClassFigures;
import org.lowcarbontogether.schools.PupilRecords;
import org.lowcarbontogether.schools.SchoolBehaviours;
import org.lowcarbontogether.schools.Schools;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The schools API: classes for teachers, joining for guardians, sign-in and recording for pupils. */
@RestController
@Tag(name = "Schools", description = "Schools, classes and pupils")
class SchoolApiController {

    record NewClass(
            @Nullable UUID schoolId,
            @Nullable String name,
            @Nullable Integer grade,
            @Nullable String schoolYear) {}

    record Join(
            @Nullable String classCode,
            @Nullable String guardianEmail,
            @Nullable String nickname,
            @Nullable Integer age,
            @Nullable Boolean consent) {}

    record PupilCodes(@Nullable String classCode, @Nullable String pupilCode) {}

    record PupilToken(String token, java.time.Instant expiresAt) {}

    record PupilRecord(@Nullable String behaviour, @Nullable BigDecimal quantity) {}

    record NewChallenge(
            @Nullable String measure,
            @Nullable Long target,
            java.time.@Nullable LocalDate startsOn,
            java.time.@Nullable LocalDate endsOn) {}

    private final Schools schools;
    private final ClassFigures figures;
    private final PupilRecords records;

    SchoolApiController(Schools schools, ClassFigures figures, PupilRecords records) {
        this.schools = schools;
        this.figures = figures;
        this.records = records;
    }

    @PostMapping("/api/v1/schools/classes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A teacher of the school creates a class (its code in the answer)")
    Schools.SchoolClass create(@AuthenticationPrincipal Actor me, @RequestBody NewClass body) {
        if (body.schoolId() == null) {
            throw org.lowcarbontogether.shared.Refusal.invalid("school-required", "schoolId");
        }
        return schools.create(me, body.schoolId(), body.name(), body.grade(), body.schoolYear());
    }

    @GetMapping("/api/v1/schools/classes")
    @Operation(summary = "The classes of the schools the caller teaches at")
    java.util.List<Schools.SchoolClass> classes(@AuthenticationPrincipal Actor me) {
        return schools.classesOf(me);
    }

    @PostMapping("/api/v1/schools/classes/{classId}/code")
    @Operation(summary = "A teacher gives the class a new code; the old one stops working")
    Schools.SchoolClass rotate(@AuthenticationPrincipal Actor me, @PathVariable UUID classId) {
        return schools.rotateCode(me, classId);
    }

    @GetMapping("/api/v1/schools/classes/{classId}/dashboard")
    @Operation(summary = "The teacher's dashboard: participation, the class total, challenges (404 for others)")
    ClassFigures.Dashboard dashboard(@AuthenticationPrincipal Actor me, @PathVariable UUID classId) {
        return figures.dashboard(me, classId);
    }

    @GetMapping(value = "/api/v1/schools/classes/{classId}/export", produces = "text/csv")
    @Operation(summary = "The class's figures as CSV (no row per pupil)")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal Actor me, @PathVariable UUID classId) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"class-" + classId + ".csv\"")
                .body(figures.exportCsv(me, classId));
    }

    @PostMapping("/api/v1/schools/classes/{classId}/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A teacher sets the class a challenge")
    ClassFigures.Challenge challenge(
            @AuthenticationPrincipal Actor me, @PathVariable UUID classId, @RequestBody NewChallenge body) {
        return figures.addChallenge(me, classId, body.measure(), body.target(), body.startsOn(), body.endsOn());
    }

    @PostMapping("/api/v1/schools/classes/{classId}/pupils/{pupilId}/erasure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "A teacher erases a pupil's account at the guardian's request")
    void erase(@AuthenticationPrincipal Actor me, @PathVariable UUID classId, @PathVariable UUID pupilId) {
        schools.erasePupil(me, classId, pupilId);
    }

    @PostMapping("/api/v1/schools/join")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A guardian signs a pupil up for a class, consenting; the pupil code is answered once")
    Schools.Joined join(@RequestBody Join body, Locale locale) {
        return schools.join(
                body.classCode(),
                new Schools.JoinForm(
                        body.guardianEmail(), body.nickname(), body.age(), Boolean.TRUE.equals(body.consent())),
                locale);
    }

    @PostMapping("/api/v1/schools/pupil-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A pupil's API token from their class code and pupil code")
    PupilToken token(@RequestBody PupilCodes body) {
        PersonalAccessTokens.IssuedToken issued = schools.pupilToken(body.classCode(), body.pupilCode());
        return new PupilToken(issued.token(), issued.expiresAt());
    }

    @GetMapping("/api/v1/schools/me")
    @Operation(summary = "A pupil's class: its total, its challenges and the behaviours the pupil may record")
    Map<String, Object> me(@AuthenticationPrincipal Actor me) {
        var view = figures.forPupil(me);
        return Map.of(
                "class", view.schoolClass().name(),
                "grade", view.schoolClass().grade(),
                "total", view.total(),
                "challenges", view.challenges(),
                "behaviours",
                        SchoolBehaviours.forGrade(view.schoolClass().grade()).stream()
                                .map(SchoolBehaviours.Behaviour::code)
                                .toList());
    }

    @PostMapping("/api/v1/schools/me/records")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A pupil records a behaviour of their grade's subset")
    RecordReceipt record(
            @AuthenticationPrincipal Actor me,
            @RequestHeader("Idempotency-Key") String key,
            @RequestBody PupilRecord body) {
        return records.record(me, body.behaviour(), body.quantity(), key);
    }
}
