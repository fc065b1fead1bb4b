package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Off-platform outputs over the API: reported by the grantee with evidence, accepted or queried by a reviewer. */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class ReportedOutputApiController {

    record Decision(@Nullable String decision, @Nullable String question) {}

    record Answer(@Nullable String answer) {}

    private final ReportedOutputs outputs;

    ReportedOutputApiController(ReportedOutputs outputs) {
        this.outputs = outputs;
    }

    @GetMapping("/awards/{id}/reported-outputs")
    @Operation(summary = "An award's off-platform outputs (grantee organisers, officers, assigned reviewers)")
    List<ReportedOutputs.Item> items(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return outputs.items(me, id);
    }

    @GetMapping("/awards/{id}/reported-outputs/accepted")
    @Operation(
            summary = "An award's accepted off-platform outputs: reported by grantees, never part of measured figures")
    ReportedOutputs.Accepted accepted(@PathVariable UUID id) {
        return outputs.accepted(id);
    }

    @PostMapping(value = "/awards/{id}/reported-outputs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Report an off-platform output with its evidence (grantee organisers)",
            description = "Multipart: kind (MEDIA_ARTICLE, ONLINE_VIEWS, OFFLINE_AUDIENCE, PARTICIPANTS, OTHER), "
                    + "description, quantity, occurredOn, method, and evidenceLink and/or evidence (PNG, JPEG or PDF, "
                    + "at most 10 MB).")
    ResponseEntity<ReportedOutputs.Item> report(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable Long quantity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate occurredOn,
            @RequestParam(required = false) @Nullable String method,
            @RequestParam(required = false) @Nullable String evidenceLink,
            @RequestParam(required = false) @Nullable MultipartFile evidence)
            throws IOException {
        var form = new ReportedOutputs.Form(kind, description, quantity, occurredOn, method, evidenceLink);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(outputs.report(me, id, form, AgreementPageController.upload(evidence)));
    }

    @PostMapping("/reported-outputs/{id}/review")
    @Operation(summary = "Accept an off-platform output, or query it with a question (officers, assigned reviewers)")
    ReportedOutputs.Item review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Decision body) {
        return outputs.review(me, id, body.decision(), body.question());
    }

    @PostMapping("/reported-outputs/{id}/answer")
    @Operation(summary = "Answer a query about an off-platform output; it goes back for review (grantee organisers)")
    ReportedOutputs.Item answer(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Answer body) {
        return outputs.answer(me, id, body.answer());
    }
}
