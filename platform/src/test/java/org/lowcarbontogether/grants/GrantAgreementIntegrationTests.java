package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;

/**
 * The grant agreement: an officer records it with a signed PDF (checked by its first bytes and its size); the grantee
 * and the officers see it and download the document; anyone else does not; each recording is audited.
 */
@IntegrationTest
class GrantAgreementIntegrationTests extends ProgrammeScenario {

    static final byte[] PDF =
            "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    ApiClient.Response upload(
            String project, String bearer, Map<String, String> fields, String filename, byte[] bytes) {
        String boundary = "----lct" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\""
                        + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/awards/" + project + "/agreement"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                "Authorization",
                bearer);
    }

    @Test
    void recordedByAnOfficerSeenByTheGranteeOnly() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String project = award(setup, apply(setup, ngo, "Low-carbon canteen"), LocalDate.now(CST));
        String officer = setup.officer().bearer();
        String grantee = ngo.organiser().bearer();
        String agreement = "/api/v1/awards/" + project + "/agreement";
        assertThat(api.get(agreement, "Authorization", grantee).status())
                .as("none yet")
                .isEqualTo(404);
        var fields = Map.of(
                "signedOn", LocalDate.now(CST).toString(),
                "amountFen", "3000000",
                "currency", "cny",
                "conditions", "Interim report before the second tranche.");

        assertThat(upload(project, grantee, fields, "agreement.pdf", PDF).status())
                .as("only officers record it")
                .isEqualTo(403);
        var notPdf = upload(project, officer, fields, "agreement.pdf", "just text, not a PDF".getBytes());
        assertThat(notPdf.status()).isEqualTo(400);
        assertThat(notPdf.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notPdf.body()).contains("is not a PDF");
        byte[] large = new byte[GrantAgreements.MAX_DOCUMENT_BYTES + 1];
        System.arraycopy(PDF, 0, large, 0, PDF.length);
        assertThat(upload(project, officer, fields, "agreement.pdf", large).status())
                .as("at most 10 MB")
                .isIn(400, 413, 422);

        var recorded = upload(project, officer, fields, "signed agreement.pdf", PDF);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.json().get("currency").asString()).isEqualTo("CNY");
        assertThat(recorded.json().get("documentSize").asInt()).isEqualTo(PDF.length);
        var seen = api.get(agreement, "Authorization", grantee);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("amountFen").asLong()).isEqualTo(3_000_000);
        assertThat(seen.json().get("conditions").asString()).isEqualTo("Interim report before the second tranche.");
        Org other = organisers.organisation(Organisations.Kind.NGO);
        assertThat(api.get(agreement, "Authorization", other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where target_id = :p and action = 'grant-agreement-recorded'")
                        .param("p", UUID.fromString(project))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        var granteeWeb = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(granteeWeb.get("/projects/" + project).body())
                .contains("id=\"agreement-record\"", "signed agreement.pdf");
        assertThat(granteeWeb.bytes("/projects/" + project + "/agreement/document", "en"))
                .isEqualTo(PDF);
        var otherWeb = new WebSession(port).signIn(other.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(otherWeb.get("/projects/" + project + "/agreement/document").status())
                .isIn(403, 404);
        assertThat(otherWeb.get("/projects/" + project).body()).doesNotContain("id=\"agreement");
    }
}
