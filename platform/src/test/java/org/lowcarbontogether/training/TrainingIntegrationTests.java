package org.lowcarbontogether.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.incentives.Badges;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Training over the API: places never exceeded however many enrol at once, attendance by personal code (only the
 * organiser's scan of the trainee's own code counts), by the rotating screen code and by a quiz, certificates with the
 * trainee's Chinese name that anyone can verify, and attendance never reaching the carbon ledger.
 */
@IntegrationTest
class TrainingIntegrationTests extends OrganiserScenario {

    @Autowired
    Badges badges;

    static String at(int minutesFromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .withNano(0)
                .plusMinutes(minutesFromNow)
                .toString();
    }

    static final String QUIZ_MODULE = """
            {"title":"Saving energy at work","material":"Switch off screens at night.",
             "quiz":[{"question":"What saves most?","options":["Leaving it on","Switching off"],"answer":1},
                     {"question":"Standby uses power?","options":["Yes","No"],"answer":0}],"passMark":100}""";

    String course(Org org, String audience, String capacity, String sessions) {
        var created = api.post(
                "/api/v1/courses",
                """
                {"organisationId":"%s","title":"Low-carbon office","description":"For staff","audience":"%s",
                 "language":"zh-CN","capacity":%s,"modules":[%s],"sessions":[%s]}""".formatted(org.id(), audience, capacity, QUIZ_MODULE, sessions),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    String inPerson(int startsInMinutes) {
        return """
                {"mode":"IN_PERSON","startsAt":"%s","endsAt":"%s","place":"Room 3"}""".formatted(at(startsInMinutes), at(startsInMinutes + 120));
    }

    List<String> sessions(String course) {
        var ids = new ArrayList<String>();
        for (JsonNode s : api.get("/api/v1/courses/" + course).json().get("sessions")) {
            ids.add(s.get("id").asString());
        }
        return ids;
    }

    String personalCode(String course, Person trainee) {
        var mine = api.get("/api/v1/courses/" + course + "/enrolments/me", "Authorization", trainee.bearer());
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("qrCode").asString()).startsWith("data:image/png;base64,");
        return mine.json().get("enrolment").get("personalCode").asString();
    }

    void enrol(String course, Person trainee) {
        var enrolled = api.post("/api/v1/courses/" + course + "/enrolments", "", "Authorization", trainee.bearer());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
    }

    ApiClient.Response scan(Org org, String session, String code, Person by) {
        return api.post(
                "/api/v1/courses/sessions/" + session + "/attendance/by-personal-code",
                "{\"code\":\"" + code + "\"}",
                "Authorization",
                by.bearer());
    }

    @Test
    void placesAreNeverExceededWhenManyEnrolAtOnce() throws Exception {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        String course = course(employer, "PUBLIC", "5", inPerson(60 * 24));
        var people = new ArrayList<Person>();
        for (int i = 0; i < 16; i++) {
            people.add(organisers.person());
        }
        var http = HttpClient.newHttpClient();
        var tasks = new ArrayList<Callable<Integer>>();
        for (Person p : people) {
            tasks.add(() -> http.send(
                            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/courses/" + course + "/enrolments"))
                                    .header("Authorization", p.bearer())
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(11);
        assertThat(jdbc.sql("select count(*) from course_enrolment where course_id = ? and cancelled_at is null")
                        .param(UUID.fromString(course))
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        var full = api.post(
                "/api/v1/courses/" + course + "/enrolments",
                "",
                "Authorization",
                organisers.person().bearer());
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.header("Content-Type")).contains("application/problem+json");
        assertThat(full.json().get("type").asString()).endsWith("course-full");
    }

    @Test
    void aCourseForEmployeesIsOpenToMembersAndInvitedStaffOnly() {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        String course = course(employer, "EMPLOYEES", "null", inPerson(60 * 24));
        Person stranger = organisers.person();
        Person invitee = organisers.person();
        var refused = api.post("/api/v1/courses/" + course + "/enrolments", "", "Authorization", stranger.bearer());
        assertThat(refused.status()).isEqualTo(403);

        var sent = api.post(
                "/api/v1/courses/" + course + "/invitations",
                "{\"emails\":[\"" + invitee.user().email() + "\",\"new-" + UUID.randomUUID() + "@example.org\"]}",
                "Authorization",
                employer.organiser().bearer());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("invited")).hasSize(2);
        assertThat(jdbc.sql("select count(*) from mail_outbox where template = 'course-invitation' and recipient = ?")
                        .param(invitee.user().email())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        enrol(course, invitee);
        var malformed = api.post(
                "/api/v1/courses/" + course + "/invitations",
                "{\"emails\":[\"not an address\"]}",
                "Authorization",
                employer.organiser().bearer());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/courses/" + course + "/invitations",
                                "{\"emails\":[\"x@example.org\"]}",
                                "Authorization",
                                invitee.bearer())
                        .status())
                .as("only the course's organisers invite")
                .isEqualTo(403);
    }

    @Test
    void aPersonalCodeRecordsOnlyItsOwnTraineeAndOnlyWhileTheSessionIsOpen() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String course = course(ngo, "PUBLIC", "null", inPerson(-30) + "," + inPerson(60 * 24 * 3));
        String other = course(ngo, "PUBLIC", "null", inPerson(-30));
        var ids = sessions(course);
        String now = ids.get(0);
        String later = ids.get(1);
        Person mei = organisers.person();
        Person li = organisers.person();
        enrol(course, mei);
        enrol(course, li);
        enrol(other, li);
        String meiCode = personalCode(course, mei);
        String liCodeElsewhere = personalCode(other, li);

        assertThat(scan(ngo, now, "not-a-code", ngo.organiser()).status()).isEqualTo(404);
        assertThat(scan(ngo, now, liCodeElsewhere, ngo.organiser()).status())
                .as("a code of another course names no enrolment here")
                .isEqualTo(404);
        assertThat(scan(ngo, now, meiCode, li).status())
                .as("a trainee cannot use someone else's code")
                .isEqualTo(403);
        assertThat(scan(ngo, later, meiCode, ngo.organiser()).status())
                .as("not before the session opens")
                .isEqualTo(409);

        var attended = scan(ngo, now, meiCode, ngo.organiser());
        assertThat(attended.status()).as(attended.body()).isEqualTo(200);
        assertThat(attended.json().get("outcome").asString()).isEqualTo("ATTENDED");
        assertThat(scan(ngo, now, meiCode, ngo.organiser())
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("ALREADY_ATTENDED");

        var trainees = api.get(
                        "/api/v1/courses/" + course + "/trainees",
                        "Authorization",
                        ngo.organiser().bearer())
                .json();
        for (JsonNode t : trainees) {
            boolean isMei = t.get("userId").asString().equals(mei.id().toString());
            assertThat(t.get("attended").asInt()).isEqualTo(isMei ? 1 : 0);
            assertThat(t.get("completedAt").isNull()).isEqualTo(!isMei);
        }
    }

    @Test
    void theRotatingScreenCodeAttendsAnEnrolledTrainee() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String course = course(ngo, "PUBLIC", "null", inPerson(-10));
        String session = sessions(course).getFirst();
        Person trainee = organisers.person();
        enrol(course, trainee);
        var screen = api.get(
                "/api/v1/courses/sessions/" + session + "/screen-code",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(screen.status()).isEqualTo(200);
        String code = screen.json().get("code").asString();
        assertThat(code).matches("\\d{6}");
        assertThat(api.get("/api/v1/courses/sessions/" + session + "/screen-code", "Authorization", trainee.bearer())
                        .status())
                .as("only organisers see the screen code")
                .isEqualTo(403);

        String wrong = code.equals("000000") ? "000001" : "000000";
        assertThat(api.post(
                                "/api/v1/courses/sessions/" + session + "/attendance",
                                "{\"code\":\"" + wrong + "\"}",
                                "Authorization",
                                trainee.bearer())
                        .status())
                .isEqualTo(403);
        // The code may have turned over since it was read; the one shown now is valid in any case.
        code = api.get(
                        "/api/v1/courses/sessions/" + session + "/screen-code",
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("code")
                .asString();
        var attended = api.post(
                "/api/v1/courses/sessions/" + session + "/attendance",
                "{\"code\":\"" + code + "\"}",
                "Authorization",
                trainee.bearer());
        assertThat(attended.status()).as(attended.body()).isEqualTo(200);
        assertThat(attended.json().get("outcome").asString()).isEqualTo("ATTENDED");

        Person notEnrolled = organisers.person();
        assertThat(api.post(
                                "/api/v1/courses/sessions/" + session + "/attendance",
                                "{\"code\":\"" + code + "\"}",
                                "Authorization",
                                notEnrolled.bearer())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void passingTheQuizAttendsTheOnlineSessionAndTheCertificateCarriesTheChineseNameAndVerifies() throws Exception {
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        String course = course(employer, "PUBLIC", "null", """
                {"mode":"ONLINE","startsAt":"%s","endsAt":"%s","onlineUrl":"https://meeting.example.org/1","quizModule":1}""".formatted(at(-20), at(60)));
        Person trainee = organisers.person();
        jdbc.sql("update app_user set display_name = '王小明', language = 'zh-CN' where id = ?")
                .param(trainee.id())
                .update();
        enrol(course, trainee);
        String module = api.get("/api/v1/courses/" + course)
                .json()
                .get("modules")
                .get(0)
                .get("id")
                .asString();
        assertThat(api.get("/api/v1/courses/" + course).body())
                .as("the answers stay with the organiser")
                .doesNotContain("\"answer\"");
        long ledgerBefore = ledgerEntries(trainee.id());

        var failed = api.post(
                "/api/v1/courses/" + course + "/modules/" + module + "/quiz",
                "{\"answers\":[1,1]}",
                "Authorization",
                trainee.bearer());
        assertThat(failed.status()).as(failed.body()).isEqualTo(200);
        assertThat(failed.json().get("score").asInt()).isEqualTo(50);
        assertThat(failed.json().get("passed").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/courses/" + course + "/certificate", "Authorization", trainee.bearer())
                        .status())
                .isEqualTo(404);

        var passed = api.post(
                "/api/v1/courses/" + course + "/modules/" + module + "/quiz",
                "{\"answers\":[1,0]}",
                "Authorization",
                trainee.bearer());
        assertThat(passed.json().get("passed").asBoolean()).isTrue();
        assertThat(passed.json().get("attended").asBoolean()).isTrue();

        var certificate = api.get("/api/v1/courses/" + course + "/certificate", "Authorization", trainee.bearer());
        assertThat(certificate.status()).isEqualTo(200);
        String code = certificate.json().get("code").asString();
        assertThat(code).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
        assertThat(certificate.json().get("language").asString()).isEqualTo("zh-CN");

        var pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(api.base() + "/api/v1/courses/" + course + "/certificate.pdf"))
                                .header("Authorization", trainee.bearer())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var reader = new PdfReader(pdf.body())) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("王小明", "结业证书", "Low-carbon office", code);
        }

        var verified = api.get("/api/v1/courses/certificates/" + code);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("holderName").asString()).isEqualTo("王小明");
        assertThat(verified.body()).doesNotContain(trainee.user().email());
        assertThat(api.get("/api/v1/courses/certificates/" + code.toLowerCase(java.util.Locale.ROOT))
                        .status())
                .as("typed in lower case")
                .isEqualTo(200);
        String tampered = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");
        assertThat(api.get("/api/v1/courses/certificates/" + tampered).status()).isEqualTo(404);
        assertThat(api.get("/training/certificates/" + code, "Accept-Language", "zh-CN")
                        .body())
                .contains("王小明", "Low-carbon office");
        assertThat(api.get("/training/certificates/" + tampered).status()).isEqualTo(404);

        // The badge comes through incentives; attendance and completion never reach the carbon ledger.
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        badges.of(trainee.id()).stream().anyMatch(b -> b.code().equals("TRAINED")));
        assertThat(ledgerEntries(trainee.id())).isEqualTo(ledgerBefore).isZero();
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = ?")
                        .param(trainee.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void grantResourcesArePublishedAfterReviewSearchableAndCountedWhenOpened() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person officer = organisers.person(org.lowcarbontogether.shared.Role.PROGRAMME_OFFICER);
        String topic = "topic" + UUID.randomUUID().toString().substring(0, 8);
        var submitted = api.post(
                "/api/v1/resources",
                """
                {"organisationId":"%s","kind":"CASE_STUDY","title":"社区维修咖啡馆","summary":"一年的经验",
                 "url":"https://example.org/case","language":"zh-CN","topics":"%s, repair","audience":"PUBLIC"}""".formatted(ngo.id(), topic),
                "Authorization",
                ngo.organiser().bearer());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");
        String id = submitted.json().get("id").asString();
        assertThat(api.get("/api/v1/resources?q=" + topic).json())
                .as("not before review")
                .isEmpty();
        assertThat(api.post(
                                "/api/v1/resources/" + id + "/review",
                                "{\"publish\":true}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("a grantee does not review their own material")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/resources/" + id + "/review",
                                "{\"publish\":true}",
                                "Authorization",
                                officer.bearer())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PUBLISHED");
        var found = api.get("/api/v1/resources?q=" + topic + "&language=zh-CN&kind=CASE_STUDY")
                .json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("downloads").asLong()).isZero();
        var opened = api.get("/training/resources/" + id + "/open");
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.header("Location")).isEqualTo("https://example.org/case");
        assertThat(api.get("/api/v1/resources?q=" + topic)
                        .json()
                        .get(0)
                        .get("downloads")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/resources?q=" + topic + "&language=en").json())
                .isEmpty();
    }

    long ledgerEntries(UUID user) {
        return jdbc.sql("select count(*) from ledger_entry where user_id = ?")
                .param(user)
                .query(Long.class)
                .single();
    }
}
