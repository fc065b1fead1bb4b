package org.lowcarbontogether.organiser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/**
 * An organiser acts only inside their own organisations: every organiser-only API endpoint, for every object type
 * (organisation, community, event, campaign, Green Graduation item, story), refuses another organisation's organiser.
 */
@IntegrationTest
class OrganisationScopeIntegrationTests extends OrganiserScenario {

    record Call(String method, String path, String body) {}

    ApiClient.Response call(Call call, Person as) {
        return switch (call.method()) {
            case "GET" -> api.get(call.path(), "Authorization", as.bearer());
            case "POST" -> api.post(call.path(), call.body(), "Authorization", as.bearer());
            case "PUT" -> api.put(call.path(), call.body(), "Authorization", as.bearer());
            case "DELETE" -> api.delete(call.path(), "Authorization", as.bearer());
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    @Test
    void everyOrganiserEndpointRefusesAnotherOrganisationsOrganiser() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.COALITION);
        String auth = ngo.organiser().bearer();
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String community = api.post("/api/v1/communities", """
                {"organisationId":"%s","name":"Scope test","kind":"INTEREST","visibility":"PUBLIC"}""".formatted(ngo.id()), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        String event = api.post(
                        "/api/v1/events",
                        """
                {"organisationId":"%s","title":"Scope event","kind":"TALK","place":"Hall","startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), now.minusMinutes(5), now.plusHours(1)),
                        "Authorization",
                        auth)
                .json()
                .get("id")
                .asString();
        String campaign = api.post(
                        "/api/v1/campaigns", """
                {"organisationId":"%s","name":"Scope campaign","template":"GREEN_GRADUATION","startsOn":"%s","endsOn":"%s",
                 "replacementRate":0.5}""".formatted(ngo.id(), today, today.plusDays(5)), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        Person member = organisers.person();
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", member.bearer());
        String story = api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"Scope story","body":"A story the organisation moderates."}""", "Authorization", member.bearer())
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/campaigns/" + campaign + "/participants", "{}", "Authorization", member.bearer());
        String item = api.post("/api/v1/campaigns/" + campaign + "/items", """
                {"category":"BOOKS","title":"Books","weightKg":1}""", "Authorization", member.bearer())
                .json()
                .get("id")
                .asString();

        var calls = List.of(
                new Call("GET", "/api/v1/organisations/" + ngo.id() + "/members", ""),
                new Call(
                        "POST",
                        "/api/v1/organisations/" + ngo.id() + "/members",
                        "{\"email\":\"" + other.organiser().user().email() + "\",\"role\":\"ORGANISER\"}"),
                new Call(
                        "DELETE",
                        "/api/v1/organisations/" + ngo.id() + "/members/"
                                + ngo.organiser().id(),
                        ""),
                new Call(
                        "POST",
                        "/api/v1/communities",
                        "{\"organisationId\":\"" + ngo.id()
                                + "\",\"name\":\"Theirs\",\"kind\":\"CAMPUS\",\"visibility\":\"PUBLIC\"}"),
                new Call(
                        "PUT",
                        "/api/v1/communities/" + community,
                        "{\"name\":\"Taken\",\"kind\":\"CAMPUS\",\"visibility\":\"PUBLIC\"}"),
                new Call("GET", "/api/v1/communities/" + community + "/members", ""),
                new Call(
                        "POST",
                        "/api/v1/communities/" + community + "/invitations",
                        "{\"emails\":[\"someone@example.org\"]}"),
                new Call(
                        "POST",
                        "/api/v1/events",
                        "{\"organisationId\":\"" + ngo.id()
                                + "\",\"title\":\"Theirs\",\"kind\":\"TALK\",\"place\":\"x\",\"startsAt\":\""
                                + now.plusDays(1) + "\",\"endsAt\":\""
                                + now.plusDays(1).plusHours(1) + "\"}"),
                new Call(
                        "PUT",
                        "/api/v1/events/" + event,
                        "{\"title\":\"Taken\",\"kind\":\"TALK\",\"place\":\"x\",\"startsAt\":\"" + now
                                + "\",\"endsAt\":\"" + now.plusHours(1) + "\"}"),
                new Call("GET", "/api/v1/events/" + event + "/check-in-link", ""),
                new Call("GET", "/api/v1/events/" + event + "/attendance", ""),
                new Call(
                        "POST",
                        "/api/v1/events/" + event + "/check-ins/by-organiser",
                        "{\"email\":\"" + member.user().email() + "\"}"),
                new Call(
                        "POST",
                        "/api/v1/campaigns",
                        "{\"organisationId\":\"" + ngo.id() + "\",\"name\":\"Theirs\",\"startsOn\":\"" + today
                                + "\",\"endsOn\":\"" + today + "\"}"),
                new Call(
                        "PUT",
                        "/api/v1/campaigns/" + campaign,
                        "{\"name\":\"Taken\",\"startsOn\":\"" + today + "\",\"endsOn\":\"" + today + "\"}"),
                new Call("GET", "/api/v1/campaigns/" + campaign + "/members", ""),
                new Call("POST", "/api/v1/campaigns/" + campaign + "/items/" + item + "/withdrawal", ""),
                new Call("POST", "/api/v1/stories/" + story + "/decision", "{\"publish\":true}"),
                new Call("GET", "/api/v1/stories/" + story, ""));

        for (var call : calls) {
            int status = call(call, other.organiser()).status();
            assertThat(status).as(call.method() + " " + call.path()).isIn(403, 404);
        }
        assertThat(api.get("/api/v1/stories/" + story, "Authorization", auth).status())
                .as("its own moderator")
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from membership where organisation_id = :org")
                        .param("org", ngo.id())
                        .query(Long.class)
                        .single())
                .as("nothing changed")
                .isEqualTo(1);
    }

