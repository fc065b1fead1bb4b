package org.lowcarbontogether.recording;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reviewer approved a flagged record and it was credited. Names the evidence level and the claimant of its claims (a
 * partner's id for a partner's activity, else null) so the module that sent it can tell its sender that the held
 * activity is now credited. First credits are not announced this way: their senders got their answer when they sent.
 */
public record RecordApproved(
        UUID userId,
        UUID recordId,
        String evidence,
        @Nullable String claimant,
        Instant at) {}
