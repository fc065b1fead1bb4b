package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;
import tools.jackson.databind.JsonNode;

/**
 * A small programme built from real records, call to final report, over the API — and every figure it reports checked
 * against an independent SQL computation on the records themselves.
 */
@IntegrationTest
class GrantProgrammeIntegrationTests extends ProgrammeScenario {

    void record(Person person, String behaviour, double km, OffsetDateTime when) {
        var response = api.post(
                "/api/v1/records",
                """
                {"behaviour":"%s","quantity":%s,"unit":"km","occurredAt":"%s"}""".formatted(behaviour, km, when),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void fromCallToFinalReportWithEveryFigureCheckedAgainstTheRecords() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Dormitory recording circles");
        Person reviewer = organisers.person(Role.REVIEWER);
        Person conflicted = organisers.person(Role.REVIEWER);
        for (Person r : List.of(reviewer, conflicted)) {
            assertThat(api.post(
                                    "/api/v1/applications/" + application + "/reviewers",
                                    "{\"email\":\"" + r.user().email() + "\"}",
                                    "Authorization",
                                    setup.officer().bearer())
                            .status())
                    .isEqualTo(200);
        }
        String scores = """
                {"scores":[{"position":1,"score":8,"comment":"Strong reach"},{"position":2,"score":6,"comment":"Tight budget"}]}""";
        assertThat(api.put(
                                "/api/v1/applications/" + application + "/review",
                                scores,
                                "Authorization",
                                reviewer.bearer())
                        .status())
                .as("conflicts are declared first")
                .isEqualTo(409);
        api.post(
                "/api/v1/applications/" + application + "/conflict-declaration",
                "{\"hasConflict\":false}",
                "Authorization",
                reviewer.bearer());
        api.post(
                "/api/v1/applications/" + application + "/conflict-declaration",
                "{\"hasConflict\":true,\"note\":\"I advise this NGO\"}",
                "Authorization",
                conflicted.bearer());
        assertThat(api.put(
                                "/api/v1/applications/" + application + "/review",
                                scores,
                                "Authorization",
                                conflicted.bearer())
                        .status())
                .isEqualTo(409);
        var review =
                api.put("/api/v1/applications/" + application + "/review", scores, "Authorization", reviewer.bearer());
        assertThat(review.json().get("weightedPercent").decimalValue()).isEqualByComparingTo("72.0");
        var ranking = api.get(
                        "/api/v1/calls/" + setup.call() + "/ranking",
                        "Authorization",
                        setup.officer().bearer())
                .json();
        assertThat(ranking.get(0).get("weightedPercent").decimalValue()).isEqualByComparingTo("72.0");

        LocalDate start = LocalDate.now(CST).minusDays(3);
        var decided = api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"note":"Funded in full","amountFen":3000000,"startsOn":"%s","endsOn":"%s",
                 "tranches":[{"amountFen":2000000,"condition":"On signature","dueOn":"%s"},{"amountFen":1000000,"condition":"After the final report","dueOn":"%s"}],
                 "milestones":[{"title":"Twelve circles running","dueOn":"%s"}]}""".formatted(start, start.plusMonths(6), start, start.plusMonths(6), start.plusMonths(2)),
                "Authorization",
                setup.officer().bearer());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("AWARDED");
        var seen = api.get(
                        "/api/v1/applications/" + application,
                        "Authorization",
                        ngo.organiser().bearer())
                .json();
        assertThat(seen.get("application").get("decisionNote").asString())
                .as("the applicant is told")
                .isEqualTo("Funded in full");
        assertThat(seen.get("reviews")).as("but does not see the reviews").isEmpty();
        String project = seen.get("project").get("id").asString();

        // The grantee's community and campaign are the project's measured output.
        String auth = ngo.organiser().bearer();
        String community = api.post("/api/v1/communities", """
                {"organisationId":"%s","name":"Dorm circle","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(ngo.id()), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        String campaign = api.post(
                        "/api/v1/campaigns", """
                {"organisationId":"%s","name":"Recording month","startsOn":"%s","endsOn":"%s"}""".formatted(ngo.id(), start, start.plusDays(40)), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        Person a = organisers.person();
        Person b = organisers.person();
        Person outsider = organisers.person();
        for (Person p : List.of(a, b)) {
            api.post("/api/v1/communities/" + community + "/members", "", "Authorization", p.bearer());
        }
        api.post("/api/v1/campaigns/" + campaign + "/participants", "{}", "Authorization", a.bearer());
        for (String link : List.of(
                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + community + "\"}",
                "{\"kind\":\"CAMPAIGN\",\"scopeId\":\"" + campaign + "\"}")) {
            assertThat(api.post("/api/v1/projects/" + project + "/links", link, "Authorization", auth)
                            .status())
                    .isEqualTo(200);
        }
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String foreign = api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"Not theirs","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(other.id()),
                        "Authorization",
                        other.organiser().bearer())
                .json()
                .get("id")
                .asString();
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/links",
                                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + foreign + "\"}",
                                "Authorization",
                                auth)
                        .status())
                .isEqualTo(422);

        var now = OffsetDateTime.now(CST).minusMinutes(10).withNano(0);
        // The links count from today (programme calendar): the counted records stay on today even just after midnight.
        var midnight = LocalDate.now(CST).atStartOfDay(CST).toOffsetDateTime();
        record(
                a,
                "BUS_INSTEAD_OF_CAR",
                9,
                now.isBefore(midnight) ? midnight : now); // in the community and the campaign: counted once
        record(a, "METRO_INSTEAD_OF_CAR", 14, now.minusHours(3));
        var earlier = now.minusHours(1);
        record(b, "BUS_INSTEAD_OF_CAR", 5, earlier.isBefore(midnight) ? midnight : earlier);
        record(outsider, "BUS_INSTEAD_OF_CAR", 7, now); // in neither: not the project's
        String reversed = jdbc.sql(
                        "select id::text from activity_record where user_id = :u and behaviour = 'METRO_INSTEAD_OF_CAR'")
                .param("u", a.id())
                .query(String.class)
                .single();
        assertThat(api.post(
                                "/api/v1/records/" + reversed + "/reversal",
                                "{\"note\":\"Entered twice\"}",
                                "Authorization",
                                a.bearer())
                        .status())
                .isEqualTo(200);

        String figuresPath =
                "/api/v1/programmes/" + setup.programme() + "/impact?from=" + start + "&to=" + LocalDate.now(CST);
        String office = setup.officer().bearer();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var f = api.get(figuresPath, "Authorization", office).json().get("figures");
            return f.get("behaviours").asLong() == 2 && f.get("participants").asLong() == 2;
        });

        // The independent computation: the members' credited (not reversed) records since the project started.
        var expected = jdbc.sql("""
                        select count(*) as behaviours, coalesce(sum(reduction_grams), 0) as grams, count(distinct user_id) as people
                        from activity_record where user_id in (:a, :b) and status = 'CREDITED' and occurred_on >= :start""")
                .param("a", a.id())
                .param("b", b.id())
                .param("start", Date.valueOf(start))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        JsonNode view = api.get(figuresPath, "Authorization", office).json();
        JsonNode figures = view.get("figures");
        assertThat(figures.get("behaviours").asLong()).isEqualTo(expected[0]);
        assertThat(figures.get("gramsRecorded").asLong()).isEqualTo(expected[1]);
        assertThat(figures.get("gramsRestated").asLong()).isEqualTo(expected[1]);
        assertThat(figures.get("participants").asLong()).isEqualTo(expected[2]);
        assertThat(view.get("projects")
                        .get(0)
                        .get("figures")
                        .get("gramsRecorded")
                        .asLong())
                .isEqualTo(expected[1]);
        long transport = view.get("byCategory")
                .valueStream()
                .filter(l -> l.get("key").asString().equals("TRANSPORT"))
                .findFirst()
                .orElseThrow()
                .get("gramsRecorded")
                .asLong();
        assertThat(transport).as("the programme's officers see every line").isEqualTo(expected[1]);
        // The public: no free period, and nothing of this month until it is published; two people are never shown.
        assertThat(api.get(figuresPath).status())
                .as("a free period is the office's")
                .isEqualTo(422);
        JsonNode published =
                api.get("/api/v1/programmes/" + setup.programme() + "/impact").json();
        assertThat(published.get("publication").get("through").isNull())
                .as("this month is not published yet")
                .isTrue();
        assertThat(published.get("figures").get("behaviours").asLong()).isZero();
        assertThat(published.get("byCategory")).isEmpty();
        assertThat(api.get("/api/v1/projects/" + project + "/impact").status())
                .as("a project of two people is withheld")
                .isEqualTo(204);
        assertThat(api.get("/api/v1/projects/" + project + "/impact", "Authorization", auth)
                        .json()
                        .get("gramsRecorded")
                        .asLong())
                .as("its grantee sees it live")
                .isEqualTo(expected[1]);
        assertThat(api.get(
                                figuresPath + "&evidence=SELF_REPORT",
                                "Authorization",
                                setup.officer().bearer())
                        .json()
                        .get("figures")
                        .get("behaviours")
                        .asLong())
                .isEqualTo(expected[0]);
        assertThat(api.get("/api/v1/projects/" + project).json().get("tranches"))
                .as("payments are not public")
                .isEmpty();
        assertThat(api.get("/api/v1/projects/" + project, "Authorization", auth)
                        .json()
                        .get("tranches"))
                .hasSize(2);

        // Potential: with 1 of the last 1 week and full persistence, the week's reduction × 52.
        assertThat(api.put(
                                "/api/v1/programmes/" + setup.programme() + "/potential-model",
                                "{\"minWeeks\":1,\"windowWeeks\":1,\"persistence\":1}",
                                "Authorization",
                                setup.officer().bearer())
                        .status())
                .isEqualTo(200);
        long lastWeek = jdbc.sql("""
                        select coalesce(sum(reduction_grams), 0) from activity_record
                        where user_id in (:a, :b) and status = 'CREDITED' and occurred_on > cast(:today as date) - 7 and occurred_on >= :start""")
                .param("a", a.id())
                .param("b", b.id())
                .param("today", Date.valueOf(LocalDate.now(CST)))
                .param("start", Date.valueOf(start))
                .query(Long.class)
                .single();
        JsonNode potential =
                api.get(figuresPath, "Authorization", office).json().get("potential");
        assertThat(potential.get("annualGrams").asLong()).isEqualTo(lastWeek * 52);
        assertThat(potential.get("assumptions").get("windowWeeks").asInt()).isEqualTo(1);
        assertThat(potential.get("annualGrams").asLong())
                .as("potential is never mixed into direct reduction")
                .isNotEqualTo(api.get(figuresPath, "Authorization", office)
                        .json()
                        .get("figures")
                        .get("gramsRecorded")
                        .asLong());

        // Reach: the community's published story, viewed by two people.
        String story = api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"Our first month","body":"Twelve dormitories, one habit at a time."}""", "Authorization", a.bearer())
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/stories/" + story + "/decision", "{\"publish\":true}", "Authorization", auth);
        api.post("/api/v1/stories/" + story + "/views", "", "Authorization", a.bearer());
        api.post("/api/v1/stories/" + story + "/views", "", "Authorization", b.bearer());
        assertThat(api.get(figuresPath, "Authorization", office)
                        .json()
                        .get("figures")
                        .get("reach")
                        .get("views")
                        .asLong())
                .isEqualTo(2);

        // The final report carries the platform's figures, not typed ones.
        var report = api.post(
                "/api/v1/projects/" + project + "/reports",
                """
                {"kind":"FINAL","periodFrom":"%s","periodTo":"%s","narrative":"The circles met weekly and kept recording.",
                 "keyFindings":"Peer circles sustain recording.","recommendations":"Fund circles for a full year."}""".formatted(start, LocalDate.now(CST)),
                "Authorization",
                auth);
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        assertThat(report.json().get("figures").get("gramsRecorded").asLong()).isEqualTo(expected[1]);
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/reports",
                                """
                {"kind":"FINAL","periodFrom":"%s","periodTo":"%s","narrative":"A second final report is refused."}""".formatted(start, LocalDate.now(CST)),
                                "Authorization",
                                auth)
                        .status())
                .isEqualTo(409);

        // Open data: nothing published yet; free periods only for the office.
        assertThat(api.get("/api/v1/open-data/programmes/" + setup.programme() + "/impact?by=CATEGORY")
                        .json())
                .isEmpty();
        assertThat(api.get("/api/v1/open-data/programmes/" + setup.programme() + "/impact?by=CATEGORY&from=" + start)
                        .status())
                .isEqualTo(422);
        assertThat(api.get(
                                "/api/v1/open-data/programmes/" + setup.programme() + "/impact?by=CATEGORY&from="
                                        + start,
                                "Authorization",
                                office)
                        .json()
                        .get(0)
                        .get("gramsRecorded")
                        .asLong())
                .isEqualTo(expected[1]);
    }

    @Test
    void applicantsSeeTheirOwnReviewersTheirAssignedAndOfficersTheirProgramme() {
        Setup setup = programmeWithCall();
        Setup otherProgramme = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org rival = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Riding club");
        Person assigned = organisers.person(Role.REVIEWER);
        Person unassigned = organisers.person(Role.REVIEWER);
        api.post(
                "/api/v1/applications/" + application + "/reviewers",
                "{\"email\":\"" + assigned.user().email() + "\"}",
                "Authorization",
                setup.officer().bearer());

        assertThat(api.get(
                                "/api/v1/applications/" + application,
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/applications/" + application, "Authorization", assigned.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/applications/" + application,
                                "Authorization",
                                setup.officer().bearer())
                        .status())
                .isEqualTo(200);
        for (Person outsider : List.of(rival.organiser(), unassigned, otherProgramme.officer())) {
            assertThat(api.get("/api/v1/applications/" + application, "Authorization", outsider.bearer())
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/applications", "Authorization", outsider.bearer())
                            .json()
                            .valueStream()
                            .noneMatch(a -> a.get("id").asString().equals(application)))
                    .isTrue();
            assertThat(api.post(
                                    "/api/v1/applications/" + application + "/decision",
                                    "{\"award\":false,\"note\":\"no\"}",
                                    "Authorization",
                                    outsider.bearer())
                            .status())
                    .isIn(403, 404);
            assertThat(api.get("/api/v1/calls/" + setup.call() + "/ranking", "Authorization", outsider.bearer())
                            .status())
                    .isEqualTo(403);
        }
        assertThat(api.post(
                                "/api/v1/applications/" + application + "/decision",
                                "{\"award\":false,\"note\":\"no\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("applicants do not decide")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/applications/" + application + "/reviewers",
                                "{\"email\":\"" + unassigned.user().email() + "\"}",
                                "Authorization",
                                otherProgramme.officer().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/calls/" + setup.call() + "/applications",
                                """
                {"organisationId":"%s","title":"Not mine","proposal":"Applying for an organisation I do not organise.","requestedFen":100}""".formatted(ngo.id()),
                                "Authorization",
                                rival.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/programmes/" + setup.programme() + "/calls",
                                "{}",
                                "Authorization",
                                otherProgramme.officer().bearer())
                        .status())
                .isEqualTo(403);
        var overBudget = api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"amountFen":3000000,"startsOn":"2026-12-01","endsOn":"2027-06-01",
                 "tranches":[{"amountFen":1000000,"dueOn":"2026-12-01"}]}""",
                "Authorization",
                setup.officer().bearer());
        assertThat(overBudget.status()).isEqualTo(400);
        assertThat(overBudget.json().get("errors").get(0).get("field").asString())
                .isEqualTo("tranches");
    }

    @Test
    void nobodyDecidesOrReviewsTheirOwnOrganisationsApplication() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Dormitory circles " + UUID.randomUUID());
        // The officer also belongs to the applicant.
        organisations.addMember(ngo.id(), setup.officer().id(), Organisations.MemberRole.MEMBER);
        var own = api.post(
                "/api/v1/applications/" + application + "/decision",
                "{\"award\":false,\"note\":\"no\"}",
                "Authorization",
                setup.officer().bearer());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("type").asString()).isEqualTo("/problems/grant-own-organisation");

        Person insider = organisers.person(Role.REVIEWER);
        organisations.addMember(ngo.id(), insider.id(), Organisations.MemberRole.MEMBER);
        Person second = organisers.person();
        api.post(
                "/api/v1/programmes/" + setup.programme() + "/officers",
                "{\"email\":\"" + second.user().email() + "\"}",
                "Authorization",
                setup.admin().bearer());
        var assignInsider = api.post(
                "/api/v1/applications/" + application + "/reviewers",
                "{\"email\":\"" + insider.user().email() + "\"}",
                "Authorization",
                second.bearer());
        assertThat(assignInsider.status()).isEqualTo(422);
        assertThat(assignInsider.json().get("errors").get(0).get("message").asString())
                .contains("applicant");
        Person officerReviewer = organisers.person(Role.REVIEWER);
        api.post(
                "/api/v1/programmes/" + setup.programme() + "/officers",
                "{\"email\":\"" + officerReviewer.user().email() + "\"}",
                "Authorization",
                setup.admin().bearer());
        assertThat(api.post(
                                "/api/v1/applications/" + application + "/reviewers",
                                "{\"email\":\"" + officerReviewer.user().email() + "\"}",
                                "Authorization",
                                officerReviewer.bearer())
                        .status())
                .as("an officer assigning themselves")
                .isEqualTo(422);

        assertThat(api.post(
                                "/api/v1/applications/" + application + "/decision",
                                "{\"award\":false,\"note\":\"Out of scope\"}",
                                "Authorization",
                                second.bearer())
                        .status())
                .as("an independent officer")
                .isEqualTo(200);
    }
}
