package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.methodology.MethodologyGovernance.FactorEdit;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Draft → review → publish, with an independent reviewer. Versions made here take effect in 2099, so they never become
 * the version other tests record with.
 */
@IntegrationTest
class MethodologyGovernanceIntegrationTests {

    @Autowired
    MethodologyGovernance governance;

    @Autowired
    Methodology methodology;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    AuthenticatedUser author;
    AuthenticatedUser reviewer;
    AuthenticatedUser participant;

    @BeforeEach
    void people() {
        author = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        participant = AccountFixtures.person(registration, jdbc);
    }

    /** The next free version number, and a future-effective copy of the current version under it. */
    static MethodologyVersion nextDocument(JdbcClient jdbc, Methodology methodology) {
        String latest = jdbc.sql("select version from methodology_version").query(String.class).list().stream()
                .max(Methodology::compareVersions)
                .orElseThrow();
        String[] parts = latest.split("\\.");
        String next = parts[0] + "." + (Integer.parseInt(parts[1]) + 1) + ".0";
        var base = methodology.current();
        return new MethodologyVersion(
                base.code(),
                next,
                base.title(),
                new LocalizedText("Test version", "测试版本"),
                LocalDate.of(2099, 1, 1),
                base.sources(),
                base.factors(),
                base.behaviours(),
                base.productBaselines());
    }

