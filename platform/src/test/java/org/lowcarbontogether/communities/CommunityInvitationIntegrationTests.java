package org.lowcarbontogether.communities;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import tools.jackson.databind.JsonNode;

/**
 * Invitations to communities by email, over the API and the pages with the mail read from the SMTP server: an
 * organiser invites addresses (with and without accounts, each mailed in the right language), the invited person
 * accepts — joining a members-only community without a join request — or declines, leaving nothing; someone without
 * an account registers and then decides; invitations expire, are limited per organiser and day, refused to anyone who
 * cannot manage the community, audited, exported for the invited person and erased with their account.
 */
@IntegrationTest
class CommunityInvitationIntegrationTests extends OrganiserScenario {

    String community(Org org, String visibility) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Quiet cyclists %s","kind":"INTEREST","visibility":"%s"}""".formatted(org.id(), UUID.randomUUID().toString().substring(0, 6), visibility),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    ApiClient.Response invite(Person organiser, String community, List<String> emails, String language) {
        var body = new StringBuilder("{\"emails\":[");
        for (int i = 0; i < emails.size(); i++) {
            body.append(i == 0 ? "" : ",").append('"').append(emails.get(i)).append('"');
        }
        body.append("],\"message\":\"Come ride with us on Sundays\"}");
        return api.post(
                "/api/v1/communities/" + community + "/invitations",
                body.toString(),
                "Authorization",
                organiser.bearer(),
                "Accept-Language",
                language);
    }

    JsonNode mine(Person person) {
        var list = api.get("/api/v1/account/community-invitations", "Authorization", person.bearer());
        assertThat(list.status()).isEqualTo(200);
        return list.json();
    }

    boolean member(String community, UUID person) {
        return jdbc.sql("""
                        select count(*) from participant
                        where scope_kind = 'COMMUNITY' and scope_id = :c and user_id = :u and left_at is null""")
                        .param("c", UUID.fromString(community))
                        .param("u", person)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long audited(String action, String community) {
        return jdbc.sql("select count(*) from audit_entry where action = :a and target_id = :c")
                .param("a", action)
                .param("c", UUID.fromString(community))
                .query(Long.class)
                .single();
    }

    static String fresh() {
        return "invitee-" + UUID.randomUUID() + "@example.org";
    }

    @Test
    void anInvitedPersonAcceptsIntoAMembersOnlyCommunityInTheirLanguage() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        String community = community(org, "MEMBERS");
        Person invitee = organisers.person();
        jdbc.sql("update app_user set language = 'zh-CN' where id = :u")
                .param("u", invitee.id())
                .update();
        String stranger = fresh();

        var sent = invite(org.organiser(), community, List.of(invitee.user().email(), stranger, stranger), "en");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().get("invited").size()).isEqualTo(2);
        assertThat(TestMail.await(invitee.user().email(), "邀请你加入").text())
                .as("in the account's language")
                .contains("Come ride with us on Sundays")
                .contains("/communities/" + community);
        assertThat(TestMail.await(stranger, "You are invited to").text())
                .as("an address without an account: the inviting page's language, a link to registration")
                .contains("/register?email=");
        assertThat(audited("community-invited", community)).isEqualTo(1);

        var again = invite(org.organiser(), community, List.of(invitee.user().email()), "en");
        assertThat(again.json().get("skipped").get(0).get("reason").asString()).isEqualTo("invited");

        var page = new WebSession(port).signIn(invitee.user().email(), AccountFixtures.PASSWORD);
        assertThat(page.get("/communities/" + community).body()).contains("id=\"community-invitation\"");
        assertThat(page.get("/account").body()).contains("id=\"community-invitations-waiting\"");
        JsonNode invitations = mine(invitee);
        assertThat(invitations.size()).isEqualTo(1);
        assertThat(member(community, invitee.id()))
                .as("nobody joins without accepting")
                .isFalse();

