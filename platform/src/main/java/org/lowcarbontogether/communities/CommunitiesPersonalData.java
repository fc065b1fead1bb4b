package org.lowcarbontogether.communities;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's part in communities and campaigns: the groups they joined (with their team and feed choice), the
 * behaviours counted in them, their requests to join, and — as an organiser — the communities they created and the
 * requests they decided. Deleting the account ends every membership (the row stays with its dates, out of any team and
 * any feed, so the groups' retention still adds up), deletes open and past requests to join, and keeps the counted
 * behaviours under the account's id.
 */
@Component
class CommunitiesPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    CommunitiesPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("community", "communities-created", Treatment.KEPT, "created_by"),
                Holding.of("participant", "group-memberships", Treatment.CLEARED, "user_id"),
                Holding.of("participation_activity", "group-activity", Treatment.KEPT, "user_id"),
                Holding.of("community_join_request", "join-requests", Treatment.DELETED, "user_id"),
                Holding.of("community_join_request", "join-decisions", Treatment.KEPT, "decided_by"),
                // Invitations name people by address, with or without an account: the invited person's own.
                Holding.of("community_invitation", "community-invitations", Treatment.DELETED, "email"),
                Holding.of("community_invitation", "community-invitations-sent", Treatment.KEPT, "invited_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("communities-created", PersonalData.query(jdbc, """
                        select id, organisation_id, name, kind, visibility, created_at
                        from community where created_by = :person order by created_at""", person));
        export.kind("group-memberships", PersonalData.query(jdbc, """
                        select p.scope_kind, p.scope_id, c.name as community, p.team_id, p.show_in_feed, p.joined_at, p.left_at
                        from participant p left join community c on p.scope_kind = 'COMMUNITY' and c.id = p.scope_id
                        where p.user_id = :person order by p.joined_at""", person));
        export.kind("group-activity", PersonalData.query(jdbc, """
                        select scope_kind, scope_id, entry_id, record_id, behaviour, category, evidence, region, grams,
                            grams_recorded, behaviour_delta, occurred_at
                        from participation_activity where user_id = :person order by occurred_at, scope_kind, scope_id""", person));
        export.kind("community-invitations", PersonalData.query(jdbc, """
                        select i.community_id, c.name as community, i.message, i.invited_at, i.expires_at
                        from community_invitation i join community c on c.id = i.community_id
                        where i.email = :email order by i.invited_at""", Map.of("email", export.email())));
        // Invitations the person sent as an organiser: to which community and when, not whom.
        export.kind("community-invitations-sent", PersonalData.query(jdbc, """
                        select community_id, invited_at from community_invitation
                        where invited_by = :person order by invited_at""", person));
        export.kind("join-requests", PersonalData.query(jdbc, """
                        select r.community_id, c.name as community, r.requested_at, r.decided_at, r.approved
                        from community_join_request r join community c on c.id = r.community_id
                        where r.user_id = :person order by r.requested_at""", person));
        // Requests decided as an organiser: the decision, not who asked.
        export.kind("join-decisions", PersonalData.query(jdbc, """
                        select r.community_id, c.name as community, r.decided_at, r.approved
                        from community_join_request r join community c on c.id = r.community_id
                        where r.decided_by = :person and r.user_id <> :person order by r.decided_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("""
                        update participant set left_at = coalesce(left_at, :at), team_id = null, show_in_feed = false
                        where user_id = :person""")
                .param("at", Timestamp.from(erasure.at()))
                .param("person", erasure.person())
                .update();
        jdbc.sql("delete from community_invitation where email = :email")
                .param("email", erasure.email())
                .update();
        jdbc.sql("delete from community_join_request where user_id = :person")
                .param("person", erasure.person())
                .update();
    }
}
