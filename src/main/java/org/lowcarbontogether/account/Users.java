package org.lowcarbontogether.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people who have an account. Emails are stored lower-case and are unique. */
@Repository
class Users {

    /** A stored account. */
    record User(
            UUID id,
            String email,
            String displayName,
            String passwordHash,
            Set<Role> roles,
            Instant createdAt,
            int credentialsVersion) {

        User(UUID id, String email, String displayName, String passwordHash, Set<Role> roles, Instant createdAt) {
            this(id, email, displayName, passwordHash, roles, createdAt, 0);
        }
    }

    private final JdbcClient jdbc;
    private final PersonalAccessTokens tokens;
    private final AccountChanges changes;

    Users(JdbcClient jdbc, PersonalAccessTokens tokens, AccountChanges changes) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.changes = changes;
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

    /** Inserts a user; false when the email is already taken. */
    boolean insert(User user) {
        return jdbc.sql("""
                        insert into app_user (id, email, display_name, password_hash, roles, created_at)
                        values (:id, :email, :displayName, :passwordHash, :roles, :createdAt)
                        on conflict (email) do nothing""")
                        .param("id", user.id())
                        .param("email", user.email())
                        .param("displayName", user.displayName())
                        .param("passwordHash", user.passwordHash())
                        .param(
                                "roles",
                                user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                        .param("createdAt", Timestamp.from(user.createdAt()))
                        .update()
                == 1;
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

    void setRoles(UUID id, Set<Role> roles) {
        jdbc.sql("update app_user set roles = :roles, credentials_version = credentials_version + 1 where id = :id")
                .param("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .param("id", id)
                .update();
        SecurityEvents.record("roles-changed", id, "roles=" + roles);
        tokens.forget(id);
    }

    /**
     * Adds a role to a person (once); their API tokens see it on the next request, and their signed-in sessions end so
     * the next sign-in carries it.
     */
    void grantRole(UUID id, Role role) {
        jdbc.sql("""
                        update app_user set roles = roles || ',' || :role, credentials_version = credentials_version + 1
                        where id = :id and not (',' || roles || ',' like '%,' || :role || ',%')""").param("role", role.name()).param("id", id).update();
        SecurityEvents.record("role-granted", id, "role=" + role);
        tokens.forget(id);
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
                rs.getInt("credentials_version"));
    }
}
