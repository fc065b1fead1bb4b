package org.lowcarbontogether.recording.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
    private final ProblemWriter problems;

    RecordApiController(Recording recording, ProblemWriter problems) {
        this.recording = recording;
        this.problems = problems;
    }

    @PostMapping
    @Operation(summary = "Record a behaviour", description = """
                    Calculates the reduction under the current methodology and credits it to the caller's ledger.
                    The Idempotency-Key header is required (8–255 printable characters, unique per request): a retry with
                    the same key and body returns the original response with 'Idempotent-Replayed: true'; the same key
                    with another body is 422. Keys are kept for 7 days. Missing fields are 400; unknown behaviour, a
                    unit that does not fit, a non-positive or implausible quantity, a future or too old date are 422.
                    The plausibility rules decide the outcome: 201 CREDITED; 202 FLAGGED (kept, not credited until a
                    reviewer approves; 'reasons' says why); 422 problem 'record-rejected' (kept, never credited). An
                    'externalRef' (a partner order id, a ride hash, an event check-in) is credited once across all
                    channels: a second claim is 422 'already-claimed' naming the first.""")
    ResponseEntity<?> record(
            @AuthenticationPrincipal Actor me,
            @Parameter(description = "Unique key for this request") @RequestHeader("Idempotency-Key")
                    String idempotencyKey,
            @RequestBody RecordSubmission submission) {
        var outcome = recording.submit(me.id(), idempotencyKey, submission, Recording.Channel.API);
        RecordReceipt receipt = outcome.receipt();
        String replayed = Boolean.toString(outcome.replayed());
        if (receipt.status() == RecordStatus.REJECTED) {
            ProblemDetail problem = problems.problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "record-rejected",
                    LocaleContextHolder.getLocale(),
                    String.join(", ", receipt.reasons()));
            problem.setProperty("reasons", receipt.reasons());
            problem.setProperty("record", receipt);
            return ResponseEntity.unprocessableContent()
                    .header("Idempotent-Replayed", replayed)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        // The receipt as stored with the key: written once, by the record writer (a replay sends the same bytes).
        return ResponseEntity.status(
                        receipt.status() == RecordStatus.FLAGGED ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                .location(URI.create("/api/v1/records/" + receipt.id()))
                .header("Idempotent-Replayed", replayed)
                .contentType(MediaType.APPLICATION_JSON)
                .body(outcome.receiptJson().getBytes(StandardCharsets.UTF_8));
    }
}
