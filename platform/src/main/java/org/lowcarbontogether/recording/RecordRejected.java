package org.lowcarbontogether.recording;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reviewer rejected a flagged record: it is never credited, and its real-world event may be claimed again. Names the
 * evidence level and the claimant of its claims (a partner's id for a partner's activity, else null) so the module that
 * sent it can tell its sender; the reviewer's note is for the record's owner and is not carried here.
 */
public record RecordRejected(
        UUID userId,
        UUID recordId,
        String evidence,
        @Nullable String claimant,
        Instant at) {}
