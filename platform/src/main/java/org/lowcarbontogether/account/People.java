package org.lowcarbontogether.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people on the platform as the administration console sees them: found by email or name, each with their roles
 * and where they hold them, their memberships and whether they are suspended. Administrators and programme officers
 * look people up (officers to make them reviewers); only administrators suspend and reinstate. A suspended person cannot
 * sign in, their sessions end on their next request and their tokens are refused; nothing else of theirs changes.
 */
@Service
public class People {

    public static final int PAGE_SIZE = 25;
    static final int MAX_REASON = 1000;

    /** A person in a list of results. */
    public record Found(
            UUID id,
            String displayName,
            String email,
            Set<Role> roles,
            Instant createdAt,
            @Nullable Instant suspendedAt) {

        public boolean suspended() {
            return suspendedAt != null;
        }
    }

    /** A page of results, and whether more follow. */
    public record Results(List<Found> people, int page, boolean hasNext) {}

    /** An organisation a person belongs to or is invited to. */
    public record Membership(
            UUID organisationId, String organisationName, Organisations.MemberRole role, boolean invited) {}

    /** One person, in full. */
    public record Person(
            Found summary,
            @Nullable String suspensionReason,
            @Nullable String suspendedByName,
            List<RoleGrants.Grant> grants,
            List<Membership> memberships) {}

    /** How a person is named in lists and logs. */
    public record Name(String displayName, String email) {}

    private final JdbcClient jdbc;
    private final Users users;
    private final RoleGrants roles;
    private final AuditLog audit;

    People(JdbcClient jdbc, Users users, RoleGrants roles, AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.roles = roles;
        this.audit = audit;
    }

    /** People whose email or name contains the text (everyone when it is empty), by name, a page at a time. */
    public Results search(Actor me, @Nullable String text, int page) {
        requireConsole(me);
        int number = Math.max(0, page);
        String pattern = "%" + like(text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) + "%";
        List<Found> found = new ArrayList<>(jdbc.sql("""
                        select id, display_name, email, roles, created_at, suspended_at from app_user
                        where email like :q escape '\\' or lower(display_name) like :q escape '\\'
                        order by lower(display_name), email limit :limit offset :offset""")
                .param("q", pattern)
                .param("limit", PAGE_SIZE + 1)
                .param("offset", (long) number * PAGE_SIZE)
                .query(People::found)
                .list());
        boolean more = found.size() > PAGE_SIZE;
        return new Results(more ? found.subList(0, PAGE_SIZE) : found, number, more);
    }

    /** One person with their roles, grants, memberships and state. */
    public Person get(Actor me, UUID id) {
        requireConsole(me);
        Found summary = jdbc.sql(
                        "select id, display_name, email, roles, created_at, suspended_at from app_user where id = :id")
                .param("id", id)
                .query(People::found)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "person-unknown", "id", id));
        var suspension = jdbc.sql("""
                        select u.suspension_reason, s.display_name from app_user u
                        left join app_user s on s.id = u.suspended_by where u.id = :id""")
                .param("id", id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        List<Membership> memberships = jdbc.sql("""
                        select o.id, o.name, m.role, false from membership m join organisation o on o.id = m.organisation_id
                        where m.user_id = :id
                        union all
                        select o.id, o.name, i.role, true from membership_invitation i
                        join organisation o on o.id = i.organisation_id where i.user_id = :id
                        order by 2""")
                .param("id", id)
                .query((rs, n) -> new Membership(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        Organisations.MemberRole.valueOf(rs.getString(3)),
                        rs.getBoolean(4)))
                .list();
        return new Person(summary, suspension[0], suspension[1], roles.of(id), memberships);
    }

    /** Suspends a person, with a reason (administrators; never themselves). */
    @Transactional
    public void suspend(Actor me, UUID id, @Nullable String reason) {
        requireAdministrator(me);
        var person =
                users.findById(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "person-unknown", "id", id));
        if (id.equals(me.id())) {
            throw Refusal.unacceptable("suspend-self", null);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw Refusal.invalid(List.of(Violation.of("reason", "suspension-reason-required", MAX_REASON)));
        }
        // Two administrators suspending each other at once would leave nobody to reinstate them.
        roles.lockAdministrators();
        if (users.findById(me.id()).map(Users.User::suspended).orElse(true)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "account-suspended", null);
        }
        if (person.roles().contains(Role.ADMIN) && roles.otherActiveAdministrators(id) == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "last-administrator", null);
        }
        if (!users.suspend(id, me.id(), why)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "account-already-suspended", null);
        }
        audit.record(
                me.id(), AuditLog.Action.ACCOUNT_SUSPENDED, null, AuditLog.Target.PERSON, id, Map.of("reason", why));
    }

    /** Lifts a person's suspension (administrators). */
    @Transactional
    public void reinstate(Actor me, UUID id) {
        requireAdministrator(me);
        if (users.findById(id).isEmpty()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "person-unknown", "id", id);
        }
        if (!users.reinstate(id)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "account-not-suspended", null);
        }
        audit.record(me.id(), AuditLog.Action.ACCOUNT_REINSTATED, null, AuditLog.Target.PERSON, id, Map.of());
    }

    /** The person with this email, if there is one. */
    public @Nullable UUID idOf(String email) {
        return users.findByEmail(Registration.normalise(email))
                .map(Users.User::id)
                .orElse(null);
    }

    /** How each of these people is named (those who do not exist are left out). */
    public Map<UUID, Name> names(Collection<UUID> ids) {
        var names = new HashMap<UUID, Name>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("select id, display_name, email from app_user where id in (:ids)")
                .param("ids", List.copyOf(Set.copyOf(ids)))
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), new Name(rs.getString(2), rs.getString(3)));
                });
        return names;
    }

    /** Administrators and programme officers use the console. */
    private static void requireConsole(Actor me) {
        if (!me.hasRole(Role.ADMIN) && !me.hasRole(Role.PROGRAMME_OFFICER)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }

    private static void requireAdministrator(Actor me) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }

    /** The text matched literally: LIKE's wildcards and its escape character lose their meaning. */
    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Found found(ResultSet rs, int row) throws SQLException {
        var suspended = rs.getTimestamp("suspended_at");
        return new Found(
                rs.getObject("id", UUID.class),
                rs.getString("display_name"),
                rs.getString("email"),
                Users.roles(rs.getString("roles")),
                rs.getTimestamp("created_at").toInstant(),
                suspended == null ? null : suspended.toInstant());
    }
}
