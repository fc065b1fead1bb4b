package org.lowcarbontogether.grants;

import org.lowcarbontogether.account.RoleGranted;
import org.lowcarbontogether.account.RoleGrants;
import org.lowcarbontogether.account.RoleWithdrawn;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a programme's officers in step with the programme-officer role, in the transaction that grants or withdraws it
 * (a listener after commit would leave a moment in which a withdrawn officer still decides): the role granted for a
 * programme appoints its person there; withdrawn for a programme, or withdrawn altogether, it ends the appointments.
 */
@Component
class OfficerAppointments {

    private final JdbcClient jdbc;

    OfficerAppointments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(RoleGranted granted) {
        if (granted.role() == Role.PROGRAMME_OFFICER
                && granted.scopeKind() == RoleGrants.ScopeKind.PROGRAMME
                && granted.scopeId() != null) {
            jdbc.sql("insert into programme_officer (programme_id, user_id) values (:p, :u) on conflict do nothing")
                    .param("p", granted.scopeId())
                    .param("u", granted.userId())
                    .update();
        }
    }

    @EventListener
    void on(RoleWithdrawn withdrawn) {
        if (withdrawn.role() != Role.PROGRAMME_OFFICER) {
            return;
        }
        if (!withdrawn.roleRemains()) {
            jdbc.sql("delete from programme_officer where user_id = :u")
                    .param("u", withdrawn.userId())
                    .update();
        } else if (withdrawn.scopeKind() == RoleGrants.ScopeKind.PROGRAMME && withdrawn.scopeId() != null) {
            jdbc.sql("delete from programme_officer where programme_id = :p and user_id = :u")
                    .param("p", withdrawn.scopeId())
                    .param("u", withdrawn.userId())
                    .update();
        }
    }
}
