package org.lowcarbontogether.recording.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.lowcarbontogether.recording.Restatements;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Restating past records under a newer methodology version: reviewers and administrators. */
@RestController
@RequestMapping("/api/v1/restatements")
@Tag(name = "Methodology review", description = "Reviewer-only: drafts, review, publication and restatement")
class RestatementApiController {

    private final Restatements restatements;

    RestatementApiController(Restatements restatements) {
        this.restatements = restatements;
    }

    @PostMapping
    @Operation(
            summary = "Restate records under a newer version",
            description =
                    "Recomputes the credited records matching the filter (behaviour codes, occurrence period) whose version is "
                            + "older than targetVersion, and books each difference as an adjusting ledger entry. Audited; repeatable.")
    ResponseEntity<Restatements.Report> restate(
            @AuthenticationPrincipal Actor me, @RequestBody Restatements.Request request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(restatements.restate(me, request));
    }

    @GetMapping
    @Operation(summary = "Past restatements")
    List<Restatements.Report> reports(@AuthenticationPrincipal Actor me) {
        if (!me.hasRole(Role.REVIEWER) && !me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        return restatements.reports();
    }
}
