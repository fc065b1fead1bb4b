package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Calls for proposals over the API: opened by officers, applied to by an organisation's organisers, ranked by review. */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class CallApiController {

    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;

    CallApiController(GrantCalls calls, Applications applications, Reviews reviews) {
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
    }

    @GetMapping("/calls")
    @Operation(summary = "All calls for proposals")
    List<GrantCalls.Call> calls() {
        return calls.all();
    }

    @GetMapping("/calls/{id}")
    @Operation(summary = "A call for proposals")
    GrantCalls.Call call(@PathVariable UUID id) {
        return calls.get(id);
    }

    @PostMapping("/programmes/{id}/calls")
    @Operation(
            summary =
                    "Open a call (officers): budget and maximum grant in fen, themes, criteria whose weights add up to 100")
    ResponseEntity<GrantCalls.Call> openCall(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody GrantCalls.CallForm body) {
        var call = calls.create(me, id, body);
        return ResponseEntity.created(URI.create("/api/v1/calls/" + call.id())).body(call);
    }

    @PostMapping("/calls/{id}/applications")
    @Operation(
            summary =
                    "Apply to an open call for an organisation the caller organises (attachments: on the application page)")
    ResponseEntity<Applications.Application> apply(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Applications.ApplicationForm body) {
        var application = applications.submit(me, id, body, List.of());
        return ResponseEntity.created(URI.create("/api/v1/applications/" + application.id()))
                .body(application);
    }

    @GetMapping("/calls/{id}/ranking")
    @Operation(summary = "A call's applications ranked by weighted review score (officers)")
    List<Reviews.Ranked> ranking(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return reviews.ranking(me, id);
    }
}
