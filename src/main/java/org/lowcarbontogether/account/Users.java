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
