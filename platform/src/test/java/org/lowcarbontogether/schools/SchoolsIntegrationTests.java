package org.lowcarbontogether.schools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.lowcarbontogether.stories.Stories;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Schools end to end through the API, with the guardian's mail read from the SMTP server: a guardian signs a pupil up
 * with a class code (no email of the pupil's), every record door refuses the pupil until the guardian consents by the
 * mailed link, the pupil records only their grade's subset (on the record path itself, single and bulk), nothing about
 * a pupil is public, only the class's school's teachers see and export the class, the class total is the sum of the
 * pupils' ledgers, and a pupil's account is exported and erased like anyone's.
 */
@IntegrationTest
class SchoolsIntegrationTests extends OrganiserScenario {

    @Autowired
    Communities communities;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Stories stories;

    record SchoolClass(Org school, UUID id, String code) {}

    record Pupil(UUID id, String nickname, String code, String guardian, String bearer) {}

    SchoolClass schoolClass(int grade) {
        var school = organisers.organisation(Organisations.Kind.SCHOOL);
        var created = api.post(
                "/api/v1/schools/classes",
                """
                {"schoolId":"%s","name":"Class %d","grade":%d,"schoolYear":"2026-2027"}""".formatted(school.id(), grade, grade),
                "Authorization",
                school.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new SchoolClass(
                school,
                UUID.fromString(created.json().get("id").asString()),
                created.json().get("code").asString());
    }

    /** A guardian signs a pupil up; the pupil signs in to the API with the class code and the pupil code. */
    Pupil join(SchoolClass schoolClass) {
        String guardian = "guardian-" + UUID.randomUUID() + "@example.org";
        String nickname = "Pupil" + UUID.randomUUID().toString().substring(0, 8);
        var joined = api.post("/api/v1/schools/join", """
                {"classCode":"%s","guardianEmail":"%s","nickname":"%s","age":8,"consent":true}""".formatted(schoolClass.code(), guardian, nickname));
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        String pupilCode = joined.json().get("pupilCode").asString();
        var token = api.post("/api/v1/schools/pupil-tokens", """
                {"classCode":"%s","pupilCode":"%s"}""".formatted(
                        schoolClass.code().toLowerCase(java.util.Locale.ROOT), pupilCode));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new Pupil(
                UUID.fromString(joined.json().get("pupilId").asString()),
                nickname,
                pupilCode,
                guardian,
                ApiClient.bearer(token.json().get("token").asString()));
    }

    void consent(Pupil pupil) {
        var mail = TestMail.await(pupil.guardian(), "consent");
        assertThat(mail.subject()).contains(pupil.nickname());
        String link = mail.token("/guardian/consent");
        var page = new WebSession(port)
                .post(
                        "/guardian/consent",
                        Map.of("token", link, "decision", "consent"),
                        "/guardian/consent?token=" + link);
        assertThat(page.body()).contains("id=\"guardian-done\"");
    }

    static String record(String behaviour, String unit, String quantity) {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusMinutes(5)
                .withNano(0)
                .toString();
        return """
                {"behaviour":"%s","quantity":%s,"unit":"%s","occurredAt":"%s","region":"CN-GD"}""".formatted(behaviour, quantity, unit, at);
    }

    ApiClient.Response submit(Pupil pupil, String body) {
        return api.post(
                "/api/v1/records", body, "Authorization", pupil.bearer(), "Idempotency-Key", "k-" + UUID.randomUUID());
    }

    ApiClient.Response batch(Pupil pupil, String line) {
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records:batch"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                line.replace("{", "{\"key\":\"b-" + UUID.randomUUID() + "\","),
                                StandardCharsets.UTF_8)),
                "Authorization",
                pupil.bearer());
    }

    static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + code);
    }

    long ledgerEntries(UUID person) {
        return jdbc.sql("select count(*) from ledger_entry where user_id = :u")
                .param("u", person)
                .query(Long.class)
                .single();
    }

    @Test
    void aPupilHasNoEmailAndNothingIsRecordedBeforeTheGuardianConsents() {
        var schoolClass = schoolClass(3);
        var pupil = join(schoolClass);
        assertThat(jdbc.sql("select email from app_user where id = :id")
                        .param("id", pupil.id())
                        .query(String.class)
                        .single())
                .isEqualTo("pupil:" + pupil.id());
        assertThat(jdbc.sql("select how from consent where user_id = :id")
                        .param("id", pupil.id())
                        .query(String.class)
                        .list())
                .containsExactly("GUARDIAN_CLASS_CODE");

        String walk = record("WALK_INSTEAD_OF_CAR", "km", "1.5");
        assertProblem(submit(pupil, walk), 403, "guardian-consent-required");
        var refusedBatch = batch(pupil, walk);
        assertProblem(refusedBatch, 403, "guardian-consent-required");
        var ownDoor = api.post(
                "/api/v1/schools/me/records",
                "{\"behaviour\":\"WALK_INSTEAD_OF_CAR\"}",
                "Authorization",
                pupil.bearer(),
                "Idempotency-Key",
                "k-" + UUID.randomUUID());
        assertProblem(ownDoor, 403, "guardian-consent-required");
        assertThat(ledgerEntries(pupil.id())).isZero();

        consent(pupil);
        assertThat(jdbc.sql("select kind from consent where user_id = :id order by accepted_at")
                        .param("id", pupil.id())
                        .query(String.class)
                        .list())
                .containsExactly("PRIVACY_NOTICE", "GUARDIAN");
        var credited = submit(pupil, walk);
        assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        assertThat(ledgerEntries(pupil.id())).isEqualTo(1);
        assertThat(TestMail.to("pupil:" + pupil.id())).isEmpty();
    }

    @Test
    void aPupilRecordsOnlyTheirGradesBehavioursThroughEveryDoor() {
        var lower = schoolClass(2);
        var pupil = join(lower);
        consent(pupil);
        // Cycling is for grade 4 and above; an adult's behaviour is never a pupil's.
        assertProblem(submit(pupil, record("CYCLE_INSTEAD_OF_CAR", "km", "2")), 422, "behaviour-not-for-pupils");
        assertProblem(submit(pupil, record("EV_INSTEAD_OF_PETROL_CAR", "km", "10")), 422, "behaviour-not-for-pupils");
        var bulk = batch(pupil, record("WORK_FROM_HOME_INSTEAD_OF_DRIVING", "day", "1"));
        assertThat(bulk.json().get("invalid").asInt()).as(bulk.body()).isEqualTo(1);
        assertThat(bulk.json()
                        .get("results")
                        .get(0)
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("behaviour");
        assertThat(bulk.body()).contains("chosen for their grade");
        var ownDoor = api.post(
                "/api/v1/schools/me/records",
                "{\"behaviour\":\"CYCLE_INSTEAD_OF_CAR\"}",
                "Authorization",
                pupil.bearer(),
                "Idempotency-Key",
                "k-" + UUID.randomUUID());
        assertProblem(ownDoor, 422, "behaviour-not-for-pupils");
        assertThat(ledgerEntries(pupil.id())).isZero();

        var plate = api.post(
                "/api/v1/schools/me/records",
                "{\"behaviour\":\"CLEAN_PLATE\"}",
                "Authorization",
                pupil.bearer(),
                "Idempotency-Key",
                "k-" + UUID.randomUUID());
        assertThat(plate.status()).as(plate.body()).isEqualTo(201);

        // An older pupil may cycle.
        var upper = schoolClass(5);
        var older = join(upper);
        consent(older);
        assertThat(submit(older, record("CYCLE_INSTEAD_OF_CAR", "km", "2")).status())
                .isEqualTo(201);
        assertThat(SchoolBehaviours.codesForGrade(2)).doesNotContain("CYCLE_INSTEAD_OF_CAR");
        assertThat(SchoolBehaviours.codesForGrade(12)).containsAll(SchoolBehaviours.codesForGrade(2));
    }

    @Test
    void noPupilIsRankedOrNamedInPublic() {
        var schoolClass = schoolClass(4);
        var pupil = join(schoolClass);
        consent(pupil);
        assertThat(submit(pupil, record("WALK_INSTEAD_OF_CAR", "km", "2")).status())
                .isEqualTo(201);
        Actor me = Actor.of(pupil.id(), Set.of(Role.PARTICIPANT));

        assertThatThrownBy(() -> communities.join(me, UUID.randomUUID()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("not-for-pupils"));
        assertThatThrownBy(() -> campaigns.join(me, UUID.randomUUID(), null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("not-for-pupils"));
        assertThatThrownBy(() -> stories.submit(
                        me, "Our class walked", "We walked to school all week.", Stories.Link.NONE, List.of()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("not-for-pupils"));

        var visitor = new WebSession(port);
        for (String path : List.of(
                "/",
                "/impact",
                "/communities",
                "/campaigns",
                "/stories",
                "/rides/map",
                "/programmes",
                "/schools/join")) {
            assertThat(visitor.get(path).body()).as(path).doesNotContain(pupil.nickname());
        }
        for (String path : List.of(
                "/api/v1/impact",
                "/api/v1/organisations/" + schoolClass.school().id(),
                "/api/v1/communities",
                "/api/v1/campaigns",
                "/api/v1/stories")) {
            assertThat(api.get(path).body())
                    .as(path)
                    .doesNotContain(pupil.nickname())
                    .doesNotContain(pupil.id().toString());
        }
        // The join page shows the class, never its pupils.
        assertThat(visitor.get("/schools/join?code=" + schoolClass.code()).body())
                .contains("join-form")
                .doesNotContain(pupil.nickname());
        // The class page of the pupil shows the class total, never another pupil.
        var other = join(schoolClass);
        var session = new WebSession(port);
        var signedIn = session.post(
                "/schools/pupil", Map.of("code", schoolClass.code(), "pupilCode", other.code()), "/schools/pupil");
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(session.get("/schools/me").body())
                .contains("pupil-total")
                .contains("pupil-WALK_INSTEAD_OF_CAR")
                .doesNotContain(pupil.nickname());
    }

    @Test
    void onlyTheClassesSchoolsTeachersSeeAndExportIt() {
        var schoolClass = schoolClass(6);
        var otherSchool = schoolClass(6);
        var colleague = organisers.person(Role.ORGANISER);
        organisations.addMember(schoolClass.school().id(), colleague.id(), Organisations.MemberRole.ORGANISER);
        var member = organisers.person();
        organisations.addMember(schoolClass.school().id(), member.id(), Organisations.MemberRole.MEMBER);
        var pupil = join(schoolClass);
        consent(pupil);

        String dashboard = "/api/v1/schools/classes/" + schoolClass.id() + "/dashboard";
        String export = "/api/v1/schools/classes/" + schoolClass.id() + "/export";
        assertThat(api.get(
                                dashboard,
                                "Authorization",
                                schoolClass.school().organiser().bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(dashboard, "Authorization", colleague.bearer()).status())
                .isEqualTo(200);
        for (String bearer : List.of(
                otherSchool.school().organiser().bearer(),
                member.bearer(),
                pupil.bearer(),
                organisers.person().bearer())) {
            assertProblem(api.get(dashboard, "Authorization", bearer), 404, "class-not-found");
            assertThat(api.get(export, "Authorization", bearer).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/schools/classes/" + schoolClass.id() + "/code", "", "Authorization", bearer)
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(
                                    "/api/v1/schools/classes/" + schoolClass.id() + "/pupils/" + pupil.id()
                                            + "/erasure",
                                    "",
                                    "Authorization",
                                    bearer)
                            .status())
                    .isEqualTo(404);
        }
        var csv = api.get(
                export, "Authorization", schoolClass.school().organiser().bearer());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("reduction_grams").doesNotContain(pupil.nickname());
        // The teacher's page: the other school's teacher gets the 404 page.
        assertThat(new WebSession(port)
                        .signIn(
                                otherSchool.school().organiser().user().email(),
                                org.lowcarbontogether.account.AccountFixtures.PASSWORD)
                        .get("/schools/classes/" + schoolClass.id())
                        .status())
                .isEqualTo(404);
        // A rotated code lets no one in any more.
        var rotated = api.post(
                "/api/v1/schools/classes/" + schoolClass.id() + "/code", "", "Authorization", colleague.bearer());
        assertThat(rotated.json().get("code").asString()).isNotEqualTo(schoolClass.code());
        assertProblem(
                api.post("/api/v1/schools/pupil-tokens", """
                        {"classCode":"%s","pupilCode":"%s"}""".formatted(schoolClass.code(), pupil.code())),
                404,
                "pupil-code-unknown");
    }

    @Test
    void theClassTotalIsTheSumOfItsPupilsLedgers() {
        var schoolClass = schoolClass(8);
        String bearer = schoolClass.school().organiser().bearer();
        String dashboard = "/api/v1/schools/classes/" + schoolClass.id() + "/dashboard";
        var first = join(schoolClass);
        var second = join(schoolClass);
        var before = api.get(dashboard, "Authorization", bearer).json();
        assertThat(before.get("total").get("reduction").isNull())
                .as("unknown, never zero")
                .isTrue();
        assertThat(before.get("pupils").asInt()).isEqualTo(2);
        assertThat(before.get("consented").asInt()).isZero();
        consent(first);
        consent(second);
        assertThat(submit(first, record("WALK_INSTEAD_OF_CAR", "km", "2")).status())
                .isEqualTo(201);
        assertThat(submit(first, record("METRO_INSTEAD_OF_CAR", "km", "6")).status())
                .isEqualTo(201);
        assertThat(submit(second, record("BUS_INSTEAD_OF_CAR", "km", "4")).status())
                .isEqualTo(201);

        long ledger = jdbc.sql("select coalesce(sum(grams), 0) from ledger_entry where user_id in (:a, :b)")
                .param("a", first.id())
                .param("b", second.id())
                .query(Long.class)
                .single();
        var after = api.get(dashboard, "Authorization", bearer).json();
        assertThat(ledger).isPositive();
        assertThat(after.get("total").get("reduction").get("grams").asLong()).isEqualTo(ledger);
        assertThat(after.get("total").get("behaviours").asLong()).isEqualTo(3);
        assertThat(after.get("total").get("methodologyVersions").get(0).asString())
                .startsWith("LCT ");
        assertThat(after.get("recordedThisWeek").asInt()).isEqualTo(2);
        assertThat(after.get("consented").asInt()).isEqualTo(2);

        var today = org.lowcarbontogether.shared.ProgrammeCalendar.today(java.time.Clock.systemUTC());
        var challenge = api.post(
                "/api/v1/schools/classes/" + schoolClass.id() + "/challenges",
                """
                {"measure":"ACTIONS","target":10,"startsOn":"%s","endsOn":"%s"}""".formatted(today.minusDays(1), today.plusDays(7)),
                "Authorization",
                bearer);
        assertThat(challenge.status()).as(challenge.body()).isEqualTo(201);
        assertThat(challenge.json().get("progress").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/schools/me", "Authorization", first.bearer())
                        .json()
                        .get("total")
                        .get("reduction")
                        .get("grams")
                        .asLong())
                .isEqualTo(ledger);
    }

    @Test
    void aPupilWithoutAnEmailIsExportedAndErased() throws Exception {
        var schoolClass = schoolClass(1);
        var pupil = join(schoolClass);
        consent(pupil);
        assertThat(submit(pupil, record("WALK_INSTEAD_OF_CAR", "km", "1")).status())
                .isEqualTo(201);

        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account/export"))
                                .header("Authorization", pupil.bearer())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        var files = new java.util.HashMap<String, String>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files.get("school-class-places.json")).contains(pupil.nickname());
        assertThat(files.get("guardian-consents.json")).contains(pupil.guardian());
        assertThat(files.get("profile.json")).contains("pupil:" + pupil.id());

        var erased = api.post(
                "/api/v1/schools/classes/" + schoolClass.id() + "/pupils/" + pupil.id() + "/erasure",
                "",
                "Authorization",
                schoolClass.school().organiser().bearer());
        assertThat(erased.status()).as(erased.body()).isEqualTo(204);
        assertThat(jdbc.sql("select email from app_user where id = :id")
                        .param("id", pupil.id())
                        .query(String.class)
                        .single())
                .isEqualTo("deleted:" + pupil.id());
        assertThat(jdbc.sql("select count(*) from school_pupil where user_id = :id")
                        .param("id", pupil.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from consent where guardian_email is not null and user_id = :id")
                        .param("id", pupil.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(ledgerEntries(pupil.id()))
                .as("the ledger stays under the id")
                .isEqualTo(1);
        assertThat(api.get("/api/v1/schools/me", "Authorization", pupil.bearer())
                        .status())
                .isEqualTo(401);
    }
}
