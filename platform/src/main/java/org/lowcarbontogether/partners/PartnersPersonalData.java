package org.lowcarbontogether.partners;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's links to partners and the activities partners sent for them. Deleting the account deletes the links (and
 * the authorisation server's authorisations and consents, kept under the person's address); the activities are kept
 * under the account's id, like the records they made, for the partners' reconciliation.
 */
@Component
class PartnersPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    PartnersPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("partner_link", "partner-links", Treatment.DELETED, "user_id"),
                Holding.of("partner_activity", "partner-activities", Treatment.KEPT, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("partner-links", PersonalData.query(jdbc, """
                        select p.name_en as partner, l.scenarios, l.linked_at, l.revoked_at
                        from partner_link l join partner p on p.id = l.partner_id
                        where l.user_id = :person order by l.linked_at""", person));
        export.kind("partner-activities", PersonalData.query(jdbc, """
                        select p.name_en as partner, a.reference, a.scenario, a.behaviour, a.outcome, a.reasons,
                            a.reduction_grams, a.record_id, a.received_at
                        from partner_activity a join partner p on p.id = a.partner_id
                        where a.user_id = :person order by a.received_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("delete from oauth2_authorization where principal_name = :email")
                .param("email", erasure.email())
                .update();
        jdbc.sql("delete from oauth2_authorization_consent where principal_name = :email")
                .param("email", erasure.email())
                .update();
        jdbc.sql("delete from partner_link where user_id = :person")
                .params(Map.of("person", erasure.person()))
                .update();
    }
}
