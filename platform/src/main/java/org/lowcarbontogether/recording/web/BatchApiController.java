package org.lowcarbontogether.recording.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.lowcarbontogether.recording.BatchResult;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Many records in one request, each idempotent by its own key, each with its own result. */
@RestController
@Tag(name = "Records", description = "Report low-carbon behaviours")
class BatchApiController {

    private final Recording recording;

    BatchApiController(Recording recording) {
        this.recording = recording;
    }

    @PostMapping(
            value = "/api/v1/records:batch",
            consumes = {"application/x-ndjson", "application/jsonl"})
    @Operation(
            summary = "Record many behaviours (JSON lines)",
            description =
                    "One JSON object per line, like the body of POST /api/v1/records plus a 'key' (its idempotency key). "
                            + "Up to 10,000 rows. The answer lists every row: CREDITED, FLAGGED, REJECTED or INVALID, and why. Sending "
                            + "the same rows again replays their results.")
    BatchResult jsonLines(@AuthenticationPrincipal Actor me, @RequestBody String body) {
        return recording.ingestJsonLines(me.id(), body, Recording.Channel.API);
    }

    @PostMapping(value = "/api/v1/records:batch", consumes = "text/csv")
    @Operation(
            summary = "Record many behaviours (CSV)",
            description = "Columns: key, behaviour, quantity, unit, occurred_at (ISO date-time with offset), region, "
                    + "duration_minutes, external_ref. Up to 10,000 rows; one result per row.")
    BatchResult csv(@AuthenticationPrincipal Actor me, @RequestBody String body) throws IOException {
        return recording.ingestCsv(me.id(), body, Recording.Channel.API);
    }
}
