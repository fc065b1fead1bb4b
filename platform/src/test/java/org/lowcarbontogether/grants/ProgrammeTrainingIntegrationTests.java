package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.training.TrainingOutputs;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The programme's training figures on a hand-checked fixture: two grantees (one with a cohort of 12 trainees 20 weeks
 * ago, three of whom recorded a behaviour in the 4 weeks before and six in the 4 weeks after; one with a cohort of 3,
 * withheld), the programme office's course for grantees attended 10 weeks ago by a grantee's member (an NGO trained),
 * and a course of an organisation outside the programme, not counted. Who may enrol in a grantees' course: members of
 * an organisation holding an award, nobody else.
 */
@IntegrationTest
class ProgrammeTrainingIntegrationTests extends ProgrammeScenario {

    @Autowired
    Recording recording;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ProgrammeTraining training;

    @Autowired
    Programmes programmes;

    final List<Long> grams = new ArrayList<>();

    void ride(UUID person, OffsetDateTime when) {
        var submission = new RecordSubmission(
                "CYCLE_INSTEAD_OF_CAR", BigDecimal.valueOf(5), "km", when, "CN-BJ", null, null, 20, null);
        var outcome = transactions.execute(status -> recording.submitInTransaction(
                person, "programme-training-" + UUID.randomUUID(), submission, Recording.Channel.IMPORT));
        assertThat(outcome).isNotNull();
        assertThat(outcome.receipt().status()).isEqualTo(RecordStatus.CREDITED);
        grams.add(outcome.receipt().reductionGrams());
    }

