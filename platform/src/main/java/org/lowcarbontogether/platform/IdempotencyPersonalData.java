package org.lowcarbontogether.platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Keys a person sent, with the answers kept for them ({@code idempotency_key}, scoped {@code
 * user:<id>/<purpose>}): exported, and deleted with the account (they are only kept for replays, which a deleted account
 * cannot make).
 */
@Component
class IdempotencyPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    IdempotencyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(Holding.of("idempotency_key", "request-keys", Treatment.DELETED, "scope"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("request-keys", PersonalData.query(jdbc, """
                        select substr(scope, strpos(scope, '/') + 1) as purpose, idem_key as idempotency_key, created_at,
                            response
                        from idempotency_key where scope like :prefix order by created_at""", Map.of("prefix", prefix(person))));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("delete from idempotency_key where scope like :prefix")
                .param("prefix", prefix(erasure.person()))
                .update();
    }

    private static String prefix(UUID person) {
        return "user:" + person + "/%";
    }
}
