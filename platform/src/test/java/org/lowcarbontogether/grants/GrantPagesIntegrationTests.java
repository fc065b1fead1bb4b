package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** The programme's pages: dashboard, summary (HTML and PDF), exports, and who may open the office and applications. */
@IntegrationTest
class GrantPagesIntegrationTests extends OrganiserScenario {

    Person officer;
    Org ngo;
    String programme;
    String application;

    @BeforeEach
    void setUp() {
        Person admin = organisers.person(Role.ADMIN);
        officer = organisers.person();
        var office = organisations.create("Office " + UUID.randomUUID(), Organisations.Kind.COALITION);
        programme = api.post("/api/v1/programmes", """
                {"name":"Green steps programme","description":"Small grants for low-carbon living.","organisationId":"%s"}""".formatted(office.id()), "Authorization", admin.bearer())
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/programmes/" + programme + "/officers",
                "{\"email\":\"" + officer.user().email() + "\"}",
                "Authorization",
                admin.bearer());
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        String call = api.post(
                        "/api/v1/programmes/" + programme + "/calls",
                        """
                {"title":"Autumn call","budgetFen":5000000,"maxGrantFen":2000000,"opensOn":"%s","closesOn":"%s",
                 "criteria":[{"name":"Impact","weight":100}]}""".formatted(today, today.plusDays(10)),
                        "Authorization",
                        officer.bearer())
                .json()
                .get("id")
                .asString();
        ngo = organisers.organisation(Organisations.Kind.NGO);
        application = api.post(
                        "/api/v1/calls/" + call + "/applications",
                        """
                {"organisationId":"%s","title":"Repair cafés","proposal":"Monthly repair cafés in four neighbourhoods.","requestedFen":1500000}""".formatted(ngo.id()),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"amountFen":1500000,"startsOn":"%s","endsOn":"%s","tranches":[{"amountFen":1500000,"dueOn":"%s"}]}""".formatted(today, today.plusMonths(6), today),
                "Authorization",
                officer.bearer());
        api.put("/api/v1/programmes/" + programme + "/summary", """
                {"keyFindings":"Repair cafés keep people coming back.","recommendations":"Fund neighbourhood repair spaces."}""", "Authorization", officer.bearer());
    }

    byte[] bytes(String path, String language) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + path))
                                .header("Accept-Language", language)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void theDashboardAndSummaryArePublicInBothLanguages() {
        var dashboard = api.get("/programmes/" + programme, "Accept-Language", "en");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body())
                .contains("Green steps programme", "Repair cafés", "id=\"province-map\"", "id=\"not-published-yet\"");
        var officerWeb = new WebSession(port).signIn(officer.user().email(), AccountFixtures.PASSWORD);
        assertThat(officerWeb.get("/programmes/" + programme).body())
                .as("the office sees live figures")
                .contains("id=\"fig-potential\"", "id=\"partner-contributions\"", "Live figures from")
                .doesNotContain("id=\"publication\"");
        var summary = api.get("/programmes/" + programme + "/summary", "Accept-Language", "zh-CN");
        assertThat(summary.body()).contains("执行摘要", "主要产出", "政策建议", "Fund neighbourhood repair spaces.");
        assertThat(api.get("/impact/definitions", "Accept-Language", "en").body())
                .contains("Potential continuing annual reduction");
        assertThat(api.get("/programmes", "Accept-Language", "zh-CN").body()).contains("小额资助计划", "Autumn call");
    }

    @Test
    void theSummaryPdfCarriesTheProgrammesFiguresAndFindings() throws Exception {
        try (var reader = new PdfReader(bytes("/programmes/" + programme + "/summary.pdf", "en"))) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text)
                    .contains("Main outputs", "Repair cafés keep people coming back.", "Policy recommendations");
        }
        // In Chinese, in the font the platform embeds, on numbered pages.
        try (var reader = new PdfReader(bytes("/programmes/" + programme + "/summary.pdf", "zh-CN"))) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("主要产出", "第 1 页，共");
            assertThat(text).doesNotContain("Main outputs");
        }
    }

    @Test
    void everyTableBehindAChartExportsAsCsvAndXlsx() throws Exception {
        for (String table : List.of("months", "categories", "regions", "evidence", "projects")) {
            String csv = new String(
                    bytes("/programmes/" + programme + "/export/" + table + ".csv", "en"), StandardCharsets.UTF_8);
            assertThat(csv.lines().findFirst().orElse("")).as(table).contains("behaviours");
            try (var workbook = new XSSFWorkbook(
                    new ByteArrayInputStream(bytes("/programmes/" + programme + "/export/" + table + ".xlsx", "en")))) {
                assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                        .isNotBlank();
            }
        }
        String projects =
                new String(bytes("/programmes/" + programme + "/export/projects.csv", "en"), StandardCharsets.UTF_8);
        assertThat(projects).contains("Repair cafés", "15000.00");
        String partners =
                new String(bytes("/programmes/" + programme + "/export/partners.csv", "en"), StandardCharsets.UTF_8);
        assertThat(partners.lines().findFirst().orElse(""))
                .isEqualTo(
                        "partner,scenario,sent,credited,held,refused,reversed,refusal_rate,grams_credited,participants");
    }

    @Test
    void theOfficeIsForItsOfficersAndAnApplicationForThoseItConcerns() {
        var officerWeb = new WebSession(port).signIn(officer.user().email(), AccountFixtures.PASSWORD);
        assertThat(officerWeb.get("/programmes/" + programme + "/office").body())
                .contains("Autumn call", "Repair cafés");
        assertThat(officerWeb.get("/applications/" + application).body()).contains("id=\"officer\"");
        var applicantWeb = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(applicantWeb.get("/programmes/" + programme + "/office").status())
                .isEqualTo(403);
        var applicantView = applicantWeb.get("/applications/" + application);
        assertThat(applicantView.body()).contains("Awarded").doesNotContain("id=\"officer\"");
        var stranger = organisers.person(Role.REVIEWER);
        var strangerWeb = new WebSession(port).signIn(stranger.user().email(), AccountFixtures.PASSWORD);
        assertThat(strangerWeb.get("/applications/" + application).status()).isEqualTo(404);
        assertThat(strangerWeb
                        .post(
                                "/programmes/" + programme + "/potential",
                                Map.of("minWeeks", "2", "windowWeeks", "4", "persistence", "0.5"))
                        .status())
                .isEqualTo(403);
    }
}
