package org.lowcarbontogether.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What changed after a course, on a hand-checked fixture: a cohort of 12 trainees who attended a session 20 weeks ago,
 * with behaviours recorded (through the recording module, so in the ledger) before and after it, a comparison group of
 * the organisation's 11 untrained members (10 members and the organiser), and a second cohort of 3, suppressed.
 */
@IntegrationTest
class FollowUpIntegrationTests extends OrganiserScenario {

    @Autowired
    Recording recording;

    @Autowired
    TransactionTemplate transactions;

    final List<Long> grams = new ArrayList<>();

    void ride(UUID person, OffsetDateTime when) {
        var submission = new RecordSubmission(
                "CYCLE_INSTEAD_OF_CAR", BigDecimal.valueOf(5), "km", when, "CN-BJ", null, null, 20, null);
        var outcome = transactions.execute(status -> recording.submitInTransaction(
                person, "follow-up-" + UUID.randomUUID(), submission, Recording.Channel.IMPORT));
        assertThat(outcome).isNotNull();
        assertThat(outcome.receipt().status()).isEqualTo(RecordStatus.CREDITED);
        grams.add(outcome.receipt().reductionGrams());
    }

    @Test
    void theShareRecordingAndTheWeeklyReductionBeforeAndAfterAreComputedFromTheLedgerAndSmallGroupsSuppressed() {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        var starts = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .withNano(0)
                .withSecond(0)
                .minusWeeks(20);
        var ends = starts.plusHours(2);
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"Commuting without a car","audience":"EMPLOYEES","language":"en",
                 "sessions":[{"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s"},
                             {"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s"}]}""".formatted(employer.id(), starts, ends, starts.plusDays(1), ends.plusDays(1)),
                "Authorization",
                employer.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID course = UUID.fromString(created.json().get("id").asString());
        var sessions = created.json().get("sessions");
        UUID first = UUID.fromString(sessions.get(0).get("id").asString());
        UUID second = UUID.fromString(sessions.get(1).get("id").asString());

        var trainees = new ArrayList<Person>();
        for (int i = 0; i < 15; i++) {
            Person p = organisers.person();
            organisations.addMember(employer.id(), p.id(), Organisations.MemberRole.MEMBER);
            api.post("/api/v1/courses/" + course + "/enrolments", "", "Authorization", p.bearer());
            // The sessions are long past: their attendance is seeded as the organiser's scans left it.
            jdbc.sql("""
                            insert into course_attendance (session_id, user_id, course_id, method, attended_at, recorded_by)
                            values (?, ?, ?, 'PERSONAL_CODE', ?, ?)""")
                    .params(
                            i < 12 ? first : second,
                            p.id(),
                            course,
                            java.sql.Timestamp.from(starts.plusMinutes(5).toInstant()),
                            employer.organiser().id())
                    .update();
            trainees.add(p);
        }
        var members = new ArrayList<Person>();
        for (int i = 0; i < 10; i++) {
            Person p = organisers.person();
            organisations.addMember(employer.id(), p.id(), Organisations.MemberRole.MEMBER);
            members.add(p);
        }
        // Trainees: 3 recorded in the 4 weeks before (4 in the 12 weeks), 6 in the 4 weeks after (8 in the 12 weeks).
        for (int i = 0; i < 3; i++) {
            ride(trainees.get(i).id(), starts.minusWeeks(2));
        }
        ride(trainees.get(3).id(), starts.minusWeeks(8));
        for (int i = 0; i < 6; i++) {
            ride(trainees.get(i).id(), ends.plusWeeks(1));
        }
        ride(trainees.get(6).id(), ends.plusWeeks(6));
        ride(trainees.get(7).id(), ends.plusWeeks(6));
        // Outside every window: a day after the 12 weeks.
        ride(trainees.get(8).id(), ends.plusWeeks(12).plus(Duration.ofDays(1)));
        // The comparison group: 2 before, 1 after.
        ride(members.get(0).id(), starts.minusWeeks(2));
        ride(members.get(1).id(), starts.minusWeeks(3));
        ride(members.get(0).id(), ends.plusWeeks(2));
        assertThat(grams).allMatch(g -> g.equals(grams.getFirst()) && g > 0);
        long g = grams.getFirst();

        var cohorts = api.get(
                        "/api/v1/courses/" + course + "/follow-up",
                        "Authorization",
                        employer.organiser().bearer())
                .json();
        assertThat(cohorts).hasSize(2);
        JsonNode cohort = cohorts.get(0);
        assertThat(cohort.get("trainees").asInt()).isEqualTo(12);

        JsonNode four = cohort.get("windows").get(0);
        assertThat(four.get("weeks").asInt()).isEqualTo(4);
        assertThat(four.get("complete").asBoolean()).isTrue();
        assertGroup(four.get("trainees"), 12, 3, 6, 25, 50, Math.round(3.0 * g / 12 / 4), Math.round(6.0 * g / 12 / 4));
        assertGroup(
                four.get("comparison"), 11, 2, 1, 18, 9, Math.round(2.0 * g / 11 / 4), Math.round(1.0 * g / 11 / 4));

        JsonNode twelve = cohort.get("windows").get(1);
        assertThat(twelve.get("weeks").asInt()).isEqualTo(12);
        assertGroup(
                twelve.get("trainees"), 12, 4, 8, 33, 67, Math.round(4.0 * g / 12 / 12), Math.round(8.0 * g / 12 / 12));

        JsonNode small = cohorts.get(1);
        assertThat(small.get("trainees").asInt()).isEqualTo(3);
        JsonNode suppressed = small.get("windows").get(0).get("trainees");
        assertThat(suppressed.get("suppressed").asBoolean()).isTrue();
        assertThat(suppressed.get("sharePercentAfter").isNull()).isTrue();
        assertThat(suppressed.get("weeklyGramsAfter").isNull()).isTrue();

        assertThat(api.get(
                                "/api/v1/courses/" + course + "/follow-up",
                                "Authorization",
                                trainees.getFirst().bearer())
                        .status())
                .as("only the course's organisers see the figures")
                .isEqualTo(403);
    }

    static void assertGroup(
            JsonNode group,
            int people,
            int activeBefore,
            int activeAfter,
            int shareBefore,
            int shareAfter,
            long weeklyBefore,
            long weeklyAfter) {
        assertThat(group.get("people").asInt()).isEqualTo(people);
        assertThat(group.get("suppressed").asBoolean()).isFalse();
        assertThat(group.get("activeBefore").asInt()).isEqualTo(activeBefore);
        assertThat(group.get("activeAfter").asInt()).isEqualTo(activeAfter);
        assertThat(group.get("sharePercentBefore").asInt()).isEqualTo(shareBefore);
        assertThat(group.get("sharePercentAfter").asInt()).isEqualTo(shareAfter);
        assertThat(group.get("weeklyGramsBefore").asLong()).isEqualTo(weeklyBefore);
        assertThat(group.get("weeklyGramsAfter").asLong()).isEqualTo(weeklyAfter);
    }
}
