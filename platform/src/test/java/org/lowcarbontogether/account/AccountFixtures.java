package org.lowcarbontogether.account;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** People for tests: registered for real, with the roles a test needs. */
public final class AccountFixtures {

    public static final String PASSWORD = "green steps every day";

    private AccountFixtures() {}

    /**
     * Registers a person with the given roles and returns them as the platform sees a signed-in caller. Their address
     * counts as verified, as for accounts the platform sets up (no mail is sent); {@link #unverified} makes one who
     * signed up themselves.
     */
    public static AuthenticatedUser person(Registration registration, JdbcClient jdbc, Role... roles) {
        String email = "person-" + UUID.randomUUID() + "@example.org";
        Set<Role> set = EnumSet.of(Role.PARTICIPANT);
        set.addAll(List.of(roles));
        UUID id = registration
                .register(new Registration.SignUp(email, "Test person", PASSWORD), set)
                .id();
        jdbc.sql("update app_user set roles = :roles where id = :id")
                .param(
                        "roles",
                        String.join(",", set.stream().map(Role::name).sorted().toList()))
                .param("id", id)
                .update();
        // A person who signed up: they accepted the privacy notice's current version (once, however they were made).
        jdbc.sql("""
                        insert into consent (id, user_id, kind, version, accepted_at, how)
                        select gen_random_uuid(), :id, 'PRIVACY_NOTICE', :version, now(), 'REGISTRATION'
                        where not exists (select 1 from consent where user_id = :id)""").param("id", id).param("version", PrivacyNotice.VERSION).update();
        return new AuthenticatedUser(id, email, "Test person", set, null);
    }

    /** Registers a participant as the registration page does: their address is not verified, a link is mailed. */
    public static AuthenticatedUser unverified(Registration registration) {
        String email = "unverified-" + UUID.randomUUID() + "@example.org";
        UUID id = registration
                .register(new Registration.SignUp(email, "Test person", PASSWORD))
                .id();
        return new AuthenticatedUser(id, email, "Test person", EnumSet.of(Role.PARTICIPANT), null);
    }
}
