package org.lowcarbontogether.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles the console manages, each granted on the whole platform or for one programme or organisation and kept in
 * {@code role_grant}; a person's {@code app_user.roles} stays the union that every existing check reads. Administrators
 * grant and withdraw any of them; programme officers grant and withdraw the reviewer role, on the platform or for a
 * programme they run. Nobody grants themselves a role, and the last active administrator keeps theirs. Every change
 * ends the person's other sessions, is seen by their tokens at once, and is audited.
 */
@Service
public class RoleGrants {

    /** Where a role applies. */
    public enum ScopeKind {
        PLATFORM,
        PROGRAMME,
        ORGANISATION
    }

    /** A role's scope: the platform (no id), or one programme or organisation. */
    public record Scope(ScopeKind kind, @Nullable UUID id) {

        public static Scope platform() {
            return new Scope(ScopeKind.PLATFORM, null);
        }

        public static Scope programme(UUID id) {
            return new Scope(ScopeKind.PROGRAMME, id);
        }

        public static Scope organisation(UUID id) {
            return new Scope(ScopeKind.ORGANISATION, id);
        }
    }

    /** What a form or request asks: a role, a scope kind (PLATFORM when absent) and the scope's id. */
    public record Change(
            @Nullable String role,
            @Nullable String scope,
            @Nullable UUID scopeId) {}

    /**
     * A role a person holds in a scope, with who granted it and when; {@code id} is null for a role held without a
     * recorded grant (given at registration, by configuration or before grants were recorded), which counts as the
     * platform's.
     */
    public record Grant(
            @Nullable UUID id,
            Role role,
            ScopeKind scopeKind,
            @Nullable UUID scopeId,
            @Nullable String scopeName,
            @Nullable UUID grantedBy,
            @Nullable String grantedByName,
            @Nullable Instant grantedAt) {}

    /** The roles granted and withdrawn here; the others come from registration and memberships. */
    public static final Set<Role> MANAGED = EnumSet.of(
            Role.REVIEWER, Role.PROGRAMME_OFFICER, Role.SPONSOR, Role.PARTNER, Role.PRODUCT_REVIEWER, Role.ADMIN);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Users users;
    private final Organisations organisations;
    private final ObjectProvider<ProgrammeScopes> programmeScopes;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    RoleGrants(
            JdbcClient jdbc,
            Clock clock,
            Users users,
            Organisations organisations,
            ObjectProvider<ProgrammeScopes> programmeScopes,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.users = users;
        this.organisations = organisations;
        this.programmeScopes = programmeScopes;
        this.events = events;
        this.audit = audit;
    }

    /** The roles this person may grant and withdraw (in the scopes {@link #grant} allows them). */
    public Set<Role> grantable(Actor me) {
        if (me.hasRole(Role.ADMIN)) {
            return EnumSet.copyOf(MANAGED);
        }
        return me.hasRole(Role.PROGRAMME_OFFICER) ? EnumSet.of(Role.REVIEWER) : EnumSet.noneOf(Role.class);
    }

    /** The programmes a role can be scoped to, by name. */
    public List<ProgrammeScopes.Programme> programmes() {
        var scopes = programmeScopes.getIfAvailable();
        return scopes == null ? List.of() : scopes.programmes();
    }

    /** Grants a role in a scope; granting what the person already holds there changes nothing and returns it. */
    @Transactional
    public Grant grant(Actor me, UUID userId, Change change) {
        person(userId);
        Role role = role(change);
        Scope scope = scope(change, role);
        authorise(me, role, scope);
        if (userId.equals(me.id())) {
            throw Refusal.unacceptable("role-self", "userId");
        }
        String scopeName = scopeName(scope);
        Instant now = clock.instant();
        UUID inserted = jdbc.sql("""
                        insert into role_grant (id, user_id, role, scope_kind, scope_id, granted_by, granted_at)
                        values (:id, :user, :role, :kind, :scopeId, :by, :now) on conflict do nothing returning id""")
                .param("id", UUID.randomUUID())
                .param("user", userId)
                .param("role", role.name())
                .param("kind", scope.kind().name())
                .param("scopeId", scope.id())
                .param("by", me.id())
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional()
                .orElse(null);
        if (inserted == null) {
            return of(userId).stream()
                    .filter(g -> g.role() == role && g.scopeKind() == scope.kind() && same(g.scopeId(), scope.id()))
                    .findFirst()
                    .orElseThrow();
        }
        if (!users.addRole(userId, role)) {
            users.touch(userId);
        }
        events.publishEvent(new RoleGranted(userId, role, scope.kind(), scope.id(), me.id()));
        audit.record(
                me.id(),
                AuditLog.Action.ROLE_GRANTED,
                scope.kind() == ScopeKind.ORGANISATION ? scope.id() : null,
                AuditLog.Target.PERSON,
                userId,
                detail(role, scope));
        return new Grant(inserted, role, scope.kind(), scope.id(), scopeName, me.id(), null, now);
    }

