package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.reporting.PotentialModels;
import org.lowcarbontogether.stories.Reach;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The potential models where the programme shows them: a published release keeps the model version it was published
 * with when a new version arrives; every executive-summary figure recounted by independent SQL over the ledger and the
 * story counters; the auditor's bundle holds what it says, with the page's figures.
 */
@IntegrationTest
class PotentialModelsIntegrationTests extends ProgrammeScenario {

    @Autowired
    Recording recording;

    @Autowired
    Participation participation;

    @Autowired
    PotentialModels models;

    @Autowired
    ProgrammeImpact impact;

    @Autowired
    Reach reach;

    @Autowired
    JsonMapper json;

    record Fixture(Setup setup, List<UUID> people, String story, YearMonth month) {}

    /** The last month published today: its end plus the 30-day recording window has passed. */
    static YearMonth published() {
        LocalDate today = LocalDate.now(CST);
        YearMonth month = YearMonth.from(today);
        while (!month.atEndOfMonth().plusDays(30).isBefore(today)) {
            month = month.minusMonths(1);
        }
        return month;
    }

    /**
     * One project whose community has 12 people, each with one bus trip on the 10th of the last published month (6 of
     * 4 km, 6 of 6 km), and one published story viewed by 5 visitors and shared by 2 today.
     */
    Fixture fixture() {
        YearMonth month = published();
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String project = award(setup, apply(setup, ngo, "Bus circles"), month.atDay(1));
        String community = api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"Bus circle","kind":"NEIGHBOURHOOD","visibility":"PUBLIC"}""".formatted(ngo.id()),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/links",
                                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + community + "\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(200);
        var people = new ArrayList<UUID>();
        for (int i = 0; i < 12; i++) {
            Person person = organisers.person();
            people.add(person.id());
            participation.joinSince(
                    Participation.Scope.community(UUID.fromString(community)),
                    person.id(),
                    null,
                    month.atDay(1).atStartOfDay(CST).toInstant());
            recording.submitInTransaction(
                    person.id(),
                    UUID.randomUUID().toString(),
                    new RecordSubmission(
                            "BUS_INSTEAD_OF_CAR",
                            new BigDecimal(i % 2 == 0 ? "4" : "6"),
                            "km",
                            OffsetDateTime.of(month.atDay(10).atTime(9, 0), CST),
                            "CN-GD",
                            null,
                            null,
                            null,
                            null),
                    Recording.Channel.IMPORT);
        }
        Person author = organisers.person();
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", author.bearer());
        String story = api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"A month on the bus","body":"Twelve neighbours left the car at home and took the bus."}""", "Authorization", author.bearer())
                .json()
                .get("id")
                .asString();
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":true}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(reach.count(UUID.fromString(story), Reach.Kind.VIEW, "visitor-" + story + "-" + i))
                    .isTrue();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(reach.count(UUID.fromString(story), Reach.Kind.SHARE, "visitor-" + story + "-" + i))
                    .isTrue();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                        select coalesce(sum(behaviours), 0) from rollup_key where rollup_kind = 'PROGRAMME' and rollup_id = :id
                          and key_kind = 'ALL'""")
                                .param("id", setup.programme())
                                .query(Long.class)
                                .single()
                        == 12);
        return new Fixture(setup, people, story, month);
    }

    @Test
    void aPublishedFigureKeepsTheModelVersionItWasPublishedWith() {
        var f = fixture();
        var before = impact.publicView(f.setup().programme(), null, null, null, null);
        var published = before.models();
        assertThat(published).isNotNull();
        assertThat(published.version()).isEqualTo("lct-potential-1");
        // nothing is viewed in the published months (the story was read today): 0 hits, so 0 g under every scenario
        assertThat(published.inputs().platformHits()).isZero();

        var later = new PotentialModels.Version(
                "test-potential-later",
                LocalDate.of(2099, 1, 1),
                List.of(new PotentialModels.Model(
                        "REACH",
                        "hits × 1 kg",
                        List.of(new PotentialModels.Parameter(
                                "kgPerAdopter",
                                "kg CO2e/yr",
                                BigDecimal.ONE,
                                BigDecimal.ONE,
                                BigDecimal.ONE,
                                PotentialModels.Basis.ASSUMPTION,
                                "Assumption: a test version")))));
        models.add(later);
        try {
            var after = impact.publicView(f.setup().programme(), null, null, null, null);
            assertThat(after.models()).as("the release keeps its models").isEqualTo(published);

            // the office's live view uses the new version: 5 views + 2 shares = 7 hits × 1 kg = 7,000 g
            var live = impact.view(
                    f.setup().programme(), impact.defaultPeriod(f.setup().programme(), today()));
            assertThat(live.models()).isNotNull();
            assertThat(live.models().version()).isEqualTo("test-potential-later");
            assertThat(live.models().of("REACH").central()).isEqualTo(7_000L);
        } finally {
            models.remove(later.id());
        }
        // and under the bundled version again: 7 × 0.5 × 0.05 × 15 kg = 2.625 kg = 2,625 g
        var live = impact.view(
                f.setup().programme(), impact.defaultPeriod(f.setup().programme(), today()));
        assertThat(live.models().version()).isEqualTo("lct-potential-1");
        assertThat(live.models().of("REACH").central()).isEqualTo(2_625L);
    }

    @Test
    void everySummaryFigureMatchesAnIndependentCountOverTheLedger() {
        var f = fixture();
        var view = impact.view(
                f.setup().programme(), impact.defaultPeriod(f.setup().programme(), today()));
        var ledger = jdbc.sql("""
                        select count(*) filter (where kind = 'CREDIT') - count(*) filter (where kind = 'REVERSAL') as behaviours,
                            coalesce(sum(grams), 0) as grams, count(distinct user_id) as people
                        from ledger_entry where user_id in (:people)""")
                .param("people", f.people())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        assertThat(ledger[0]).isEqualTo(12);
        assertThat(view.figures().behaviours()).isEqualTo(ledger[0]);
        assertThat(view.figures().gramsRecorded()).isEqualTo(ledger[1]).isPositive();
        assertThat(view.figures().participants()).isEqualTo(ledger[2]);
        var counted = jdbc.sql(
                        "select coalesce(sum(views), 0), coalesce(sum(shares), 0) from story_reach_daily where story_id = :s")
                .param("s", UUID.fromString(f.story()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        assertThat(counted).containsExactly(5, 2);
        assertThat(view.figures().reach().views()).isEqualTo(counted[0]);
        assertThat(view.figures().reach().shares()).isEqualTo(counted[1]);
        assertThat(view.models().inputs().platformHits()).isEqualTo(counted[0] + counted[1]);

        // the page shows the same figures
        var web = new WebSession(port).signIn(f.setup().officer().user().email(), AccountFixtures.PASSWORD);
        String page = web.get("/programmes/" + f.setup().programme() + "/summary", "en")
                .body();
        assertThat(page)
                .contains(
                        "12 low-carbon behaviours recorded and credited",
                        "12 people took part",
                        "7 hits: 5 views and 2 shares",
                        ReportedImpactText.tonnes(ledger[1]) + " t CO2e direct reduction as recorded",
                        "lct-potential-1",
                        "id=\"potential-models\"",
                        // 4,000,000 × 0.5 × 0.05 × 15 kg = 1,500 t central; × 0.8 × 0.21 × 100 kg = 67,200 t high
                        "at the 4,000,000 hits the programme’s first phase reported",
                        "1,500 t central and 67,200 t high");
    }

    @Test
    void theBundleHoldsWhatItSaysAndItsFiguresMatchThePage() throws Exception {
        var f = fixture();
        var web = new WebSession(port).signIn(f.setup().officer().user().email(), AccountFixtures.PASSWORD);
        byte[] zip = web.bytes("/programmes/" + f.setup().programme() + "/bundle.zip", "en");
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(files.keySet())
                .containsExactly(
                        "README.txt",
                        "executive-summary-en.pdf",
                        "executive-summary-zh.pdf",
                        "tables.xlsx",
                        "methodology.json",
                        "potential-models.json",
                        "definitions.txt");
        try (var reader = new PdfReader(files.get("executive-summary-en.pdf"))) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("Main outputs", "12 low-carbon behaviours recorded and credited");
        }
        try (var reader = new PdfReader(files.get("executive-summary-zh.pdf"))) {
            assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("主要产出");
        }
        var view = impact.view(
                f.setup().programme(), impact.defaultPeriod(f.setup().programme(), today()));
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(files.get("tables.xlsx")))) {
            var figures = new LinkedHashMap<String, String>();
            for (var row : workbook.getSheet("figures")) {
                var value = row.getCell(1);
                figures.put(
                        row.getCell(0).getStringCellValue(),
                        value.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                                ? String.valueOf((long) value.getNumericCellValue())
                                : value.getStringCellValue());
            }
            assertThat(figures)
                    .containsEntry("behaviours", "12")
                    .containsEntry(
                            "grams_recorded", String.valueOf(view.figures().gramsRecorded()))
                    .containsEntry("participants", "12")
                    .containsEntry("hits", "7");
            var potential = workbook.getSheet("potential");
            var reachRow = potential.getRow(potential.getLastRowNum());
            assertThat(reachRow.getCell(1).getStringCellValue()).isEqualTo("REACH");
            // 7 hits × 0.5 × 0.05 × 15 kg = 2,625 g central; the page's figure
            assertThat((long) reachRow.getCell(3).getNumericCellValue())
                    .isEqualTo(view.models().of("REACH").central())
                    .isEqualTo(2_625L);
            assertThat(workbook.getSheet("sensitivity").getLastRowNum()).isGreaterThanOrEqualTo(3);
        }
        var methodologies = json.readTree(new String(files.get("methodology.json"), StandardCharsets.UTF_8));
        String used = jdbc.sql("select distinct methodology_version from ledger_entry where user_id in (:people)")
                .param("people", f.people())
                .query(String.class)
                .single();
        assertThat(methodologies.toString()).contains("\"" + used + "\"");
        assertThat(new String(files.get("potential-models.json"), StandardCharsets.UTF_8))
                .contains("lct-potential-1", "adoptionRate", "Beijing MaaS");
        assertThat(new String(files.get("definitions.txt"), StandardCharsets.UTF_8))
                .contains("Potential models, side by side", "潜在减排模型并列");

        var stranger = organisers.person();
        var strangerWeb = new WebSession(port).signIn(stranger.user().email(), AccountFixtures.PASSWORD);
        assertThat(strangerWeb
                        .get("/programmes/" + f.setup().programme() + "/bundle.zip")
                        .status())
                .isEqualTo(403);
        // the office's side-by-side view lists the programme with the same figures
        String compared = web.get("/office/programmes", "en").body();
        assertThat(compared).contains("compared-" + f.setup().programme(), "bundle.zip");
    }

    private static LocalDate today() {
        return LocalDate.now(CST);
    }

    /** Tonnes as the pages print them (3 decimals, thousands grouped). */
    private static final class ReportedImpactText {
        static String tonnes(long grams) {
            return org.lowcarbontogether.shared.CarbonQuantity.ofGrams(grams).tonnesText(3);
        }
    }
}
