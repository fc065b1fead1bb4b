package org.lowcarbontogether.recording;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One claim per real-world event: a partner's order id, a ride file's hash, an event check-in is credited once,
 * whichever channel brings it. A second claim is refused naming the first — its channel and time, and its record when
 * it is the same person's (another person's identity is never revealed).
 */
@Component
class ExternalClaims {

    private final JdbcClient jdbc;
    private final Clock clock;

    ExternalClaims(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims a reference for a record, in the caller's transaction; a concurrent claim waits for it and then fails. */
    @Transactional(propagation = Propagation.MANDATORY)
    void claim(String reference, UUID userId, UUID recordId, String channel) {
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                        insert into external_claim (reference, user_id, record_id, channel, claimed_at)
                        values (:reference, :user, :record, :channel, :now) on conflict (reference) do nothing""")
                .param("reference", reference)
                .param("user", userId)
                .param("record", recordId)
                .param("channel", channel)
                .param("now", Timestamp.from(now))
                .update();
        if (claimed == 1) {
            return;
        }
        var first = jdbc.sql("select user_id, record_id, channel, claimed_at from external_claim where reference = :reference")
                .param("reference", reference)
                .query((rs, n) -> new Object[] {rs.getObject("user_id", UUID.class), rs.getObject("record_id", UUID.class),
                        rs.getString("channel"), rs.getTimestamp("claimed_at").toInstant()})
                .single();
        boolean mine = first[0].equals(userId);
        Map<String, Object> firstClaim = mine
                ? Map.of("channel", first[2], "claimedAt", first[3].toString(), "recordId", first[1].toString())
                : Map.of("channel", first[2], "claimedAt", first[3].toString());
        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "already-claimed",
                List.of(ProblemException.Violation.of("externalRef", "already-claimed", reference, first[2], first[3].toString())),
                Map.of("firstClaim", firstClaim), reference, first[2], first[3].toString());
    }
}
