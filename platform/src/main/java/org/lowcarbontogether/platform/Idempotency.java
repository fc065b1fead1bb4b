package org.lowcarbontogether.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotent writes after the IETF Idempotency-Key draft. A key is scoped to its caller and to what it is for (a scope
 * such as {@code user:<id>/records} or {@code user:<id>/redemptions}), so one key reused for another kind of request
 * is simply a new key there; the first request with it
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

    private final ClusterJobs jobs;

    Idempotency(
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            ClusterJobs jobs,
            @Value("${lct.idempotency.retention:P7D}") Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("Idempotency keys must be kept at least 24 hours");
        }
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.jobs = jobs;
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
        var k = new Key(scope, key, fingerprint(request));
        Claim claim = reserve(List.of(k)).getFirst();
        if (!claim.reserved()) {
            return new Outcome<>(replay(claim, responseType), true);
        }
        T response = action.get();
        complete(List.of(k), List.of(response));
        return new Outcome<>(response, false);
    }

    /** A key as one request uses it: its caller's scope, the key, and the fingerprint of the request's payload. */
    public record Key(String scope, String key, String fingerprint) {}

    /**
     * What a key turned out to be: reserved for the current transaction (first use), or used before — then the stored
     * fingerprint and response say what to answer.
     */
    public record Claim(
            Key key,
            boolean reserved,
            @Nullable String storedFingerprint,
            @Nullable String storedResponse) {

        /** Whether the key was used before, with any payload. */
        public boolean used() {
            return storedFingerprint != null;
        }
    }

    /** The stored response a claim of a used key replays; 422 when the key came with another payload, 409 in flight. */
    public <T> T replay(Claim claim, Class<T> responseType) {
        return json.readValue(replayJson(claim), responseType);
    }

    /** {@link #replay} as the JSON text stored with the key, exactly as it was first answered. */
    public String replayJson(Claim claim) {
        if (claim.storedFingerprint() == null
                || !claim.storedFingerprint().equals(claim.key().fingerprint())) {
            throw new Refusal(Refusal.Kind.UNACCEPTABLE, "idempotency-key-reused", "Idempotency-Key");
        }
        if (claim.storedResponse() == null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "idempotency-key-in-flight", "Idempotency-Key");
        }
        return claim.storedResponse();
    }

    /**
     * Reserves keys for the current transaction, all in one statement; a key another transaction holds is waited for.
     * The keys must be distinct. Returns one claim per key, in order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Claim> reserve(List<Key> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var reserved = new HashSet<String>();
        jdbc.sql("""
                        insert into idempotency_key (scope, idem_key, fingerprint, created_at)
                        select k.scope, k.idem_key, k.fingerprint, :now
                        from unnest(:scopes, :keys, :fingerprints) as k(scope, idem_key, fingerprint) order by k.scope, k.idem_key
                        on conflict (scope, idem_key) do nothing
                        returning scope, idem_key""")
                .param("scopes", array(keys, Key::scope))
                .param("keys", array(keys, Key::key))
                .param("fingerprints", array(keys, Key::fingerprint))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> reserved.add(id(rs.getString(1), rs.getString(2))))
                .list();
        var used = keys.stream()
                .filter(k -> !reserved.contains(id(k.scope(), k.key())))
                .toList();
        var stored = lookup(used);
        return keys.stream()
                .map(k -> reserved.contains(id(k.scope(), k.key()))
                        ? new Claim(k, true, null, null)
                        : stored.get(id(k.scope(), k.key())))
                .toList();
    }

    /**
     * Stores keys with the responses of their requests — each the JSON text of its response, kept verbatim — all in
     * one statement, for writers that know each response before they write its effects. A key another transaction
     * stored first (it is waited for while in flight) is not stored again: the keys returned are those, so the caller
     * can roll back and answer them as replays.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Key> store(List<Key> keys, List<String> responses) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var stored = new HashSet<String>();
        jdbc.sql("""
                        insert into idempotency_key (scope, idem_key, fingerprint, response, created_at)
                        select k.scope, k.idem_key, k.fingerprint, r.response, :now
                        from unnest(:scopes, :keys, :fingerprints) with ordinality as k(scope, idem_key, fingerprint, n)
                        join json_array_elements(cast(:responses as json)) with ordinality as r(response, n) using (n)
                        order by k.scope, k.idem_key
                        on conflict (scope, idem_key) do nothing
                        returning scope, idem_key""")
                .param("scopes", array(keys, Key::scope))
                .param("keys", array(keys, Key::key))
                .param("fingerprints", array(keys, Key::fingerprint))
                .param("responses", JsonTexts.array(responses))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> stored.add(id(rs.getString(1), rs.getString(2))))
                .list();
        return keys.stream()
                .filter(k -> !stored.contains(id(k.scope(), k.key())))
                .toList();
    }

    /** Looks keys up without reserving them: for requests that will not run, but may replay an earlier one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Claim> find(List<Key> keys) {
        var stored = lookup(keys);
        return keys.stream()
                .map(k -> stored.getOrDefault(id(k.scope(), k.key()), new Claim(k, false, null, null)))
                .toList();
    }

    private Map<String, Claim> lookup(List<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        var byId = new HashMap<String, Key>();
        keys.forEach(k -> byId.put(id(k.scope(), k.key()), k));
        var claims = new HashMap<String, Claim>();
        jdbc.sql("""
                        select i.scope, i.idem_key, i.fingerprint, i.response
                        from unnest(:scopes, :keys) as k(scope, idem_key)
                        cross join lateral (select i.scope, i.idem_key, i.fingerprint, i.response
                                            from idempotency_key i where i.scope = k.scope and i.idem_key = k.idem_key
                                            offset 0) i""")
                .param("scopes", array(keys, Key::scope))
                .param("keys", array(keys, Key::key))
                .query((rs, n) -> {
                    String id = id(rs.getString(1), rs.getString(2));
                    // Only the keys asked for come back.
                    return claims.put(
                            id,
                            new Claim(Objects.requireNonNull(byId.get(id)), false, rs.getString(3), rs.getString(4)));
                })
                .list();
        return claims;
    }

    /** Stores the responses of reserved keys, in the transaction that produced them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(List<Key> keys, List<?> responses) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update idempotency_key i set response = r.response
                        from unnest(:scopes, :keys) with ordinality as k(scope, idem_key, n)
                        join json_array_elements(cast(:responses as json)) with ordinality as r(response, n) using (n)
                        where i.scope = k.scope and i.idem_key = k.idem_key""")
                .param("scopes", array(keys, Key::scope))
                .param("keys", array(keys, Key::key))
                .param(
                        "responses",
                        JsonTexts.array(
                                responses.stream().map(json::writeValueAsString).toList()))
                .update();
    }

    /** Gives back reserved keys whose requests failed after all, so nothing is kept for them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(List<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        delete from idempotency_key i using unnest(:scopes, :keys) as r(scope, idem_key)
                        where i.scope = r.scope and i.idem_key = r.idem_key""")
                .param("scopes", array(keys, Key::scope))
                .param("keys", array(keys, Key::key))
                .update();
    }

    private static SqlArrayValue array(List<Key> keys, Function<Key, String> field) {
        return new SqlArrayValue("text", keys.stream().map(field).toArray());
    }

    private static String id(String scope, String key) {
        return scope + "\n" + key;
    }

    public static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw Refusal.invalid("invalid-idempotency-key", "Idempotency-Key");
        }
    }

    /** Forgets keys older than the retention period. */
    /** The daily purge, once across instances. */
    @Scheduled(cron = "${lct.idempotency.purge-cron:0 17 3 * * *}")
    void purgeOnSchedule() {
        jobs.once("idempotency-purge", Duration.ofHours(1), this::purgeExpired);
    }

    @Transactional
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    public Duration retention() {
        return retention;
    }

    /** The fingerprint of a request's payload, which a replay must match. */
    public String fingerprint(Object request) {
        return Hashes.sha256(json.writeValueAsString(request));
    }
}