    /** A course with one in-person session of two hours from {@code starts}; returns the course and its session. */
    UUID[] course(Org org, String audience, OffsetDateTime starts) {
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"Reporting with platform data","audience":"%s","language":"en",
                 "sessions":[{"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s"}]}""".formatted(org.id(), audience, starts, starts.plusHours(2)),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new UUID[] {
            UUID.fromString(created.json().get("id").asString()),
            UUID.fromString(created.json().get("sessions").get(0).get("id").asString())
        };
    }

    /** The session is long past: its attendance is seeded as the organiser's scans left it. */
    void attended(UUID[] course, UUID person, OffsetDateTime starts, Person organiser) {
        jdbc.sql("""
                        insert into course_attendance (session_id, user_id, course_id, method, attended_at, recorded_by)
                        values (?, ?, ?, 'PERSONAL_CODE', ?, ?)""")
                .params(
                        course[1],
                        person,
                        course[0],
                        Timestamp.from(starts.plusMinutes(5).toInstant()),
                        organiser.id())
                .update();
    }

    @Test
    void trainingsTraineesNgosTrainedAndTheirChangeArePerGranteeAndAcrossTheProgramme() throws Exception {
        var setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org small = organisers.organisation(Organisations.Kind.NGO);
        Org outside = organisers.organisation(Organisations.Kind.EMPLOYER);
        LocalDate projectsStart = LocalDate.now(CST).minusWeeks(30);
        award(setup, apply(setup, ngo, "Cycling circles"), projectsStart);
        award(setup, apply(setup, small, "A small circle"), projectsStart);
        // the programme office's organisation runs the capacity building for grantees
        UUID officeId = programmes.get(setup.programme()).organisationId();
        Person trainer = organisers.person(Role.ORGANISER);
        organisations.addMember(officeId, trainer.id(), Organisations.MemberRole.ORGANISER);
        Org office = new Org(officeId, trainer);

        var now = OffsetDateTime.now(CST).withNano(0).withSecond(0);
        var twentyWeeksAgo = now.minusWeeks(20);
        var tenWeeksAgo = now.minusWeeks(10);

        // Grantees only: a grantee's member may enrol in the office's course for grantees; nobody else may.
        var forGrantees = course(office, "GRANTEES", tenWeeksAgo);
        Person ngoMember = organisers.person();
        organisations.addMember(ngo.id(), ngoMember.id(), Organisations.MemberRole.MEMBER);
        Person outsider = organisers.person();
        Person outsideMember = organisers.person();
        organisations.addMember(outside.id(), outsideMember.id(), Organisations.MemberRole.MEMBER);
        String enrolments = "/api/v1/courses/" + forGrantees[0] + "/enrolments";
        assertThat(api.post(enrolments, "", "Authorization", ngoMember.bearer()).status())
                .isEqualTo(200);
        var refused = api.post(enrolments, "", "Authorization", outsider.bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("course-not-open-to-you");
        assertThat(api.post(enrolments, "", "Authorization", outsideMember.bearer())
                        .status())
                .as("a member of an organisation without an award")
                .isEqualTo(403);
        assertThat(new WebSession(port)
                        .signIn(outsider.user().email(), AccountFixtures.PASSWORD)
                        .get("/training/courses/" + forGrantees[0])
                        .body())
                .contains("grantee organisations")
                .doesNotContain("id=\"enrol\"");
        attended(forGrantees, ngoMember.id(), tenWeeksAgo, trainer);

        var ngoCourse = course(ngo, "PUBLIC", twentyWeeksAgo);
        var trainees = new ArrayList<Person>();
        for (int i = 0; i < 12; i++) {
            Person p = organisers.person();
            attended(ngoCourse, p.id(), twentyWeeksAgo, ngo.organiser());
            trainees.add(p);
        }
        var smallCourse = course(small, "PUBLIC", twentyWeeksAgo);
        for (int i = 0; i < 3; i++) {
            attended(smallCourse, organisers.person().id(), twentyWeeksAgo, small.organiser());
        }
        var outsideCourse = course(outside, "EMPLOYEES", twentyWeeksAgo);
        attended(outsideCourse, outsideMember.id(), twentyWeeksAgo, outside.organiser());
        for (int i = 0; i < 3; i++) {
            ride(trainees.get(i).id(), twentyWeeksAgo.minusWeeks(2));
        }
        for (int i = 0; i < 6; i++) {
            ride(trainees.get(i).id(), twentyWeeksAgo.plusWeeks(1));
        }
        assertThat(grams).allMatch(g -> g.equals(grams.getFirst()) && g > 0);
        long g = grams.getFirst();

        var view = training.of(setup.programme(), projectsStart, LocalDate.now(CST));
        var all = view.programme();
        assertThat(all.courses()).isEqualTo(3);
        assertThat(all.sessions()).isEqualTo(3);
        assertThat(all.trainees()).isEqualTo(16);
        assertThat(all.ngosTrained()).isEqualTo(1);
        // 4 weeks: every cohort is measured (12 + 3 + 1 people); 12 weeks: the office's cohort is not yet
        assertChange(all.change().get(0), 4, 16, 19, 38, Math.round(3.0 * g / 16 / 4), Math.round(6.0 * g / 16 / 4));
        assertChange(all.change().get(1), 12, 15, 20, 40, Math.round(3.0 * g / 15 / 12), Math.round(6.0 * g / 15 / 12));

        assertThat(view.grantees())
                .extracting(ProgrammeTraining.Grantee::organisationId)
                .containsExactly(ngo.id(), small.id());
        var ofNgo = view.grantees().get(0).figures();
        assertThat(ofNgo.courses()).isEqualTo(1);
        assertThat(ofNgo.trainees()).isEqualTo(12);
        assertThat(ofNgo.ngosTrained()).isZero();
        assertChange(ofNgo.change().get(0), 4, 12, 25, 50, Math.round(3.0 * g / 12 / 4), Math.round(6.0 * g / 12 / 4));
        var ofSmall = view.grantees().get(1).figures();
        assertThat(ofSmall.sessions()).isEqualTo(1);
        assertThat(ofSmall.trainees())
                .as("3 trainees are fewer than the minimum")
                .isNull();
        assertThat(ofSmall.change().get(0).suppressed()).isTrue();
        assertThat(ofSmall.change().get(0).sharePercentAfter()).isNull();

        assertThat(training.of(setup.programme(), LocalDate.now(CST).minusWeeks(12), LocalDate.now(CST))
                        .programme()
                        .sessions())
                .as("only the sessions held in the period")
                .isEqualTo(1);

        String ngoName = organisations.get(ngo.id()).name();
        var officerWeb = new WebSession(port).signIn(setup.officer().user().email(), AccountFixtures.PASSWORD);
        assertThat(officerWeb
                        .get("/programmes/" + setup.programme() + "/office")
                        .body())
                .contains(
                        "Training and capacity building",
                        "Across the programme: 3 courses, 3 sessions held, 16 trainees, 1 NGOs trained.",
                        ngoName,
                        "fewer than 10");
        assertThat(api.get("/programmes/" + setup.programme() + "/summary", "Accept-Language", "en")
                        .body())
                .contains("2.1 Training and capacity building", "findings 3.2 and 3.6, recommendation 4.8", ngoName);
        assertThat(api.get("/programmes/" + setup.programme() + "/summary", "Accept-Language", "zh-CN")
                        .body())
                .contains("培训与能力建设", "全项目：3 门课程，举办 3 场，16 名学员，培训了 1 家社会组织。");
        assertThat(pdfText(setup.programme(), "en"))
                .contains("Training and capacity building", "Across the programme: 3 courses");
        assertThat(pdfText(setup.programme(), "zh-CN")).contains("培训与能力建设");
        assertThat(api.get("/impact/definitions", "Accept-Language", "en").body())
                .contains("NGOs trained", "Behaviour change after a course", "observed association");
        assertThat(api.get("/impact/definitions", "Accept-Language", "zh-CN").body())
                .contains("受训社会组织", "培训后的行为变化");
    }

    String pdfText(UUID programme, String language) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/programmes/" + programme + "/summary.pdf"))
                                .header("Accept-Language", language)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        var text = new StringBuilder();
        try (var reader = new PdfReader(response.body())) {
            var extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
        }
        return text.toString();
    }

    static void assertChange(
            TrainingOutputs.Change change,
            int weeks,
            int people,
            int shareBefore,
            int shareAfter,
            long weeklyBefore,
            long weeklyAfter) {
        assertThat(change.weeks()).isEqualTo(weeks);
        assertThat(change.people()).isEqualTo(people);
        assertThat(change.suppressed()).isFalse();
        assertThat(change.sharePercentBefore()).isEqualTo(shareBefore);
        assertThat(change.sharePercentAfter()).isEqualTo(shareAfter);
        assertThat(change.weeklyGramsBefore()).isEqualTo(weeklyBefore);
        assertThat(change.weeklyGramsAfter()).isEqualTo(weeklyAfter);
    }
}
