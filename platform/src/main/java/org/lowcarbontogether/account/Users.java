package org.lowcarbontogether.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people who have an account. Emails are stored lower-case and are unique. */
@Repository
class Users {

    /** A stored account; {@code suspendedAt} is set while an administrator has suspended it. */
    record User(
            UUID id,
            String email,
            String displayName,
            String passwordHash,
            Set<Role> roles,
            Instant createdAt,
            int credentialsVersion,
            @Nullable Instant suspendedAt) {

        User(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
            this(id, email, displayName, passwordHash, roles, createdAt, 0, null);
        }

        boolean suspended() {
            return suspendedAt != null;
        }
    }

    private final JdbcClient jdbc;
    private final PersonalAccessTokens tokens;
    private final AccountChanges changes;
    private final AuditLog audit;
    private final Clock clock;

    Users(JdbcClient jdbc, PersonalAccessTokens tokens, AccountChanges changes, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores a password's new hash as it is (an upgrade of its encoding); sessions and tokens stay. */
    void rehash(UUID id, String passwordHash) {
        jdbc.sql("update app_user set password_hash = :hash where id = :id")
                .param("hash", passwordHash)
                .param("id", id)
                .update();
    }

    /**
     * Replaces a person's password: their other sessions end on their next request (the credentials version moves),
     * and the caller decides about their tokens. Returns the new credentials version.
     */
    int changePassword(UUID id, String passwordHash) {
        int version = jdbc.sql("""
                        update app_user set password_hash = :hash, credentials_version = credentials_version + 1
                        where id = :id returning credentials_version""")
                .param("hash", passwordHash)
                .param("id", id)
                .query(Integer.class)
                .single();
        SecurityEvents.record("password-changed", id, "credentials-version=" + version);
        changes.changed(id);
        return version;
    }

    /** The current version of a person's password and roles (-1 for no such person). */
    int credentialsVersion(UUID id) {
        return jdbc.sql("select credentials_version from app_user where id = :id")
                .param("id", id)
                .query(Integer.class)
                .optional()
                .orElse(-1);
    }

    /** Inserts a user whose address counts as verified, writing to them in English; false when the email is taken. */
    boolean insert(User user) {
        return insert(user, "en", true);
    }

    /**
     * Inserts a user who is written to in {@code language} ({@code en}, {@code zh-CN}); {@code verified} when their
     * address needs no proof. False when the email is already taken.
     */
    boolean insert(User user, String language, boolean verified) {
        return jdbc.sql("""
                        insert into app_user (id, email, display_name, password_hash, roles, created_at, language,
                            email_verified_at)
                        values (:id, :email, :displayName, :passwordHash, :roles, :createdAt, :language,
                            case when :verified then cast(:createdAt as timestamptz) end)
                        on conflict (email) do nothing""")
                        .param("id", user.id())
                        .param("email", user.email())
                        .param("displayName", user.displayName())
                        .param("passwordHash", user.passwordHash())
                        .param(
                                "roles",
                                user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                        .param("createdAt", Timestamp.from(user.createdAt()))
                        .param("language", language)
                        .param("verified", verified)
                        .update()
                == 1;
    }

    /** The language a person is written to in: {@code en} or {@code zh-CN}; English for no such person. */
    String language(UUID id) {
        return jdbc.sql("select language from app_user where id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse("en");
    }

    void setLanguage(UUID id, String language) {
        jdbc.sql("update app_user set language = :language where id = :id")
                .param("language", language)
                .param("id", id)
                .update();
    }

    /** Whether the person proved their address by following a link (or it needed no proof). */
    boolean isVerified(UUID id) {
        return jdbc.sql("select email_verified_at is not null from app_user where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Marks the address proven, if it is still the person's address; false when it is not (any more). */
    boolean markVerified(UUID id, String email, Instant now) {
        return jdbc.sql("""
                        update app_user set email_verified_at = coalesce(email_verified_at, :now)
                        where id = :id and email = :email""")
                        .param("id", id)
                        .param("email", email)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Moves a person from one address to another, which counts as verified (they followed a link sent to it); every
     * session of theirs ends, since the address is their sign-in name. False when their address is no longer
     * {@code from}; a taken {@code to} is a {@code DuplicateKeyException}.
     */
    boolean changeEmail(UUID id, String from, String to, Instant now) {
        int changed = jdbc.sql("""
                        update app_user set email = :to, email_verified_at = :now,
                            credentials_version = credentials_version + 1
                        where id = :id and email = :from""")
                .param("id", id)
                .param("from", from)
                .param("to", to)
                .param("now", Timestamp.from(now))
                .update();
        if (changed == 1) {
            SecurityEvents.record("email-changed", id, "sessions-ended");
            changes.changed(id);
        }
        return changed == 1;
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("select * from app_user where email = :email")
                .param("email", email)
                .query(Users::map)
                .optional();
    }

    Optional<User> findById(UUID id) {
        return jdbc.sql("select * from app_user where id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    /** Replaces a person's roles ({@code by}: who, or null for the platform's own configuration); audited. */
    void setRoles(UUID id, Set<Role> roles, @Nullable UUID by) {
        String stored = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
        jdbc.sql("update app_user set roles = :roles, credentials_version = credentials_version + 1 where id = :id")
                .param("roles", stored)
                .param("id", id)
                .update();
        SecurityEvents.record("roles-changed", id, "roles=" + roles);
        audit.record(by, AuditLog.Action.ROLES_SET, null, AuditLog.Target.PERSON, id, Map.of("roles", stored));
        tokens.forget(id);
    }

    /**
     * Adds a role to a person (once); their API tokens see it on the next request, and their signed-in sessions end so
     * the next sign-in carries it. A role the person did not have yet is audited as granted by {@code by} (null: the
     * platform), in {@code organisationId} when an organisation's membership brought it.
     */
    void grantRole(UUID id, Role role, @Nullable UUID by, @Nullable UUID organisationId) {
        if (addRole(id, role)) {
            audit.record(
                    by,
                    AuditLog.Action.ROLE_GRANTED,
                    organisationId,
                    AuditLog.Target.PERSON,
                    id,
                    organisationId == null
                            ? Map.of("role", role.name())
                            : Map.of(
                                    "role",
                                    role.name(),
                                    "scope",
                                    "ORGANISATION",
                                    "scopeId",
                                    organisationId.toString()));
        }
    }

    /** Adds a role to a person's roles, if missing (not audited: the caller records why); true when it was missing. */
    boolean addRole(UUID id, Role role) {
        int added = jdbc.sql("""
                        update app_user set roles = roles || ',' || :role, credentials_version = credentials_version + 1
                        where id = :id and not (',' || roles || ',' like '%,' || :role || ',%')""").param("role", role.name()).param("id", id).update();
        SecurityEvents.record("role-granted", id, "role=" + role);
        tokens.forget(id);
        return added == 1;
    }

    /** Takes a role from a person's roles (not audited: the caller records why); true when they had it. */
    boolean removeRole(UUID id, Role role) {
        int removed = jdbc.sql("""
                        update app_user set roles = array_to_string(array_remove(string_to_array(roles, ','), :role), ','),
                            credentials_version = credentials_version + 1
                        where id = :id and ',' || roles || ',' like '%,' || :role || ',%'""").param("role", role.name()).param("id", id).update();
        SecurityEvents.record("role-withdrawn", id, "role=" + role);
        tokens.forget(id);
        return removed == 1;
    }

    /**
     * Moves a person's credentials version on, so their other sessions end and their tokens are read afresh (a grant
     * in a new scope of a role they already hold still changes what they may do).
     */
    void touch(UUID id) {
        jdbc.sql("update app_user set credentials_version = credentials_version + 1 where id = :id")
                .param("id", id)
                .update();
        tokens.forget(id);
    }

    /** Suspends a person: false when they already are. Their sessions end and their tokens are refused from now. */
    boolean suspend(UUID id, UUID by, String reason) {
        int suspended = jdbc.sql("""
                        update app_user set suspended_at = :now, suspended_by = :by, suspension_reason = :reason,
                            credentials_version = credentials_version + 1
                        where id = :id and suspended_at is null""")
                .param("now", Timestamp.from(clock.instant()))
                .param("by", by)
                .param("reason", reason)
                .param("id", id)
                .update();
        SecurityEvents.record("account-suspended", id, "by=" + by);
        tokens.forget(id);
        return suspended == 1;
    }

    /** Lifts a suspension: false when there was none. */
    boolean reinstate(UUID id) {
        int reinstated = jdbc.sql("""
                        update app_user set suspended_at = null, suspended_by = null, suspension_reason = null,
                            credentials_version = credentials_version + 1
                        where id = :id and suspended_at is not null""").param("id", id).update();
        SecurityEvents.record("account-reinstated", id, "");
        tokens.forget(id);
        return reinstated == 1;
    }

    static Set<Role> roles(String stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(","))
                .filter(s -> !s.isBlank())
                .map(Role::valueOf)
                .forEach(roles::add);
        return roles;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = roles(rs.getString("roles"));
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                roles,
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("credentials_version"),
                rs.getTimestamp("suspended_at") == null
                        ? null
                        : rs.getTimestamp("suspended_at").toInstant());
    }
}
