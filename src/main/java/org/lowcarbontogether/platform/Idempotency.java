package org.lowcarbontogether.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.lowcarbontogether.shared.Hashes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent writes after the IETF Idempotency-Key draft. A key is scoped to its caller; the first request with it
 * runs and its response is stored in the same transaction as its effects, so a key is either unused or completed —
 * never half-done. A replay with the same payload gets the stored response; a different payload is refused (422); a
 * duplicate arriving while the first is still running waits on the key's row and then gets the original response.
 * Keys are kept for {@code lct.idempotency.retention} (at least 24 hours; 7 days by default).
 */
@Service
public class Idempotency {

    /** Printable ASCII, 8–255 characters: enough entropy to be unique per caller, as the draft asks. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{8,255}");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;

    Idempotency(JdbcClient jdbc, JsonMapper json, Clock clock, @Value("${lct.idempotency.retention:P7D}") Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("Idempotency keys must be kept at least 24 hours");
        }
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
    }

    /** The outcome of an idempotent call: the response, and whether it was replayed from an earlier call. */
    public record Outcome<T>(T response, boolean replayed) {}

    /**
     * Runs {@code action} once per (scope, key). Must be called inside the caller's transaction, so the stored
     * response commits or rolls back together with the action's effects.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> Outcome<T> execute(String scope, String key, Object request, Class<T> responseType, Supplier<T> action) {
        checkKey(key);
        String fingerprint = fingerprint(request);
        int inserted = jdbc.sql("""
                        insert into idempotency_key (scope, idem_key, fingerprint, created_at)
                        values (:scope, :key, :fingerprint, :now)
                        on conflict (scope, idem_key) do nothing""")
                .param("scope", scope)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            var stored = jdbc.sql("select fingerprint, response::text from idempotency_key where scope = :scope and idem_key = :key")
                    .param("scope", scope)
                    .param("key", key)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .single();
            if (!stored[0].equals(fingerprint)) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key");
            }
            if (stored[1] == null) {
                throw new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Idempotency-Key");
            }
            return new Outcome<>(json.readValue(stored[1], responseType), true);
        }
        T response = action.get();
        jdbc.sql("update idempotency_key set response = cast(:response as jsonb) where scope = :scope and idem_key = :key")
                .param("response", json.writeValueAsString(response))
                .param("scope", scope)
                .param("key", key)
                .update();
        return new Outcome<>(response, false);
    }

    public static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("invalid-idempotency-key", "Idempotency-Key");
        }
    }

    /** Forgets keys older than the retention period. */
    @Scheduled(cron = "${lct.idempotency.purge-cron:0 17 3 * * *}")
    @Transactional
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff))
                .update();
    }

    public Duration retention() {
        return retention;
    }

    private String fingerprint(Object request) {
        return Hashes.sha256(json.writeValueAsString(request));
    }
}
