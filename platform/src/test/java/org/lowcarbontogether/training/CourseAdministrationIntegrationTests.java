package org.lowcarbontogether.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.platform.Allowances;
import org.lowcarbontogether.platform.PublicUrl;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the audit log keeps of courses (publication, attendance recorded from a signed sheet) and the organiser's
 * daily allowance of course invitations.
 */
@IntegrationTest
class CourseAdministrationIntegrationTests extends OrganiserScenario {

    @Autowired
    Allowances allowances;

    @Autowired
    Courses courses;

    @Autowired
    Attendance attendance;

    @Autowired
    Mail mail;

    @Autowired
    PublicUrl urls;

    @Autowired
    Clock clock;

    static Actor organiserOf(Org org) {
        return Actor.of(org.organiser().id(), EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
    }

    long audited(String action, UUID target) {
        Long count = jdbc.sql("select count(*) from audit_entry where action = ? and target_id = ?")
                .params(action, target)
                .query(Long.class)
                .single();
        return count == null ? 0 : count;
    }

    @Test
    void publishingACourseAndAttendanceFromASheetAreAudited() {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        var starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusWeeks(2);
        var course = courses.create(
                organiserOf(employer),
                new Courses.CourseForm(
                        employer.id(),
                        "Office energy",
                        "",
                        "PUBLIC",
                        "en",
                        null,
                        List.of(),
                        List.of(new Courses.SessionForm(
                                "IN_PERSON", starts, starts.plusHours(2), "Room 1", null, null))));
        assertThat(audited("course-published", course.id())).isEqualTo(1);
        String detail = jdbc.sql("select detail ->> 'course' from audit_entry where target_id = ?")
                .params(course.id())
                .query(String.class)
                .single();
        assertThat(detail).isEqualTo("Office energy");

        var trainee = organisers.person();
        courses.enrol(Actor.of(trainee.id(), EnumSet.of(Role.PARTICIPANT)), course.id());
        var session = course.sessions().getFirst().id();
        assertThat(attendance.fromSheet(organiserOf(employer), session, trainee.id()))
                .isEqualTo(Attendance.Outcome.ATTENDED);
        assertThat(audited("course-attendance-from-sheet", trainee.id())).isEqualTo(1);
        assertThat(attendance.fromSheet(organiserOf(employer), session, trainee.id()))
                .isEqualTo(Attendance.Outcome.ALREADY_ATTENDED);
        assertThat(audited("course-attendance-from-sheet", trainee.id()))
                .as("recording it again changes nothing, and is not logged again")
                .isEqualTo(1);
    }

    @Test
    void anOrganiserMaySendOnlyTheDailyAllowanceOfInvitations() {
        // an allowance of 3 a day, on its own instance of the service
        var invitations = new CourseInvitations(jdbc, courses, registration, mail, urls, clock, allowances, 3);
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        var starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).plusWeeks(2);
        var course = courses.create(
                organiserOf(employer),
                new Courses.CourseForm(
                        employer.id(),
                        "Commuting",
                        "",
                        "EMPLOYEES",
                        "en",
                        null,
                        List.of(),
                        List.of(new Courses.SessionForm(
                                "IN_PERSON", starts, starts.plusHours(2), "Room 1", null, null))));
        String a = "invitee-" + UUID.randomUUID() + "@example.org";
        String b = "invitee-" + UUID.randomUUID() + "@example.org";
        String c = "invitee-" + UUID.randomUUID() + "@example.org";
        var sent = invitations.invite(organiserOf(employer), course.id(), List.of(a, b), Locale.ENGLISH);
        assertThat(sent.invited()).containsExactly(a, b);
        assertThatThrownBy(() -> invitations.invite(
                        organiserOf(employer),
                        course.id(),
                        List.of(c, "invitee-" + UUID.randomUUID() + "@example.org"),
                        Locale.ENGLISH))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.TOO_FREQUENT);
                    assertThat(r.code()).isEqualTo("course-invitations-too-frequent");
                });
        assertThat(invitations
                        .invite(organiserOf(employer), course.id(), List.of(a, b), Locale.ENGLISH)
                        .skipped())
                .as("addresses invited before cost nothing")
                .containsExactly(a, b);
        assertThat(invitations
                        .invite(organiserOf(employer), course.id(), List.of(c), Locale.ENGLISH)
                        .invited())
                .containsExactly(c);
    }

    @Test
    void organisersEditTheirCourseButNeverBelowTheEnrolled() {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        var starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).plusWeeks(2);
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"Cycling to work","audience":"PUBLIC","language":"en","capacity":5,
                 "sessions":[{"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s"}]}""".formatted(employer.id(), starts, starts.plusHours(2)),
                "Authorization",
                employer.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String course = created.json().get("id").asString();
        for (int i = 0; i < 2; i++) {
            assertThat(api.post(
                                    "/api/v1/courses/" + course + "/enrolments",
                                    "",
                                    "Authorization",
                                    organisers.person().bearer())
                            .status())
                    .isEqualTo(200);
        }
        var edited = api.put(
                "/api/v1/courses/" + course,
                """
                {"title":"Cycling to work, safely","description":"Routes and locks.","language":"zh-CN","capacity":2}""",
                "Authorization",
                employer.organiser().bearer());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("title").asString()).isEqualTo("Cycling to work, safely");
        assertThat(edited.json().get("language").asString()).isEqualTo("zh-CN");
        assertThat(edited.json().get("capacity").asInt()).isEqualTo(2);
        assertThat(edited.json().get("sessions")).hasSize(1);
        assertThat(audited("course-edited", UUID.fromString(course))).isEqualTo(1);

        var below = api.put(
                "/api/v1/courses/" + course,
                """
                {"title":"Cycling to work","capacity":1}""",
                "Authorization",
                employer.organiser().bearer());
        assertThat(below.status()).isEqualTo(409);
        assertThat(below.body()).contains("course-capacity-below-enrolled");
        assertThat(api.put(
                                "/api/v1/courses/" + course,
                                """
                                {"title":"Mine now"}""",
                                "Authorization",
                                organisers.person().bearer())
                        .status())
                .as("only its organisers")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/courses/" + course).json().get("title").asString())
                .isEqualTo("Cycling to work, safely");
    }
}
