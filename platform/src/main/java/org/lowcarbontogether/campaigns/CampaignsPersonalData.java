package org.lowcarbontogether.campaigns;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Green Graduation items a person listed or received, and the campaigns and teams they created. Deleting the
 * account withdraws the items they listed that were not handed over yet (their description cleared) and releases those
 * they had reserved; items handed over stay, with their credits, under the account's id.
 */
@Component
class CampaignsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    CampaignsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("campaign", "campaigns-created", Treatment.KEPT, "created_by"),
                Holding.of("campaign_team", "teams-created", Treatment.KEPT, "created_by"),
                Holding.of("handover_item", "handover-items", Treatment.CLEARED, "giver_id", "receiver_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("campaigns-created", PersonalData.query(jdbc, """
                        select id, organisation_id, name, template, starts_on, ends_on, created_at
                        from campaign where created_by = :person order by created_at""", person));
        export.kind(
                "teams-created",
                PersonalData.query(
                        jdbc,
                        "select id, campaign_id, name, created_at from campaign_team where created_by = :person order by created_at",
                        person));
        export.kind("handover-items", PersonalData.query(jdbc, """
                        select id, campaign_id, case when giver_id = :person then 'GIVER' else 'RECEIVER' end as role, category,
                            title, description, weight_kg, status, reserved_at, handed_over_at,
                            case when giver_id = :person then giver_credit else receiver_credit end as credit,
                            case when giver_id = :person then giver_grams else receiver_grams end as credited_grams, created_at
                        from handover_item where giver_id = :person or receiver_id = :person order by created_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("""
                        update handover_item set status = 'WITHDRAWN', receiver_id = null, reserved_at = null, description = ''
                        where giver_id = :person and status in ('LISTED', 'RESERVED')""").param("person", erasure.person()).update();
        jdbc.sql("""
                        update handover_item set status = 'LISTED', receiver_id = null, reserved_at = null
                        where receiver_id = :person and status = 'RESERVED'""").param("person", erasure.person()).update();
    }
}