    @Test
    void organisersStaffTheirOrganisationAndAdministratorsCreateOrganisations() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person volunteer = organisers.person();
        Person admin = organisers.person(Role.ADMIN);

        assertThat(api.post(
                                "/api/v1/organisations",
                                "{\"name\":\"New NGO\",\"kind\":\"NGO\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(403);
        // Names are unique: a fresh one, so the test also passes against a database kept from an earlier run.
        var created = api.post(
                "/api/v1/organisations",
                "{\"name\":\"New NGO %s\",\"kind\":\"NGO\"}".formatted(UUID.randomUUID()),
                "Authorization",
                admin.bearer());
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/organisations",
                                "{\"name\":\"x\",\"kind\":\"CLUB\"}",
                                "Authorization",
                                admin.bearer())
                        .json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("name", "kind");

        var added = api.post(
                "/api/v1/organisations/" + ngo.id() + "/members",
                "{\"email\":\"" + volunteer.user().email() + "\",\"role\":\"ORGANISER\"}",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("invited").asBoolean())
                .as("nobody joins without accepting")
                .isTrue();
        assertThat(jdbc.sql("select roles from app_user where id = :id")
                        .param("id", volunteer.id())
                        .query(String.class)
                        .single())
                .doesNotContain("ORGANISER");
        assertThat(api.post("/api/v1/account/invitations/" + ngo.id(), "", "Authorization", volunteer.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select roles from app_user where id = :id")
                        .param("id", volunteer.id())
                        .query(String.class)
                        .single())
                .as("a new organiser finds the organiser pages")
                .contains("ORGANISER");
        assertThat(api.post(
                                "/api/v1/organisations/" + ngo.id() + "/members",
                                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.org\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(422);
        assertThat(api.delete(
                                "/api/v1/organisations/" + ngo.id() + "/members/"
                                        + ngo.organiser().id(),
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("two organisers: one may leave")
                .isEqualTo(204);
        var last = api.delete(
                "/api/v1/organisations/" + ngo.id() + "/members/" + volunteer.id(),
                "Authorization",
                volunteer.bearer());
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("type").asString()).endsWith("organisation-last-organiser");
    }
}
