package org.lowcarbontogether.recording.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.recording.RecordReview.RecordView;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A person's records with their status; the reviewers' queue of flagged records; reversals. */
@RestController
@Tag(name = "Records", description = "Report low-carbon behaviours")
class RecordReviewApiController {

    private final RecordReview review;

    RecordReviewApiController(RecordReview review) {
        this.review = review;
    }

    record Note(@Nullable String note) {}

    @GetMapping("/api/v1/records")
    @Operation(
            summary = "My records",
            description =
                    "Newest first, with status (CREDITED, FLAGGED, REJECTED, REVERSED), the reasons of the plausibility rules and a reviewer's note.")
    List<RecordView> mine(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable RecordStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return review.recordsOf(me.id(), status, limit);
    }

    @PostMapping("/api/v1/records/{recordId}/reversal")
    @Operation(
            summary = "Withdraw one of my credited records",
            description = "Books a reversal entry linked to the original credit, with the reason.")
    RecordView withdraw(@AuthenticationPrincipal Actor me, @PathVariable UUID recordId, @RequestBody Note note) {
        return review.reverse(me, me.id(), recordId, note.note() == null ? "" : note.note());
    }

    @GetMapping("/api/v1/review/records")
    @Operation(summary = "Flagged records waiting for review (reviewers)")
    List<RecordView> queue(@AuthenticationPrincipal Actor me, @RequestParam(defaultValue = "100") int limit) {
        return review.queue(me, limit);
    }

    @PostMapping("/api/v1/review/records/{userId}/{recordId}/approve")
    @Operation(summary = "Approve a flagged record: it is credited (reviewers)")
    RecordView approve(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID userId,
            @PathVariable UUID recordId,
            @RequestBody(required = false) @Nullable Note note) {
        return review.approve(me, userId, recordId, note == null ? null : note.note());
    }

    @PostMapping("/api/v1/review/records/{userId}/{recordId}/reject")
    @Operation(summary = "Reject a flagged record with the reason the participant sees (reviewers)")
    RecordView reject(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID userId,
            @PathVariable UUID recordId,
            @RequestBody Note note) {
        return review.reject(me, userId, recordId, note.note() == null ? "" : note.note());
    }

    @PostMapping("/api/v1/review/records/{userId}/{recordId}/reverse")
    @Operation(summary = "Reverse a credited record with a reason (reviewers, administrators)")
    RecordView reverse(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID userId,
            @PathVariable UUID recordId,
            @RequestBody Note note) {
        return review.reverse(me, userId, recordId, note.note() == null ? "" : note.note());
    }
}
