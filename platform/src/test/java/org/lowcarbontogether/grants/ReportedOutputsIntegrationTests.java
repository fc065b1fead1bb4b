package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;
import tools.jackson.databind.JsonNode;

/**
 * Off-platform outputs with evidence: reported by the grantee, queried by an assigned reviewer and answered, accepted;
 * shown as "reported by grantees, accepted" — and the platform's measured reach and participants unchanged by them.
 */
@IntegrationTest
class ReportedOutputsIntegrationTests extends ProgrammeScenario {

    static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

    ApiClient.Response report(
            String project, String bearer, Map<String, String> fields, @Nullable String filename, byte[] bytes) {
        String boundary = "----lct" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        if (filename != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\""
                            + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/awards/" + project + "/reported-outputs"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                "Authorization",
                bearer);
    }

    @Test
    void reportedQueriedAnsweredAcceptedAndNeverSummedIntoPlatformFigures() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Zero-waste festival");
        Person reviewer = organisers.person(Role.REVIEWER);
        assertThat(api.post(
                                "/api/v1/applications/" + application + "/reviewers",
                                "{\"email\":\"" + reviewer.user().email() + "\"}",
                                "Authorization",
                                setup.officer().bearer())
                        .status())
                .isEqualTo(200);
        api.post(
                "/api/v1/applications/" + application + "/conflict-declaration",
                "{\"hasConflict\":false}",
                "Authorization",
                reviewer.bearer());
        LocalDate start = LocalDate.now(CST).minusDays(5);
        String project = award(setup, application, start);
        String grantee = ngo.organiser().bearer();
        String officer = setup.officer().bearer();
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String stranger = other.organiser().bearer();
        String impact = "/api/v1/projects/" + project + "/impact";
        JsonNode measuredBefore = api.get(impact, "Authorization", grantee).json();
        String programmeImpact =
                "/api/v1/programmes/" + setup.programme() + "/impact?from=" + start + "&to=" + LocalDate.now(CST);
        JsonNode programmeBefore =
                api.get(programmeImpact, "Authorization", officer).json().get("figures");

        var article = Map.of(
                "kind", "MEDIA_ARTICLE",
                "description", "City evening paper feature on the festival",
                "quantity", "12000",
                "occurredOn", LocalDate.now(CST).toString(),
                "method", "The paper's stated circulation for that day",
                "evidenceLink", "https://example.org/news/festival");
        var first = report(project, grantee, article, null, new byte[0]);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        var counted = Map.of(
                "kind", "PARTICIPANTS",
                "description", "Volunteers at the sorting stations",
                "quantity", "40",
                "occurredOn", LocalDate.now(CST).toString(),
                "method", "Sign-in sheet at the volunteer tent");
        var second = report(project, grantee, counted, "sign-in.png", PNG);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        var noEvidence = report(project, grantee, counted, null, new byte[0]);
        assertThat(noEvidence.status()).isEqualTo(400);
        assertThat(noEvidence.body()).contains("Give a link or upload a screenshot or document");
        assertThat(report(project, grantee, counted, "notes.txt", "just notes".getBytes())
                        .body())
                .contains("is not a PNG or JPEG screenshot or a PDF document");
        assertThat(report(project, stranger, counted, "sign-in.png", PNG).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/awards/" + project + "/reported-outputs", "Authorization", stranger)
                        .status())
                .isEqualTo(403);

        // The assigned reviewer queries the article; the grantee answers; the reviewer accepts.
        String articleId = first.json().get("id").asString();
        String review = "/api/v1/reported-outputs/" + articleId + "/review";
        assertThat(api.post(review, "{\"decision\":\"ACCEPTED\"}", "Authorization", grantee)
                        .status())
                .as("the grantee does not accept its own output")
                .isEqualTo(403);
        var queried = api.post(
                review,
                "{\"decision\":\"QUERIED\",\"question\":\"Is 12,000 the circulation or the readers of the article?\"}",
                "Authorization",
                reviewer.bearer());
        assertThat(queried.status()).as(queried.body()).isEqualTo(200);
        assertThat(queried.json().get("status").asString()).isEqualTo("QUERIED");
        String answer = "/api/v1/reported-outputs/" + articleId + "/answer";
        assertThat(api.post(answer, "{\"answer\":\"Circulation.\"}", "Authorization", stranger)
                        .status())
                .isEqualTo(404);
        var answered =
                api.post(answer, "{\"answer\":\"The circulation; readers may be more.\"}", "Authorization", grantee);
        assertThat(answered.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(api.post(review, "{\"decision\":\"ACCEPTED\"}", "Authorization", reviewer.bearer())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACCEPTED");
        String countedId = second.json().get("id").asString();
        assertThat(api.post(
                                "/api/v1/reported-outputs/" + countedId + "/review",
                                "{\"decision\":\"ACCEPTED\"}",
                                "Authorization",
                                officer)
                        .status())
                .isEqualTo(200);

        JsonNode accepted = api.get(
                        "/api/v1/awards/" + project + "/reported-outputs/accepted", "Authorization", officer)
                .json();
        assertThat(accepted.get("reach").asLong()).isEqualTo(12_000);
        assertThat(accepted.get("participants").asLong()).isEqualTo(40);

        // The platform's measured figures are what they were: accepted items are never summed into them.
        JsonNode measuredAfter = api.get(impact, "Authorization", grantee).json();
        assertThat(measuredAfter.get("reach")).isEqualTo(measuredBefore.get("reach"));
        assertThat(measuredAfter.get("participants")).isEqualTo(measuredBefore.get("participants"));
        JsonNode programmeAfter =
                api.get(programmeImpact, "Authorization", officer).json().get("figures");
        assertThat(programmeAfter.get("reach")).isEqualTo(programmeBefore.get("reach"));
        assertThat(programmeAfter.get("participants")).isEqualTo(programmeBefore.get("participants"));

        // Shown apart on the project page, the office portfolio and the executive summary.
        var officerWeb = new WebSession(port).signIn(setup.officer().user().email(), AccountFixtures.PASSWORD);
        assertThat(officerWeb.get("/projects/" + project).body()).contains("id=\"reported-accepted\"", "12,000");
        assertThat(officerWeb
                        .get("/programmes/" + setup.programme() + "/office")
                        .body())
                .contains("Reported by grantees, accepted", "12,000");
        String summary =
                officerWeb.get("/programmes/" + setup.programme() + "/summary").body();
        assertThat(summary).contains("id=\"out-reported\"", "id=\"out-reach\"");
        var granteeWeb = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(granteeWeb.bytes("/reported-outputs/" + countedId + "/evidence", "en"))
                .isEqualTo(PNG);
        var reviewerWeb = new WebSession(port).signIn(reviewer.user().email(), AccountFixtures.PASSWORD);
        assertThat(reviewerWeb.get("/projects/" + project).body()).contains("id=\"reported-" + articleId + "\"");
    }
}
