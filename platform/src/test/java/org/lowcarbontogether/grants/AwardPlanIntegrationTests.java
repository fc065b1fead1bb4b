package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import tools.jackson.databind.JsonNode;

/**
 * Plan against actual over the API and the pages: a grantee proposes, an officer sets (both audited); the actuals are
 * the linked community's and equal an independent SQL over the ledger; unknown until a group is linked, never zero;
 * only the grantee and the programme's officers see the plan.
 */
@IntegrationTest
class AwardPlanIntegrationTests extends ProgrammeScenario {

    static JsonNode output(JsonNode plan, String output) {
        return plan.get("outputs")
                .valueStream()
                .filter(o -> o.get("output").asString().equals(output))
                .findFirst()
                .orElseThrow(() -> new AssertionError(output + " not in " + plan));
    }

    @Test
    void plannedOutputsAgainstLiveActuals() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        LocalDate start = LocalDate.now(CST).minusDays(10);
        String project = award(setup, apply(setup, ngo, "Canteen leftovers project"), start);
        String grantee = ngo.organiser().bearer();
        String officer = setup.officer().bearer();
        String plan = "/api/v1/awards/" + project + "/plan";

        // The grantee proposes; the status waits for an officer's target.
        var proposed = api.post(plan + "/proposals", """
                {"output":"BEHAVIOURS","target":400,"dueOn":"%s"}""".formatted(start.plusDays(100)), "Authorization", grantee);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        assertThat(output(proposed.json(), "BEHAVIOURS").get("status").asString())
                .isEqualTo("NOT_SET");
        assertThat(output(proposed.json(), "BEHAVIOURS").get("proposedTarget").asLong())
                .isEqualTo(400);
        assertThat(api.put(plan + "/BEHAVIOURS", """
                        {"target":400,"dueOn":"%s"}""".formatted(start.plusDays(100)), "Authorization", grantee)
                        .status())
                .as("only an officer sets a target")
                .isEqualTo(403);
        var outside = api.put(plan + "/BEHAVIOURS", """
                {"target":400,"dueOn":"%s"}""".formatted(start.plusMonths(7)), "Authorization", officer);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.header("Content-Type")).startsWith("application/problem+json");
        for (var set : Map.of("BEHAVIOURS", 3, "REDUCTION_KG", 1_000_000, "TRAININGS", 2)
                .entrySet()) {
            var response = api.put(
                    plan + "/" + set.getKey(),
                    "{\"target\":%d,\"dueOn\":\"%s\"}".formatted(set.getValue(), start.plusDays(100)),
                    "Authorization",
                    officer);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        JsonNode before = api.get(plan, "Authorization", grantee).json();
        assertThat(output(before, "BEHAVIOURS").get("proposedTarget").isNull())
                .as("setting settles the proposal")
                .isTrue();
        assertThat(output(before, "BEHAVIOURS").get("actual").isNull())
                .as("nothing is linked yet: unknown, not zero")
                .isTrue();
        assertThat(output(before, "BEHAVIOURS").get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(output(before, "TRAININGS").get("actual").asLong())
                .as("training is counted by the grantee organisation, linked or not")
                .isZero();
        assertThat(jdbc.sql("""
                                select count(*) from audit_entry where target_id = :p
                                  and action in ('award-plan-proposed', 'award-plan-set')""")
                        .param("p", UUID.fromString(project))
                        .query(Long.class)
                        .single())
                .isEqualTo(4);

        // The grantee's community measures the project from now on.
        String community = api.post("/api/v1/communities", """
                {"organisationId":"%s","name":"Canteen circle","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(ngo.id()), "Authorization", grantee)
                .json()
                .get("id")
                .asString();
        Person a = organisers.person();
        Person b = organisers.person();
        for (Person p : List.of(a, b)) {
            api.post("/api/v1/communities/" + community + "/members", "", "Authorization", p.bearer());
        }
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/links",
                                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + community + "\"}",
                                "Authorization",
                                grantee)
                        .status())
                .isEqualTo(200);
        // Today, after joining (a group counts what its members do from the day they join), also just after midnight.
        var now = OffsetDateTime.now(CST).withNano(0);
        var today = LocalDate.now(CST).atStartOfDay().atOffset(CST);
        var first = now.minusMinutes(5).isBefore(today) ? today : now.minusMinutes(5);
        record(a, "BUS_INSTEAD_OF_CAR", 9, first);
        record(a, "METRO_INSTEAD_OF_CAR", 14, first.plusSeconds(1));
        record(b, "BUS_INSTEAD_OF_CAR", 5, first.plusSeconds(2));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> output(api.get(plan, "Authorization", officer).json(), "BEHAVIOURS")
                                .get("actual")
                                .asLong(-1)
                        == 3);

        // The independent computation: the community's members' ledger entries since the project started.
        var expected = jdbc.sql("""
                        select count(*) filter (where e.kind = 'CREDIT') - count(*) filter (where e.kind = 'REVERSAL'),
                            coalesce(sum(e.grams), 0)
                        from ledger_entry e
                        where e.user_id in (select user_id from participant where scope_kind = 'COMMUNITY' and scope_id = :c)
                          and e.occurred_at >= :start""")
                .param("c", UUID.fromString(community))
                .param("start", Timestamp.from(ProgrammeCalendar.startOf(start)))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        JsonNode after = api.get(plan, "Authorization", grantee).json();
        assertThat(output(after, "BEHAVIOURS").get("actual").asLong()).isEqualTo(expected[0]);
        assertThat(output(after, "REDUCTION_KG").get("actual").asLong()).isEqualTo(expected[1] / 1000);
        // 3 of 3 behaviours: achieved. 10 days of 100 gone: 100,000 of 1,000,000 kg expected, a few kg is behind.
        assertThat(output(after, "BEHAVIOURS").get("status").asString()).isEqualTo("ACHIEVED");
        assertThat(output(after, "REDUCTION_KG").get("expectedNow").asLong()).isEqualTo(100_000);
        assertThat(output(after, "REDUCTION_KG").get("status").asString()).isEqualTo("BEHIND");

        // Only the grantee and the programme's officers see it.
        Org other = organisers.organisation(Organisations.Kind.NGO);
        assertThat(api.get(plan, "Authorization", other.organiser().bearer()).status())
                .isEqualTo(403);
        assertThat(api.get(plan).status()).isIn(401, 403);
        assertThat(api.get("/api/v1/awards/" + UUID.randomUUID() + "/plan", "Authorization", officer)
                        .status())
                .isEqualTo(404);

        // The pages: the project shows its plan, the office one line per award, the worst first.
        var officerWeb = new WebSession(port).signIn(setup.officer().user().email(), AccountFixtures.PASSWORD);
        String page = officerWeb.get("/projects/" + project).body();
        assertThat(page).contains("id=\"plan-BEHAVIOURS\"", "Achieved", "Behind");
        String office =
                officerWeb.get("/programmes/" + setup.programme() + "/office").body();
        assertThat(office).contains("id=\"portfolio\"", "Canteen leftovers project");
        var granteeWeb = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        var form = granteeWeb.post(
                "/projects/" + project + "/plan",
                Map.of(
                        "action",
                        "propose",
                        "output",
                        "EVENTS",
                        "target",
                        "3",
                        "dueOn",
                        start.plusDays(50).toString()),
                "/projects/" + project);
        assertThat(form.status()).isEqualTo(302);
        assertThat(output(api.get(plan, "Authorization", officer).json(), "EVENTS")
                        .get("proposedTarget")
                        .asLong())
                .isEqualTo(3);

        // A report keeps the plan as it stood.
        var report = api.post(
                "/api/v1/projects/" + project + "/reports",
                """
                {"kind":"MILESTONE","periodFrom":"%s","periodTo":"%s","narrative":"Two circles running in the canteen."}""".formatted(start, LocalDate.now(CST)),
                "Authorization",
                grantee);
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        assertThat(output(report.json().get("plan"), "BEHAVIOURS").get("actual").asLong())
                .isEqualTo(expected[0]);
    }

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
}
