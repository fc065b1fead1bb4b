package org.lowcarbontogether.platform;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log's entries by and about a person: exported; kept when the account is deleted, since the log is
 * append-only and holds only ids — the account's id, which then identifies no one, and no names.
 */
@Component
class AuditPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("audit_entry", "audit-actions", Treatment.KEPT, "actor_id"),
                Holding.of("audit_entry", "audit-about-me", Treatment.KEPT, "target_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        // What the person did: the action and where, not whom it concerned.
        export.kind("audit-actions", PersonalData.query(jdbc, """
                        select at, action, target_kind, organisation_id from audit_entry
                        where actor_id = :person order by id""", person));
        // What was done to the person's account (roles, suspension): when and what, not who did it.
        export.kind("audit-about-me", PersonalData.query(jdbc, """
                        select at, action, organisation_id from audit_entry
                        where target_kind = 'PERSON' and target_id = :person order by id""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Append-only: nothing to erase; the entries name only the account's id.
    }
}
