package org.lowcarbontogether.grants.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Applications: applicants see their organisations', reviewers those assigned to them, officers their programme's.
 * An application's page carries its review and decision forms, by the visitor's standing.
 */
@Controller
class ApplicationPageController {

    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;

    ApplicationPageController(GrantCalls calls, Applications applications, Reviews reviews, Awards awards) {
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
    }

    @GetMapping("/applications")
    String applicationList(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("applications", applications.visibleTo(me));
        return "grants/applications";
    }

    @GetMapping("/applications/{id}")
    String application(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var application = applications.visible(me, id);
        var standing = applications.standing(me, application);
        boolean officer = standing.contains(Applications.Standing.OFFICER);
        model.addAttribute("grantApplication", application);
        model.addAttribute("call", calls.get(application.callId()));
        model.addAttribute("standing", standing.stream().map(Enum::name).toList());
        model.addAttribute("attachments", applications.attachments(me, id));
        model.addAttribute("assignment", reviews.assignment(id, me.id()).orElse(null));
        model.addAttribute(
                "myReview",
                reviews.reviews(id).stream()
                        .filter(r -> r.reviewerId().equals(me.id()))
                        .findFirst()
                        .orElse(null));
        model.addAttribute("assignments", officer ? reviews.assignments(id) : List.of());
        model.addAttribute("reviews", officer ? reviews.reviews(id) : List.of());
        model.addAttribute("project", awards.ofApplication(id).orElse(null));
        model.addAttribute("today", GrantFilters.today());
        return "grants/application";
    }

    /** An attachment, always as a download of its cleaned name, never rendered by the browser. */
    @GetMapping("/applications/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID attachmentId) {
        var file = applications.attachment(me, id, attachmentId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(file.bytes());
    }
}
