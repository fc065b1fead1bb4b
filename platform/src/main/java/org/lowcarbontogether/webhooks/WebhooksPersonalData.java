package org.lowcarbontogether.webhooks;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhooks belong to an owner, which is usually not a person (a partner company); when an owner is a person, their
 * endpoints (never the secrets) and the messages sent to them are theirs: exported, and deleted with the account.
 */
@Component
class WebhooksPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    WebhooksPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("webhook_endpoint", "webhook-endpoints", Treatment.DELETED, "owner_id"),
                Holding.of("webhook_message", "webhook-messages", Treatment.DELETED, "owner_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("webhook-endpoints", PersonalData.query(jdbc, """
                        select id, url, event_types, state, disabled_reason, disabled_at, created_at
                        from webhook_endpoint where owner_id = :person order by created_at""", person));
        export.kind("webhook-messages", PersonalData.query(jdbc, """
                        select id, webhook_id, endpoint_id, event_type, payload, state, attempts, created_at,
                            delivered_at
                        from webhook_message where owner_id = :person order by created_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Messages and their attempts go with their endpoints.
        jdbc.sql("delete from webhook_endpoint where owner_id = :person")
                .param("person", erasure.person())
                .update();
    }
}
