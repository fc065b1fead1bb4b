package org.lowcarbontogether.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.coalitions.Coalitions;
import org.lowcarbontogether.coalitions.JointReports;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo coalition loads through the real services (demo data is off in tests, so it is made here). */
@IntegrationTest
class DemoCoalitionIntegrationTests {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    Coalitions coalitions;

    @Autowired
    JointReports reports;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Recording recording;

    @Autowired
    Clock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void threeNgosPoolTheirWorkAndRunAJointCampaign() {
        var organiser = registration.register(
                new Registration.SignUp(
                        "demo-lead-" + UUID.randomUUID() + "@example.org", "Chen Jing", "green steps every day"),
                EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var members = new ArrayList<Organisations.Organisation>();
        for (int i = 0; i < 3; i++) {
            var ngo = organisations.create("Demo NGO " + UUID.randomUUID(), Organisations.Kind.NGO);
            organisations.addMember(ngo.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
            members.add(ngo);
        }
        var people = new ArrayList<UUID>();
        for (int i = 0; i < 12; i++) {
            people.add(registration
                    .register(
                            new Registration.SignUp(
                                    "demo-member-" + UUID.randomUUID() + "@example.org",
                                    "Li Mei",
                                    "green steps every day"),
                            EnumSet.of(Role.PARTICIPANT))
                    .id());
        }
        new DemoCoalition(organisations, coalitions, reports, campaigns, recording, clock)
                .create(organiser.id(), List.copyOf(members), people, new Random(2026));

        var lead = Actor.of(organiser.id(), EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var coalition = coalitions.all().stream()
                .filter(c -> coalitions.mayManage(lead, c.id()))
                .findFirst()
                .orElseThrow();
        assertThat(coalitions.accepted(coalition.id())).hasSize(3);
        assertThat(coalitions.jointCampaigns(coalition.id()).getFirst().members())
                .hasSize(3);
        assertThat(reports.report(coalition.id()).published()).isTrue();
        var campaign =
                coalitions.jointCampaigns(coalition.id()).getFirst().campaign().id();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var figures = reports.dashboard(lead, coalition.id())
                        .pool()
                        .measured()
                        .figures();
                return figures != null && figures.behaviours() == 12 && figures.participants() == 12;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "pool " + reports.dashboard(lead, coalition.id()).pool().measured() + " records "
                            + jdbc.sql(
                                            "select status || ':' || count(*) from activity_record where user_id in (:p) group by status")
                                    .param("p", people)
                                    .query(String.class)
                                    .list()
                            + " joined "
                            + jdbc.sql("select count(*) from participant where scope_id = :c")
                                    .param("c", campaign)
                                    .query(Long.class)
                                    .single()
                            + " counted "
                            + jdbc.sql("select count(*) from participation_activity where scope_id = :c")
                                    .param("c", campaign)
                                    .query(Long.class)
                                    .single()
                            + " sources "
                            + jdbc.sql(
                                            "select scope_kind || ':' || counts_from from rollup_source where rollup_id = :c")
                                    .param("c", coalition.id())
                                    .query(String.class)
                                    .list(),
                    e);
        }
    }
}
