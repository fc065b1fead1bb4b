package org.lowcarbontogether.communities;

import java.util.UUID;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organisations with an organiser, and participants, for tests of the community, event, campaign and story modules. */
public final class Organisers {

    /** A person and their API token. */
    public record Person(AuthenticatedUser user, String token) {
        public UUID id() {
            return user.id();
        }

        public String bearer() {
            return ApiClient.bearer(token);
        }
    }

    /** An organisation and one of its organisers. */
    public record Org(UUID id, Person organiser) {}

    private final Registration registration;
    private final Organisations organisations;
    private final JdbcClient jdbc;
    private final ApiClient api;

    public Organisers(Registration registration, Organisations organisations, JdbcClient jdbc, ApiClient api) {
        this.registration = registration;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.api = api;
    }

    public Person person(Role... roles) {
        var user = AccountFixtures.person(registration, jdbc, roles);
        return new Person(user, api.token(user.email(), AccountFixtures.PASSWORD));
    }

    public Org organisation(Organisations.Kind kind) {
        var org = organisations.create("Org " + UUID.randomUUID().toString().substring(0, 8), kind);
        var organiser = person(Role.ORGANISER);
        organisations.addMember(org.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        return new Org(org.id(), organiser);
    }
}
