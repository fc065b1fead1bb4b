package org.lowcarbontogether.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.training.Attendance;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.FollowUp;
import org.lowcarbontogether.training.Resources;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's training data loads through the real services (demo data is off in tests, so it is made here): the
 * employer's course with its 40 trainees in two past cohorts, whose follow-up shows figures before and after, the
 * grantees' course and the library.
 */
@IntegrationTest
class DemoTrainingIntegrationTests {

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    Recording recording;

    @Autowired
    Courses courses;

    @Autowired
    Attendance attendance;

    @Autowired
    Resources resources;

    @Autowired
    FollowUp followUp;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theEmployerCourseHasTwoCohortsOfTwentyWithFiguresBeforeAndAfter() {
        // Demo trainees' addresses are fixed: this test runs once per database, as the demo loads once.
        if (registration.isRegistered("trainee00@" + DemoData.DOMAIN)) {
            return;
        }
        var employer = organisations.create("Demo employer " + UUID.randomUUID(), Organisations.Kind.EMPLOYER);
        var ngo = organisations.create("Demo NGO " + UUID.randomUUID(), Organisations.Kind.NGO);
        var organiser = registration.register(
                new Registration.SignUp(
                        "demo-organiser-" + UUID.randomUUID() + "@example.org", "Chen Jing", "green steps every day"),
                EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        organisations.addMember(employer.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        organisations.addMember(ngo.id(), organiser.id(), Organisations.MemberRole.ORGANISER);

        new DemoTraining(registration, organisations, recording, courses, attendance, resources, clock)
                .create(organiser.id(), employer.id(), ngo.id(), new Random(2026));

        var me = Actor.of(organiser.id(), EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var organised = courses.organisedBy(organiser.id());
        assertThat(organised).hasSize(2);
        var employerCourse = organised.stream()
                .filter(c -> c.organisationId().equals(employer.id()))
                .findFirst()
                .orElseThrow();
        assertThat(employerCourse.enrolled()).isEqualTo(40);
        var cohorts = followUp.of(me, employerCourse.id());
        assertThat(cohorts).hasSize(2).allSatisfy(c -> assertThat(c.trainees()).isEqualTo(20));
        for (var cohort : cohorts) {
            for (var window : cohort.windows()) {
                assertThat(window.complete()).isTrue();
                assertThat(window.trainees().suppressed()).isFalse();
                assertThat(window.trainees().weeklyGramsBefore()).isNotNull();
                assertThat(window.trainees().weeklyGramsAfter()).isNotNull();
            }
        }
        assertThat(jdbc.sql("select count(*) from course_certificate where course_id = ?")
                        .param(employerCourse.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
        assertThat(resources.search("", null, null, null).stream()
                        .filter(r -> r.url().startsWith("https://example.org/library/"))
                        .count())
                .isGreaterThanOrEqualTo(14);
    }
}
