package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.http.HttpStatus;
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

    /** A member of an organisation as its organisers see them. */
    public record Member(UUID userId, String name, String email, MemberRole role, java.time.Instant joinedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Users users;

    Organisations(JdbcClient jdbc, Clock clock, Users users) {
        this.jdbc = jdbc;
        this.users = users;
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

    /** Administrators register the organisations that run programmes on the platform. */
    @Transactional
    public Organisation create(AuthenticatedUser me, @org.jspecify.annotations.Nullable String name,
            @org.jspecify.annotations.Nullable String kind) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", null);
        }
        var violations = new java.util.ArrayList<ProblemException.Violation>();
        String clean = name == null ? "" : name.strip();
        if (clean.length() < 2 || clean.length() > 160) {
            violations.add(ProblemException.Violation.of("name", "text-length", 2, 160));
        }
        Kind parsed = null;
        try {
            parsed = Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(ProblemException.Violation.of("kind", "value-unknown", kind == null ? "" : kind));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return create(clean, parsed);
    }

    public Organisation get(UUID id) {
        return jdbc.sql("select id, name, kind from organisation where id = :id").param("id", id).query(Organisation.class)
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "organisation-unknown", "id", id));
    }

    /** The members of an organisation, for its organisers (403 for anyone else). */
    public List<Member> members(AuthenticatedUser me, UUID organisationId) {
        requireOrganiser(me, organisationId);
        return jdbc.sql("""
                        select u.id as user_id, u.display_name as name, u.email, m.role, m.joined_at
                        from membership m join app_user u on u.id = m.user_id
                        where m.organisation_id = :org order by m.role desc, u.display_name""")
                .param("org", organisationId)
                .query(Member.class)
                .list();
    }

    /**
     * An organiser adds a person to their organisation by email, or changes their role. Making someone an organiser
     * also gives them the platform's organiser role, so they find the organiser pages.
     */
    @Transactional
    public Member addMember(AuthenticatedUser me, UUID organisationId, @org.jspecify.annotations.Nullable String email,
            @org.jspecify.annotations.Nullable String role) {
        requireOrganiser(me, organisationId);
        MemberRole parsed;
        try {
            parsed = MemberRole.valueOf(role == null ? "MEMBER" : role.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(ProblemException.Violation.of("role", "value-unknown", role)));
        }
        UUID userId = jdbc.sql("select id from app_user where email = :email")
                .param("email", Registration.normalise(email == null ? "" : email))
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> ProblemException.unprocessable("organisation-member-unknown", "email", email == null ? "" : email));
        addMember(organisationId, userId, parsed);
        if (parsed == MemberRole.ORGANISER) {
            users.grantRole(userId, Role.ORGANISER);
        }
        return members(me, organisationId).stream().filter(m -> m.userId().equals(userId)).findFirst().orElseThrow();
    }

    /** An organiser removes a member; the last organiser cannot remove themselves, so no organisation is orphaned. */
    @Transactional
    public void removeMember(AuthenticatedUser me, UUID organisationId, UUID userId) {
        requireOrganiser(me, organisationId);
        long organisers = jdbc.sql("select count(*) from membership where organisation_id = :org and role = 'ORGANISER'")
                .param("org", organisationId).query(Long.class).single();
        if (organisers == 1 && isOrganiser(userId, organisationId)) {
            throw new ProblemException(HttpStatus.CONFLICT, "organisation-last-organiser", null);
        }
        jdbc.sql("delete from membership where organisation_id = :org and user_id = :user")
                .param("org", organisationId)
                .param("user", userId)
                .update();
    }

    /** The caller organises this organisation (or administers the platform): 404 if it does not exist, 403 otherwise. */
    public void requireOrganiser(AuthenticatedUser me, UUID organisationId) {
        get(organisationId);
        if (!me.hasRole(Role.ADMIN) && !isOrganiser(me.id(), organisationId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", null);
        }
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
    public record PublicMember(UUID userId, String displayName, MemberRole role) {}

    /** The members of an organisation (organisers included), by display name. */
    public List<PublicMember> members(UUID organisationId) {
        return jdbc.sql("""
                        select u.id, u.display_name, m.role from membership m join app_user u on u.id = m.user_id
                        where m.organisation_id = :org order by u.display_name, u.id""")
                .param("org", organisationId)
                .query((rs, n) -> new PublicMember(rs.getObject(1, UUID.class), rs.getString(2), MemberRole.valueOf(rs.getString(3))))
                .list();
    }
}
