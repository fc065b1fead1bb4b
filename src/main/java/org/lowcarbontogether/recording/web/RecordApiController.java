package org.lowcarbontogether.recording.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The records API: report a behaviour, get it credited with its provenance. */
@RestController
@RequestMapping("/api/v1/records")
@Tag(name = "Records", description = "Report low-carbon behaviours")
class RecordApiController {

    private final Recording recording;

    RecordApiController(Recording recording) {
        this.recording = recording;
    }

    @PostMapping
    @Operation(summary = "Record a behaviour",
            description = """
                    Calculates the reduction under the current methodology and credits it to the caller's ledger.
                    The Idempotency-Key header is required (8–255 printable characters, unique per request): a retry with
                    the same key and body returns the original response with 'Idempotent-Replayed: true'; the same key
                    with another body is 422. Keys are kept for 7 days. Missing fields are 400; unknown behaviour, a
                    unit that does not fit, a non-positive or implausible quantity, a future or too old date are 422.""")
    ResponseEntity<RecordReceipt> record(
            @AuthenticationPrincipal AuthenticatedUser me,
            @Parameter(description = "Unique key for this request") @RequestHeader("Idempotency-Key") String idempotencyKey,
            @RequestBody RecordSubmission submission) {
        var outcome = recording.submit(me.id(), idempotencyKey, submission, Recording.Channel.API);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/records/" + outcome.receipt().id()))
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(outcome.receipt());
    }
}