        var accepted = api.post(
                "/api/v1/account/community-invitations/"
                        + invitations.get(0).get("id").asString() + "/accept",
                "{}",
                "Authorization",
                invitee.bearer());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(member(community, invitee.id()))
                .as("members-only, without a join request")
                .isTrue();
        assertThat(jdbc.sql("select count(*) from community_join_request where user_id = :u")
                        .param("u", invitee.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(mine(invitee).size()).isZero();
        assertThat(audited("community-invitation-accepted", community)).isEqualTo(1);
        assertThat(invite(org.organiser(), community, List.of(invitee.user().email()), "en")
                        .json()
                        .get("skipped")
                        .get(0)
                        .get("reason")
                        .asString())
                .isEqualTo("member");
    }

    @Test
    void decliningLeavesNothing() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        String community = community(org, "PUBLIC");
        Person invitee = organisers.person();
        invite(org.organiser(), community, List.of(invitee.user().email()), "en");

        var page = new WebSession(port).signIn(invitee.user().email(), AccountFixtures.PASSWORD);
        String id = mine(invitee).get(0).get("id").asString();
        assertThat(page.get("/account/community-invitations").body()).contains("id=\"invitation-" + id + "\"");
        var declined = page.post(
                "/account/community-invitations/" + id,
                Map.of("decision", "decline"),
                "/account/community-invitations");
        assertThat(declined.status()).isIn(200, 302);
        assertThat(jdbc.sql("select count(*) from community_invitation where email = :e")
                        .param("e", invitee.user().email())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(member(community, invitee.id())).isFalse();
        assertThat(audited("community-invitation-declined", community)).isEqualTo(1);
        assertThat(api.post(
                                "/api/v1/account/community-invitations/" + id + "/accept",
                                "{}",
                                "Authorization",
                                invitee.bearer())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void someoneWithoutAnAccountRegistersAndThenDecides() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        String community = community(org, "MEMBERS");
        String address = fresh();
        invite(org.organiser(), community, List.of(address), "zh-CN");
        var mail = TestMail.await(address, "邀请你加入");
        assertThat(mail.text()).contains("/register?email=");

        var registered = api.post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Newcomer\"}"
                        .formatted(address, AccountFixtures.PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("id").asString());
        var newcomer =
                new Person(registration.principal(id).orElseThrow(), api.token(address, AccountFixtures.PASSWORD));
        JsonNode invitations = mine(newcomer);
        assertThat(invitations.size())
                .as("the invitation is theirs after registering")
                .isEqualTo(1);
        assertThat(member(community, id)).as("never joined without accepting").isFalse();
        String invitation = invitations.get(0).get("id").asString();
        var unverified = api.post(
                "/api/v1/account/community-invitations/" + invitation + "/accept",
                "{}",
                "Authorization",
                newcomer.bearer());
        assertThat(unverified.status()).as("only the address's holder answers").isEqualTo(403);
        assertThat(unverified.json().get("type").asString()).isEqualTo("/problems/email-unverified");

        String verify = TestMail.await(address, "Confirm your email").token("/email/verify");
        new WebSession(port).post("/email/verify", Map.of("token", verify), "/email/verify?token=" + verify);
        var accepted = api.post(
                "/api/v1/account/community-invitations/" + invitation + "/accept",
                "{}",
                "Authorization",
                newcomer.bearer());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(member(community, id)).isTrue();
    }

    @Test
    void onlyItsOrganisersInviteAndOnlyFiftyAtOnceAndAFewDozenADay() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.EMPLOYER);
        String community = community(org, "PUBLIC");
        var refused = invite(other.organiser(), community, List.of(fresh()), "en");
        assertThat(refused.status()).as("an organiser of another organisation").isEqualTo(403);
        Person participant = organisers.person();
        assertThat(invite(participant, community, List.of(fresh()), "en").status())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from community_invitation where community_id = :c")
                        .param("c", UUID.fromString(community))
                        .query(Long.class)
                        .single())
                .isZero();

        var tooMany = invite(
                org.organiser(),
                community,
                IntStream.range(0, 51).mapToObj(i -> fresh()).toList(),
                "en");
        assertThat(tooMany.status()).isEqualTo(400);
        var malformed = invite(org.organiser(), community, List.of("not an address"), "en");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("message").asString())
                .contains("not an address");

        List<String> fifty =
                new ArrayList<>(IntStream.range(0, 50).mapToObj(i -> fresh()).toList());
        assertThat(invite(org.organiser(), community, fifty, "en").status()).isEqualTo(201);
        var overDaily = invite(
                org.organiser(),
                community,
                IntStream.range(0, 11).mapToObj(i -> fresh()).toList(),
                "en");
        assertThat(overDaily.status()).as("60 a day in the test configuration").isEqualTo(429);
        assertThat(overDaily.json().get("type").asString()).isEqualTo("/problems/community-invitations-too-frequent");
    }

    @Test
    void expiredInvitationsArePurgedAndInvitationsAreThePersonsData() throws Exception {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        String community = community(org, "PUBLIC");
        Person expiring = organisers.person();
        Person deleting = organisers.person();
        invite(
                org.organiser(),
                community,
                List.of(expiring.user().email(), deleting.user().email()),
                "en");
        jdbc.sql("update community_invitation set expires_at = now() - interval '1 minute' where email = :e")
                .param("e", expiring.user().email())
                .update();
        assertThat(mine(expiring).size()).isZero();
        assertThat(jdbc.sql("select count(*) from community_invitation where email = :e")
                        .param("e", expiring.user().email())
                        .query(Long.class)
                        .single())
                .as("purged when read")
                .isZero();

        var export = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account/export"))
                                .header("Authorization", deleting.bearer())
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        String invitations = null;
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("community-invitations.json")) {
                    invitations = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(invitations).contains("Come ride with us on Sundays").contains(community);

        var deleted = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account"))
                        .header("Content-Type", "application/json")
                        .method(
                                "DELETE",
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"password\":\"" + AccountFixtures.PASSWORD + "\"}")),
                "Authorization",
                deleting.bearer());
        assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
        assertThat(jdbc.sql("select count(*) from community_invitation where email = :e")
                        .param("e", deleting.user().email())
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
