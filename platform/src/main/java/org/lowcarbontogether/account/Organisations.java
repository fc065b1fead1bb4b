package org.lowcarbontogether.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.Rows;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
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
        COALITION,
        /** A primary or secondary school; its organisers are its teachers ({@code schools} module). */
        SCHOOL
    }

    /** A member's role inside one organisation; an organiser acts only inside their own organisations. */
    public enum MemberRole {
        MEMBER,
        ORGANISER
    }

    public record Organisation(UUID id, String name, Kind kind) {}

    /** A member of an organisation as its organisers see them; {@code invited} until the person accepts. */
    public record Member(UUID userId, String name, String email, MemberRole role, Instant joinedAt, boolean invited) {}

    /** An invitation waiting for its person: which organisation, in which role, from whom. */
    public record Invitation(
            UUID organisationId,
            String organisationName,
            Kind kind,
            MemberRole role,
            String invitedBy,
            Instant invitedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Users users;
    private final EmailVerification verification;
    private final AccountMail mail;
    private final AuditLog audit;

    Organisations(
            JdbcClient jdbc,
            Clock clock,
            Users users,
            EmailVerification verification,
            AccountMail mail,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.verification = verification;
        this.mail = mail;
        this.audit = audit;
    }

    @Transactional
    public Organisation create(String name, Kind kind) {
        var organisation = new Organisation(UUID.randomUUID(), name, kind);
        jdbc.sql("insert into organisation (id, name, kind, created_at) values (:id, :name, :kind, :now)")
                .param("id", organisation.id())
                .param("name", name)
                .param("kind", kind.name())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return organisation;
    }

    /** What an organisation tells about itself when it applies, kept once it is admitted. */
    record Details(String description, @Nullable String website, String contactEmail, String region) {}

    /** Creates an admitted organisation with its details (the caller has checked them and its name). */
    Organisation create(String name, Kind kind, Details details) {
        var organisation = create(name, kind);
        jdbc.sql("""
                        update organisation set description = :description, website = :website,
                            contact_email = :email, region = :region where id = :id""")
                .param("description", details.description())
                .param("website", details.website())
                .param("email", details.contactEmail())
                .param("region", details.region())
                .param("id", organisation.id())
                .update();
        return organisation;
    }

    /**
     * Whether an organisation of this name exists, whatever its letter case. Taken under a lock on the name until the
     * caller's transaction ends, so two admissions of one name cannot both pass.
     */
    boolean nameTaken(String name) {
        jdbc.sql(
                        "select count(*) from (select pg_advisory_xact_lock(hashtext('organisation-name:' || lower(:name)))) locked")
                .param("name", name)
                .query(Long.class)
                .single();
        return jdbc.sql("select count(*) from organisation where lower(name) = lower(:name)")
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Administrators register the organisations that run programmes on the platform (names are unique). */
    @Transactional
    public Organisation create(Actor me, @Nullable String name, @Nullable String kind) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        var violations = new ArrayList<Refusal.Violation>();
        String clean = name == null ? "" : name.strip();
        if (clean.length() < 2 || clean.length() > 160) {
            violations.add(Refusal.Violation.of("name", "text-length", 2, 160));
        }
        Kind parsed = null;
        try {
            parsed = Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Refusal.Violation.of("kind", "value-unknown", kind == null ? "" : kind));
        }
        if (!violations.isEmpty() || parsed == null) {
            throw Refusal.invalid(violations);
        }
        if (nameTaken(clean)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-name-taken", "name", clean);
        }
        var organisation = create(clean, parsed);
        audit.record(
                me.id(),
                AuditLog.Action.ORGANISATION_CREATED,
                organisation.id(),
                AuditLog.Target.ORGANISATION,
                organisation.id(),
                Map.of("name", clean, "kind", parsed.name()));
        return organisation;
    }

    public Organisation get(UUID id) {
        return jdbc.sql("select id, name, kind from organisation where id = :id")
                .param("id", id)
                .query(Organisation.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "organisation-unknown", "id", id));
    }

    /** The members of an organisation and the people invited, for its organisers (403 for anyone else). */
    public List<Member> members(Actor me, UUID organisationId) {
        requireOrganiser(me, organisationId);
        return Rows.present(
                jdbc.sql("""
                        select * from (
                            select u.id as user_id, u.display_name as name, u.email, m.role, m.joined_at, false as invited
                            from membership m join app_user u on u.id = m.user_id where m.organisation_id = :org
                            union all
                            select u.id, u.display_name, u.email, i.role, i.invited_at, true
                            from membership_invitation i join app_user u on u.id = i.user_id where i.organisation_id = :org
                        ) people order by invited, role desc, name""").param("org", organisationId).query(Member.class).list());
    }

    /**
     * An organiser invites a person to their organisation by email, or changes a member's role. Nobody becomes a
     * member without accepting: until then the organisation can neither see their activity nor enter records for them.
     * Making a member an organiser also gives them the platform's organiser role, so they find the organiser pages.
     */
    @Transactional
    public Member addMember(Actor me, UUID organisationId, @Nullable String email, @Nullable String role) {
        requireOrganiser(me, organisationId);
        MemberRole parsed;
        try {
            parsed = MemberRole.valueOf(role == null ? "MEMBER" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(Refusal.Violation.of("role", "value-unknown", role)));
        }
        UUID userId = jdbc.sql("select id from app_user where email = :email")
                .param("email", Registration.normalise(email == null ? "" : email))
                .query(UUID.class)
                .optional()
                .orElseThrow(
                        () -> Refusal.unacceptable("organisation-member-unknown", "email", email == null ? "" : email));
        boolean member = jdbc.sql("select count(*) from membership where organisation_id = :org and user_id = :user")
                        .param("org", organisationId)
                        .param("user", userId)
                        .query(Long.class)
                        .single()
                > 0;
        if (member) {
            if (parsed == MemberRole.MEMBER && isOrganiser(userId, organisationId) && organisers(organisationId) == 1) {
                throw new Refusal(Refusal.Kind.CONFLICT, "organisation-last-organiser", null);
            }
            addMember(organisationId, userId, parsed);
            audit.record(
                    me.id(),
                    AuditLog.Action.MEMBER_ROLE_CHANGED,
                    organisationId,
                    AuditLog.Target.PERSON,
                    userId,
                    Map.of("memberRole", parsed.name()));
            if (parsed == MemberRole.ORGANISER) {
                users.grantRole(userId, Role.ORGANISER, me.id(), organisationId);
            }
        } else {
            // xmax is 0 only for a row this statement inserted: a new invitation, not a changed role.
            boolean invited = jdbc.sql("""
                            insert into membership_invitation (organisation_id, user_id, role, invited_by, invited_at)
                            values (:org, :user, :role, :by, :now)
                            on conflict (organisation_id, user_id) do update set role = excluded.role
                            returning xmax = 0""")
                    .param("org", organisationId)
                    .param("user", userId)
                    .param("role", parsed.name())
                    .param("by", me.id())
                    .param("now", Timestamp.from(clock.instant()))
                    .query(Boolean.class)
                    .single();
            audit.record(
                    me.id(),
                    AuditLog.Action.MEMBER_INVITED,
                    organisationId,
                    AuditLog.Target.PERSON,
                    userId,
                    Map.of("memberRole", parsed.name()));
            if (invited) {
                tellInvited(me, organisationId, userId, parsed);
            }
        }
        return members(me, organisationId).stream()
                .filter(m -> m.userId().equals(userId))
                .findFirst()
                .orElseThrow();
    }

    /** Writes to the invited person, in their language, with a link to the page where they accept or decline. */
    private void tellInvited(Actor me, UUID organisationId, UUID userId, MemberRole role) {
        var invited = users.findById(userId).orElseThrow();
        String inviter = users.findById(me.id()).map(Users.User::displayName).orElse("");
        mail.invitation(
                invited.email(),
                users.language(userId),
                invited.displayName(),
                get(organisationId).name(),
                role,
                inviter);
    }

    /** The invitations waiting for a person. */
    public List<Invitation> invitations(UUID userId) {
        return jdbc.sql("""
                        select o.id, o.name, o.kind, i.role, u.display_name, i.invited_at
                        from membership_invitation i join organisation o on o.id = i.organisation_id
                        join app_user u on u.id = i.invited_by
                        where i.user_id = :user order by i.invited_at""")
                .param("user", userId)
                .query((rs, n) -> new Invitation(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        Kind.valueOf(rs.getString(3)),
                        MemberRole.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * The person accepts an invitation: from now on they are a member in the role they were invited to. Only with a
     * verified address (403 {@code email-unverified}): an organisation sees its members' activity.
     */
    @Transactional
    public Organisation accept(Actor me, UUID organisationId) {
        verification.requireVerified(me.id());
        String role = jdbc.sql(
                        "delete from membership_invitation where organisation_id = :org and user_id = :user returning role")
                .param("org", organisationId)
                .param("user", me.id())
                .query(String.class)
                .optional()
                .orElseThrow(() ->
                        new Refusal(Refusal.Kind.NOT_FOUND, "invitation-unknown", "organisationId", organisationId));
        addMember(organisationId, me.id(), MemberRole.valueOf(role));
        audit.record(
                me.id(),
                AuditLog.Action.INVITATION_ACCEPTED,
                organisationId,
                AuditLog.Target.PERSON,
                me.id(),
                Map.of("memberRole", role));
        if (MemberRole.valueOf(role) == MemberRole.ORGANISER) {
            users.grantRole(me.id(), Role.ORGANISER, me.id(), organisationId);
        }
        return get(organisationId);
    }

    /** The person declines an invitation; nothing of it remains. */
    @Transactional
    public void decline(Actor me, UUID organisationId) {
        int gone = jdbc.sql("delete from membership_invitation where organisation_id = :org and user_id = :user")
                .param("org", organisationId)
                .param("user", me.id())
                .update();
        if (gone == 0) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "invitation-unknown", "organisationId", organisationId);
        }
        audit.record(
                me.id(),
                AuditLog.Action.INVITATION_DECLINED,
                organisationId,
                AuditLog.Target.PERSON,
                me.id(),
                Map.of());
    }

    /** A member leaves an organisation of their own accord; the last organiser must first hand over. */
    @Transactional
    public void leave(Actor me, UUID organisationId) {
        get(organisationId);
        if (isOrganiser(me.id(), organisationId) && organisers(organisationId) == 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-last-organiser", null);
        }
        int gone = jdbc.sql("delete from membership where organisation_id = :org and user_id = :user")
                .param("org", organisationId)
                .param("user", me.id())
                .update();
        if (gone == 0) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "organisation-not-a-member", "organisationId", organisationId);
        }
        audit.record(me.id(), AuditLog.Action.MEMBER_LEFT, organisationId, AuditLog.Target.PERSON, me.id(), Map.of());
    }

    private long organisers(UUID organisationId) {
        return jdbc.sql("select count(*) from membership where organisation_id = :org and role = 'ORGANISER'")
                .param("org", organisationId)
                .query(Long.class)
                .single();
    }

    /**
     * An organiser removes a member or withdraws an invitation; a member may remove themselves (leave). The last
     * organiser cannot go, so no organisation is orphaned.
     */
    @Transactional
    public void removeMember(Actor me, UUID organisationId, UUID userId) {
        if (me.id().equals(userId)) {
            leave(me, organisationId);
            return;
        }
        requireOrganiser(me, organisationId);
        if (organisers(organisationId) == 1 && isOrganiser(userId, organisationId)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "organisation-last-organiser", null);
        }
        int members = jdbc.sql("delete from membership where organisation_id = :org and user_id = :user")
                .param("org", organisationId)
                .param("user", userId)
                .update();
        int invitations = jdbc.sql("delete from membership_invitation where organisation_id = :org and user_id = :user")
                .param("org", organisationId)
                .param("user", userId)
                .update();
        if (members + invitations > 0) {
            audit.record(
                    me.id(),
                    AuditLog.Action.MEMBER_REMOVED,
                    organisationId,
                    AuditLog.Target.PERSON,
                    userId,
                    Map.of("invitation", Boolean.toString(members == 0)));
        }
    }

    /** The caller organises this organisation (or administers the platform): 404 if it does not exist, 403 otherwise. */
    public void requireOrganiser(Actor me, UUID organisationId) {
        get(organisationId);
        if (!me.hasRole(Role.ADMIN) && !isOrganiser(me.id(), organisationId)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
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
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public List<Organisation> all() {
        return Rows.present(jdbc.sql("select id, name, kind from organisation order by name")
                .query(Organisation.class)
                .list());
    }

    public List<Organisation> of(UUID userId) {
        return Rows.present(
                jdbc.sql("""
                        select o.id, o.name, o.kind from organisation o join membership m on m.organisation_id = o.id
                        where m.user_id = :user order by o.name""").param("user", userId).query(Organisation.class).list());
    }

    /** The member of an organisation with this email, if they are one. */
    public Optional<UUID> memberByEmail(UUID organisationId, String email) {
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
        return Rows.present(
                jdbc.sql("""
                        select o.id, o.name, o.kind from organisation o join membership m on m.organisation_id = o.id
                        where m.user_id = :user and m.role = 'ORGANISER' order by o.name""").param("user", userId).query(Organisation.class).list());
    }

    /** Whether a person belongs to an organisation in any role (accepted invitations only). */
    public boolean isMember(UUID userId, UUID organisationId) {
        return hasMembership(userId, organisationId, null);
    }

    public boolean isOrganiser(UUID userId, UUID organisationId) {
        return hasMembership(userId, organisationId, MemberRole.ORGANISER);
    }

    private boolean hasMembership(UUID userId, UUID organisationId, @Nullable MemberRole role) {
        return jdbc.sql("""
                        select count(*) from membership where user_id = :user and organisation_id = :org
                            and (cast(:role as text) is null or role = :role)""")
                        .param("user", userId)
                        .param("org", organisationId)
                        .param("role", role == null ? null : role.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A member of an organisation as other modules may show them: their display name, never their email. */
    public record PublicMember(UUID userId, String displayName, MemberRole role) {}

    /** The members of an organisation (organisers included), by display name. */
    public List<PublicMember> members(UUID organisationId) {
        return jdbc.sql("""
                        select u.id, u.display_name, m.role from membership m join app_user u on u.id = m.user_id
                        where m.organisation_id = :org order by u.display_name, u.id""")
                .param("org", organisationId)
                .query((rs, n) -> new PublicMember(
                        rs.getObject(1, UUID.class), rs.getString(2), MemberRole.valueOf(rs.getString(3))))
                .list();
    }
}
