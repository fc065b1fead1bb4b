package org.lowcarbontogether.partners;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.webhooks.WebhookOwnerNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Partners own their webhook endpoints under their own ids: administrators see the partner's name. */
@Component
class PartnerWebhookOwners implements WebhookOwnerNames {

    private final JdbcClient jdbc;

    PartnerWebhookOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, String> names(Collection<UUID> ownerIds, boolean chinese) {
        var names = new HashMap<UUID, String>();
        if (ownerIds.isEmpty()) {
            return names;
        }
        jdbc.sql("select id, name_en, name_zh from partner where id in (:ids)")
                .param("ids", ownerIds)
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString(chinese ? "name_zh" : "name_en"));
                });
        return names;
    }
}
