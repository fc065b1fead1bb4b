package org.lowcarbontogether.partners;

import java.util.List;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the partner integration tests share: the running platform's API, an officer who onboarded a partner (see
 * {@link PartnerFixtures#onboard}) with live credentials, and people linked to it through the real consent service.
 */
abstract class PartnerScenario {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Partners partners;

    @Autowired
    PartnerLinks links;

    @Autowired
    Organisations organisations;

    ApiClient api;
    AuthenticatedUser officer;
    Partners.Partner partner;
    PartnerClients.Credentials live;

    /** Onboards a partner of this name with live credentials, by a new programme officer. */
    void onboard(String name) {
        api = new ApiClient(port);
        officer = AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER);
        partner = PartnerFixtures.onboard(partners, organisations, officer, name);
        live = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
    }

    /** A new person who linked their account to the partner, sharing these scenarios: answers the link's subject. */
    String linked(AuthenticatedUser person, String... scenarios) {
        return links.approve(
                        person.id(),
                        person.email(),
                        live.clientId(),
                        List.of(scenarios).stream().map(s -> "scenario." + s).toList())
                .subject();
    }

    AuthenticatedUser person() {
        return AccountFixtures.person(registration, jdbc);
    }
}