    /**
     * Withdraws a role in a scope. A role held without a recorded grant is withdrawn as the platform's. Once no scope
     * is left, the person no longer holds the role at all; the last active administrator cannot lose theirs.
     */
    @Transactional
    public void withdraw(Actor me, UUID userId, Change change) {
        person(userId);
        Role role = role(change);
        Scope scope = scope(change, role);
        authorise(me, role, scope);
        if (role == Role.ADMIN) {
            lockAdministrators();
        }
        int deleted = jdbc.sql("""
                        delete from role_grant where user_id = :user and role = :role and scope_kind = :kind
                            and scope_id is not distinct from cast(:scopeId as uuid)""")
                .param("user", userId)
                .param("role", role.name())
                .param("kind", scope.kind().name())
                .param("scopeId", scope.id())
                .update();
        long remaining = jdbc.sql("select count(*) from role_grant where user_id = :user and role = :role")
                .param("user", userId)
                .param("role", role.name())
                .query(Long.class)
                .single();
        boolean holds = person(userId).roles().contains(role);
        boolean ungranted = scope.kind() == ScopeKind.PLATFORM && holds && remaining == 0;
        if (deleted == 0 && !ungranted) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "role-grant-unknown", "role", role.name());
        }
        boolean remains = remaining > 0;
        if (!remains && role == Role.ADMIN && holds && otherActiveAdministrators(userId) == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "last-administrator", null);
        }
        if (remains) {
            users.touch(userId);
        } else {
            users.removeRole(userId, role);
        }
        events.publishEvent(new RoleWithdrawn(userId, role, scope.kind(), scope.id(), remains, me.id()));
        audit.record(
                me.id(),
                AuditLog.Action.ROLE_WITHDRAWN,
                scope.kind() == ScopeKind.ORGANISATION ? scope.id() : null,
                AuditLog.Target.PERSON,
                userId,
                detail(role, scope));
    }

    /** A person's managed roles, each in every scope it is held, the roles held without a grant as the platform's. */
    public List<Grant> of(UUID userId) {
        var grants = new ArrayList<Grant>();
        var programmes = programmeScopes.getIfAvailable();
        for (var row : jdbc.sql("""
                        select g.id, g.role, g.scope_kind, g.scope_id, g.granted_by, u.display_name, g.granted_at
                        from role_grant g left join app_user u on u.id = g.granted_by
                        where g.user_id = :user order by g.role, g.granted_at""")
                .param("user", userId)
                .query((rs, n) -> new Grant(
                        rs.getObject(1, UUID.class),
                        Role.valueOf(rs.getString(2)),
                        ScopeKind.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class),
                        null,
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list()) {
            UUID scopeId = row.scopeId();
            String scopeName = null;
            if (scopeId != null) {
                scopeName = row.scopeKind() == ScopeKind.ORGANISATION
                        ? organisationName(scopeId).orElse(null)
                        : programmes == null ? null : programmes.name(scopeId).orElse(null);
            }
            grants.add(new Grant(
                    row.id(),
                    row.role(),
                    row.scopeKind(),
                    scopeId,
                    scopeName,
                    row.grantedBy(),
                    row.grantedByName(),
                    row.grantedAt()));
        }
        var held = users.findById(userId).map(Users.User::roles).orElse(Set.of());
        for (Role role : MANAGED) {
            if (held.contains(role) && grants.stream().noneMatch(g -> g.role() == role)) {
                grants.add(new Grant(null, role, ScopeKind.PLATFORM, null, null, null, null, null));
            }
        }
        return grants;
    }

    private Users.User person(UUID userId) {
        return users.findById(userId)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "person-unknown", "id", userId));
    }

    private static Role role(Change change) {
        String asked = change.role() == null ? "" : change.role().strip().toUpperCase(Locale.ROOT);
        return MANAGED.stream()
                .filter(r -> r.name().equals(asked))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid(List.of(Violation.of("role", "value-unknown", asked))));
    }

    private static Scope scope(Change change, Role role) {
        String asked = change.scope() == null || change.scope().isBlank()
                ? ScopeKind.PLATFORM.name()
                : change.scope().strip().toUpperCase(Locale.ROOT);
        ScopeKind kind;
        try {
            kind = ScopeKind.valueOf(asked);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(Violation.of("scope", "value-unknown", asked)));
        }
        UUID id = change.scopeId();
        if (kind == ScopeKind.PLATFORM) {
            return Scope.platform();
        }
        if (role == Role.ADMIN) {
            throw Refusal.unacceptable("role-scope-platform-only", "scope");
        }
        if (id == null) {
            throw Refusal.invalid(List.of(Violation.of("scopeId", "role-scope-required")));
        }
        return new Scope(kind, id);
    }

    /** Administrators manage every role; a programme officer the reviewer role, on the platform or in their programme. */
    private void authorise(Actor me, Role role, Scope scope) {
        if (me.hasRole(Role.ADMIN)) {
            return;
        }
        var programmes = programmeScopes.getIfAvailable();
        UUID scopeId = scope.id();
        boolean officerMay = me.hasRole(Role.PROGRAMME_OFFICER)
                && role == Role.REVIEWER
                && (scope.kind() == ScopeKind.PLATFORM
                        || (scope.kind() == ScopeKind.PROGRAMME
                                && scopeId != null
                                && programmes != null
                                && programmes.isOfficer(me.id(), scopeId)));
        if (!officerMay) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }

    /** The name of a programme or organisation a role is scoped to; null when it no longer exists. */
    @Nullable
    String nameOf(ScopeKind kind, UUID id) {
        if (kind == ScopeKind.ORGANISATION) {
            return organisationName(id).orElse(null);
        }
        var programmes = programmeScopes.getIfAvailable();
        return kind == ScopeKind.PROGRAMME && programmes != null
                ? programmes.name(id).orElse(null)
                : null;
    }

    private @Nullable String scopeName(Scope scope) {
        UUID id = scope.id();
        if (id == null) {
            return null;
        }
        Optional<String> name;
        if (scope.kind() == ScopeKind.ORGANISATION) {
            name = organisationName(id);
        } else {
            var programmes = programmeScopes.getIfAvailable();
            name = programmes == null ? Optional.empty() : programmes.name(id);
        }
        return name.orElseThrow(() -> Refusal.unacceptable("role-scope-unknown", "scopeId", id));
    }

    private Optional<String> organisationName(UUID id) {
        try {
            return Optional.of(organisations.get(id).name());
        } catch (Refusal unknown) {
            return Optional.empty();
        }
    }

    /** Administrators' roles change one transaction at a time, so two withdrawals cannot leave none. */
    void lockAdministrators() {
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtext('lct-administrators'))) locked")
                .query(Long.class)
                .single();
    }

    /** Administrators other than this person who are not suspended. */
    long otherActiveAdministrators(UUID userId) {
        return jdbc.sql("""
                        select count(*) from app_user where id <> :user and suspended_at is null
                            and ',' || roles || ',' like '%,ADMIN,%'""").param("user", userId).query(Long.class).single();
    }

    private static Map<String, String> detail(Role role, Scope scope) {
        var detail = new LinkedHashMap<String, String>();
        detail.put("role", role.name());
        detail.put("scope", scope.kind().name());
        UUID id = scope.id();
        if (id != null) {
            detail.put("scopeId", id.toString());
        }
        return detail;
    }

    private static boolean same(@Nullable UUID a, @Nullable UUID b) {
        return a == null ? b == null : a.equals(b);
    }
}
