package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations that run programmes on the platform, and who belongs to them in which role. */
@Service
public class Organisations {

    /** The kinds of organisation the programme works with. */
    public enum Kind {
        NGO,
        CAMPUS_ASSOCIATION,
        EMPLOYER,
        NEIGHBOURHOOD_COMMUNITY,
        INTERNET_PARTNER,
        ENTERPRISE,
        COALITION
    }

    /** A member's role inside one organisation; an organiser acts only inside their own organisations. */
    public enum MemberRole {
        MEMBER,
        ORGANISER
    }

    public record Organisation(UUID id, String name, Kind kind) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Organisations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Organisation create(String name, Kind kind) {
        var organisation = new Organisation(UUID.randomUUID(), name, kind);
        jdbc.sql("insert into organisation (id, name, kind, created_at) values (:id, :name, :kind, :now)")
                .param("id", organisation.id())
                .param("name", name)
                .param("kind", kind.name())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        return organisation;
    }

    @Transactional
    public void addMember(UUID organisationId, UUID userId, MemberRole role) {
        jdbc.sql("""
                        insert into membership (organisation_id, user_id, role, joined_at) values (:org, :user, :role, :now)
                        on conflict (organisation_id, user_id) do update set role = excluded.role""")
                .param("org", organisationId)
                .param("user", userId)
                .param("role", role.name())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    public List<Organisation> all() {
        return jdbc.sql("select id, name, kind from organisation order by name").query(Organisation.class).list();
    }

    public List<Organisation> of(UUID userId) {
        return jdbc.sql("""
                        select o.id, o.name, o.kind from organisation o join membership m on m.organisation_id = o.id
                        where m.user_id = :user order by o.name""")
                .param("user", userId)
                .query(Organisation.class)
                .list();
    }

    /** The member of an organisation with this email, if they are one. */
    public java.util.Optional<UUID> memberByEmail(UUID organisationId, String email) {
        return jdbc.sql("""
                        select u.id from app_user u join membership m on m.user_id = u.id
                        where m.organisation_id = :org and u.email = :email""")
                .param("org", organisationId)
                .param("email", Registration.normalise(email))
                .query(UUID.class)
                .optional();
    }

    /** The organisations a person organises. */
    public List<Organisation> organisedBy(UUID userId) {
        return jdbc.sql("""
                        select o.id, o.name, o.kind from organisation o join membership m on m.organisation_id = o.id
                        where m.user_id = :user and m.role = 'ORGANISER' order by o.name""")
                .param("user", userId)
                .query(Organisation.class)
                .list();
    }

    public boolean isOrganiser(UUID userId, UUID organisationId) {
        return jdbc.sql("select count(*) from membership where user_id = :user and organisation_id = :org and role = 'ORGANISER'")
                .param("user", userId)
                .param("org", organisationId)
                .query(Long.class)
                .single() > 0;
    }

    /** A member of an organisation as other modules may show them: their display name, never their email. */
    public record Member(UUID userId, String displayName, MemberRole role) {}

    /** The members of an organisation (organisers included), by display name. */
    public List<Member> members(UUID organisationId) {
        return jdbc.sql("""
                        select u.id, u.display_name, m.role from membership m join app_user u on u.id = m.user_id
                        where m.organisation_id = :org order by u.display_name, u.id""")
                .param("org", organisationId)
                .query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), MemberRole.valueOf(rs.getString(3))))
                .list();
    }
}
