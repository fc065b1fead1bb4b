package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applications over the API: applicants see their own, reviewers the ones assigned to them (declaring a conflict of
 * interest before scoring), officers everything in their programme, and decide.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class ApplicationApiController {

    record Declaration(
            @Nullable Boolean hasConflict, @Nullable String note) {}

    record Scores(@Nullable List<Reviews.ScoreForm> scores) {}

    record ApplicationView(
            Applications.Application application,
            List<Applications.Attachment> attachments,
            List<Reviews.Assignment> reviewers,
            List<Reviews.Review> reviews,
            Awards.@Nullable Project project) {}

    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;

    ApplicationApiController(Applications applications, Reviews reviews, Awards awards) {
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
    }

    @GetMapping("/applications")
    @Operation(
            summary =
                    "Applications the caller may see: their organisations', those assigned to them, those of their programmes")
    List<Applications.Application> applications(@AuthenticationPrincipal Actor me) {
        return applications.visibleTo(me);
    }

    @GetMapping("/applications/{id}")
    @Operation(summary = "An application (404 for anyone who may not see it); reviews only for officers")
    ApplicationView application(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var application = applications.visible(me, id);
        boolean officer = applications.standing(me, application).contains(Applications.Standing.OFFICER);
        return new ApplicationView(
                application,
                applications.attachments(me, id),
                officer ? reviews.assignments(id) : List.of(),
                officer ? reviews.reviews(id) : List.of(),
                awards.ofApplication(id).orElse(null));
    }

    @PostMapping("/applications/{id}/reviewers")
    @Operation(summary = "Assign a reviewer by email (officers)")
    Reviews.Assignment assign(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Email body) {
        return reviews.assign(me, id, body.email());
    }

    @PostMapping("/applications/{id}/conflict-declaration")
    @Operation(summary = "Declare a conflict of interest or its absence, before scoring (the assigned reviewer)")
    Reviews.Assignment declare(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Declaration body) {
        return reviews.declare(me, id, body.hasConflict(), body.note());
    }

    @PutMapping("/applications/{id}/review")
    @Operation(summary = "Score every criterion 0–10 with comments (the assigned reviewer, without a conflict)")
    Reviews.Review review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Scores body) {
        return reviews.score(me, id, body.scores() == null ? List.of() : body.scores());
    }

    @PostMapping("/applications/{id}/decision")
    @Operation(
            summary =
                    "Award (amount, period, tranches adding up to the amount, milestones) or decline with a note (officers)")
    Applications.Application decide(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Awards.Decision body) {
        return awards.decide(me, id, body);
    }
}
