package org.lowcarbontogether.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's rides are credited along its corridors, and its twenty infrastructure reports cover every state. */
@IntegrationTest
class DemoRidesIntegrationTests {

    @Autowired
    DemoRides demoRides;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoRidesAreCreditedAndReportsCoverEveryState() {
        var people = new ArrayList<UUID>();
        for (int i = 0; i < 12; i++) {
            people.add(AccountFixtures.person(registration, jdbc).id());
        }
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        demoRides.create(people, organiser.id(), new Random(7));
        var credited = jdbc.sql("select count(*) from ride where user_id = any(:people) and status = 'CREDITED'")
                .param("people", people.toArray(UUID[]::new))
                .query(Integer.class)
                .single();
        assertThat(credited).isGreaterThanOrEqualTo(20);
        var states = jdbc.sql(
                        "select distinct status from infra_report where status_changed_by = :o or reporter_id = any(:people)")
                .param("o", organiser.id())
                .param("people", people.toArray(UUID[]::new))
                .query(String.class)
                .set();
        assertThat(states).contains("NEW", "CONFIRMED", "SENT_TO_CITY", "RESOLVED", "WONT_FIX");
    }
}
