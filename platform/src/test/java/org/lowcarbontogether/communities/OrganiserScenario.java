package org.lowcarbontogether.communities;

import org.junit.jupiter.api.BeforeEach;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the integration tests of organisers' work share: an API client on the running platform and {@link Organisers}
 * to set up organisations, organisers and participants through the real paths.
 */
public abstract class OrganiserScenario {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Registration registration;

    @Autowired
    protected Organisations organisations;

    @Autowired
    protected JdbcClient jdbc;

    protected ApiClient api;
    protected Organisers organisers;

    @BeforeEach
    void setUpOrganisers() {
        api = new ApiClient(port);
        organisers = new Organisers(registration, organisations, jdbc, api);
    }
}