    @Test
    void aDraftIsPublishedOnlyByAnotherReviewerAndNeverChangesAfterwards() {
        var document = nextDocument(jdbc, methodology);
        String version = document.version();
        governance.importDraft(author, document);
        var metro = document.factor("EF-METRO-GB-2025").orElseThrow();
        governance.editFactor(
                author,
                version,
                metro.id(),
                new FactorEdit(
                        new BigDecimal("0.0300"),
                        2025,
                        metro.sourceId(),
                        metro.sourceLocator(),
                        Confidence.MEDIUM,
                        "corrected in review"));
        assertThat(governance
                        .draft(version)
                        .document()
                        .factor(metro.id())
                        .orElseThrow()
                        .value())
                .isEqualByComparingTo("0.0300");

        assertThatThrownBy(() -> governance.editFactor(
                        reviewer,
                        version,
                        metro.id(),
                        new FactorEdit(BigDecimal.ONE, 2025, metro.sourceId(), null, Confidence.LOW, null)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> governance.approve(reviewer, version, null))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("methodology-wrong-status"));

        governance.submit(author, version, "ready");
        assertThatThrownBy(() -> governance.approve(author, version, null))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("methodology-own-version"));
        assertThatThrownBy(() -> governance.approve(participant, version, null))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("forbidden"));

        governance.approve(reviewer, version, "checked against the source");

        assertThat(methodology.version(version)).isPresent();
        assertThat(methodology.current().version())
                .as("a version effective in 2099 is not yet in use")
                .isNotEqualTo(version);
        assertThat(governance.trail(version))
                .extracting(MethodologyGovernance.TrailEntry::action)
                .containsExactly("IMPORTED", "FACTOR_EDITED", "SUBMITTED", "PUBLISHED");
        assertThatThrownBy(() -> governance.replaceDraft(author, version, document))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("methodology-wrong-status"));
        assertThatThrownBy(() -> jdbc.sql("update methodology_version set document = '{}'::jsonb where version = :v")
                        .param("v", version)
                        .update())
                .hasMessageContaining("is published and cannot change");
    }

    @Test
    void aReviewerSendsADraftBackWithReasons() {
        var document = nextDocument(jdbc, methodology);
        governance.importDraft(author, document);
        governance.submit(author, document.version(), null);

        assertThatThrownBy(() -> governance.reject(reviewer, document.version(), " "))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code()).isEqualTo("methodology-comment-required"));
        var back = governance.reject(reviewer, document.version(), "cite the table row for the metro factor");

        assertThat(back.status()).isEqualTo("DRAFT");
        assertThat(back.trail()).last().satisfies(t -> {
            assertThat(t.action()).isEqualTo("RETURNED");
            assertThat(t.comment()).isEqualTo("cite the table row for the metro factor");
            assertThat(t.actorId()).isEqualTo(reviewer.id());
        });
    }

    @Test
    void anIncompleteDraftCannotGoToReview() {
        var document = nextDocument(jdbc, methodology);
        var factors = new ArrayList<>(document.factors());
        EmissionFactor first = factors.getFirst();
        factors.set(
                0,
                new EmissionFactor(
                        first.id(),
                        first.activity(),
                        first.name(),
                        first.value(),
                        first.massUnit(),
                        first.perUnit(),
                        first.gasBasis(),
                        first.region(),
                        first.year(),
                        first.purpose(),
                        "UNCITED",
                        null,
                        first.confidence(),
                        first.proxy(),
                        null,
                        null,
                        null,
                        null));
        var incomplete = new MethodologyVersion(
                document.code(),
                document.version(),
                document.title(),
                document.changelog(),
                document.effectiveFrom(),
                document.sources(),
                factors,
                document.behaviours(),
                document.productBaselines());

        var draft = governance.importDraft(author, incomplete);

        assertThat(draft.problems()).anyMatch(p -> p.contains("cites unknown source UNCITED"));
        assertThatThrownBy(() -> governance.submit(author, document.version(), null))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code()).isEqualTo("methodology-incomplete");
                    assertThat(e.properties()).containsKey("problems");
                });
    }

    @Test
    void versionNumbersOnlyGoUpAndParticipantsCannotDraft() {
        var document = nextDocument(jdbc, methodology);
        assertThatThrownBy(() -> governance.importDraft(participant, document))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> governance.createDraft(
                        author, "1.1.0", "1.0.5", new LocalizedText("x", "x"), LocalDate.of(2099, 1, 1)))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        e -> assertThat(e.code()).isIn("methodology-version-not-newer", "methodology-version-exists"));
    }

    @Test
    void theReviewApiIsForReviewersOnly() {
        var api = new ApiClient(port);
        String body = MethodologyDocuments.write(nextDocument(jdbc, methodology));
        assertThat(api.post("/api/v1/methodology/drafts/import", body).status()).isEqualTo(401);
        String token = api.newParticipantToken();
        var refused = api.post("/api/v1/methodology/drafts/import", body, "Authorization", ApiClient.bearer(token));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/methodology/drafts", "Authorization", ApiClient.bearer(token))
                        .status())
                .isEqualTo(403);

        String reviewerToken = api.token(author.email(), AccountFixtures.PASSWORD);
        var created =
                api.post("/api/v1/methodology/drafts/import", body, "Authorization", ApiClient.bearer(reviewerToken));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(api.get("/methodology/review").status()).isEqualTo(302);
    }

    @Test
    void anImportedArchiveIsAuthorisedBeforeItIsReadAndNeverInflatedWhole() throws IOException {
        var api = new ApiClient(port);
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("factors.csv"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 40; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        byte[] bomb = bytes.toByteArray();
        assertThat(bomb.length).isLessThan(200 * 1024);

        String participant = api.newParticipantToken();
        var refused = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/methodology/drafts/import"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)),
                "Authorization",
                ApiClient.bearer(participant),
                "Content-Type",
                "application/zip");
        assertThat(refused.status())
                .as("a participant is refused before anything is parsed")
                .isEqualTo(403);

        String reviewer = api.token(author.email(), AccountFixtures.PASSWORD);
        var bombed = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/methodology/drafts/import"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)),
                "Authorization",
                ApiClient.bearer(reviewer),
                "Content-Type",
                "application/zip",
                "Accept-Language",
                "en");
        assertThat(bombed.status()).isEqualTo(422);
        assertThat(bombed.json().get("type").asString()).isEqualTo("/problems/methodology-archive-too-large");
        assertThat(bombed.json().get("detail").asString()).contains("100 times");
    }
}
