package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/** A programme office with a programme, an officer and an open call, and awards in it, set up through the API. */
public abstract class ProgrammeScenario extends OrganiserScenario {

    protected static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** The programme office, a programme with one officer and one open call. */
    protected record Setup(UUID programme, UUID call, Person officer, Person admin) {}

    protected Setup programmeWithCall() {
        Person admin = organisers.person(Role.ADMIN);
        Person officer = organisers.person();
        var office = organisations.create("Programme office " + UUID.randomUUID(), Organisations.Kind.COALITION);
        String programme = api.post("/api/v1/programmes", """
                {"name":"Low-carbon consumption small grants","description":"Small grants for NGOs","organisationId":"%s"}""".formatted(office.id()), "Authorization", admin.bearer())
                .json()
                .get("id")
                .asString();
        assertThat(api.post(
                                "/api/v1/programmes/" + programme + "/officers",
                                "{\"email\":\"" + officer.user().email() + "\"}",
                                "Authorization",
                                admin.bearer())
                        .status())
                .isEqualTo(204);
        LocalDate today = LocalDate.now(CST);
        var call = api.post(
                "/api/v1/programmes/" + programme + "/calls",
                """
                {"title":"2026 call","themes":["DAILY_RECORDING","GREEN_GRADUATION"],"budgetFen":10000000,"maxGrantFen":5000000,
                 "opensOn":"%s","closesOn":"%s","criteria":[{"name":"Reach","weight":60},{"name":"Feasibility","weight":40}]}""".formatted(today.minusDays(1), today.plusDays(30)),
                "Authorization",
                officer.bearer());
        assertThat(call.status()).as(call.body()).isEqualTo(201);
        return new Setup(
                UUID.fromString(programme),
                UUID.fromString(call.json().get("id").asString()),
                officer,
                admin);
    }

    protected String apply(Setup setup, Org applicant, String title) {
        var applied = api.post(
                "/api/v1/calls/" + setup.call() + "/applications",
                """
                {"organisationId":"%s","title":"%s","proposal":"Daily recording circles in twelve dormitories.","requestedFen":3000000,
                 "plannedBehaviours":5000,"plannedGrams":2000000,"plannedParticipants":300,"plannedReach":10000}""".formatted(applicant.id(), title),
                "Authorization",
                applicant.organiser().bearer());
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        return applied.json().get("id").asString();
    }

    /** Awards an application in full from {@code start} for six months; returns the project. */
    protected String award(Setup setup, String application, LocalDate start) {
        var decided = api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"note":"Funded in full","amountFen":3000000,"startsOn":"%s","endsOn":"%s",
                 "tranches":[{"amountFen":3000000,"condition":"On signature","dueOn":"%s"}]}""".formatted(start, start.plusMonths(6), start),
                "Authorization",
                setup.officer().bearer());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        return api.get(
                        "/api/v1/applications/" + application,
                        "Authorization",
                        setup.officer().bearer())
                .json()
                .get("project")
                .get("id")
                .asString();
    }
}
