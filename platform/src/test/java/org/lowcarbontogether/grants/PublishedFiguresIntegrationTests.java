package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The differencing attacks that exposed small groups, tried against a programme with published months: free date ranges
 * (to=D minus to=D-1), a region narrowed to a day, totals minus the lines shown, a small project's figures, and reading
 * the same month before and after a late record. None may reveal a group of fewer than ten people.
 */
@IntegrationTest
class PublishedFiguresIntegrationTests extends ProgrammeScenario {

    @Autowired
    Recording recording;

    @Autowired
    Participation participation;

    static final int MINIMUM = 10;

    /** The last month published today: its end plus the 30-day recording window has passed. */
    static YearMonth published() {
        LocalDate today = LocalDate.now(CST);
        YearMonth month = YearMonth.from(today);
        while (!month.atEndOfMonth().plusDays(30).isBefore(today)) {
            month = month.minusMonths(1);
        }
        return month;
    }

    record Programme(
            Setup setup, String project, String community, String smallProject, YearMonth first, YearMonth second) {}

    /**
     * Two published months of a programme: in the first, 12 people in Guangdong and one in Beijing; in the second, 11 in
     * Guangdong and two in Shanghai. A second, small project has three people.
     */
    Programme programmeWithPublishedMonths() {
        YearMonth second = published();
        YearMonth first = second.minusMonths(1);
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String project = award(setup, apply(setup, ngo, "Neighbourhood circles"), first.atDay(1));
        String community = community(ngo, project);
        Org small = organisers.organisation(Organisations.Kind.NGO);
        String smallProject = award(setup, apply(setup, small, "A small circle"), first.atDay(1));
        String smallCommunity = community(small, smallProject);

        var cases = new ArrayList<Object[]>();
        for (int i = 0; i < 12; i++) {
            cases.add(new Object[] {first, "CN-GD", community});
        }
        cases.add(new Object[] {first, "CN-BJ", community});
        for (int i = 0; i < 11; i++) {
            cases.add(new Object[] {second, "CN-GD", community});
        }
        cases.add(new Object[] {second, "CN-SH", community});
        cases.add(new Object[] {second, "CN-SH", community});
        for (int i = 0; i < 3; i++) {
            cases.add(new Object[] {second, "CN-GD", smallCommunity});
        }
        for (Object[] c : cases) {
            Person person = organisers.person();
            participation.joinSince(
                    Participation.Scope.community(UUID.fromString((String) c[2])),
                    person.id(),
                    null,
                    first.atDay(1).atStartOfDay(CST).toInstant());
            importRecord(person, ((YearMonth) c[0]).atDay(10), (String) c[1], "4");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                        select coalesce(sum(behaviours), 0) from rollup_key where rollup_kind = 'PROGRAMME' and rollup_id = :id
                          and key_kind = 'ALL'""")
                                .param("id", setup.programme())
                                .query(Long.class)
                                .single()
                        == 29);
        return new Programme(setup, project, community, smallProject, first, second);
    }

    private String community(Org ngo, String project) {
        String community = api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"Circle","kind":"NEIGHBOURHOOD","visibility":"PUBLIC"}""".formatted(ngo.id()),
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
        return community;
    }

    private void importRecord(Person person, LocalDate day, String region, String km) {
        recording.submitInTransaction(
                person.id(),
                UUID.randomUUID().toString(),
                new RecordSubmission(
                        "BUS_INSTEAD_OF_CAR",
                        new BigDecimal(km),
                        "km",
                        OffsetDateTime.of(day.atTime(9, 0), CST),
                        region,
                        null,
                        null,
                        null,
                        null),
                Recording.Channel.IMPORT);
    }

    @Test
    void freeDateRangesAreRefusedSoDayByDayDifferencesCannotBeTaken() {
        Programme p = programmeWithPublishedMonths();
        String base = "/api/v1/open-data/programmes/" + p.setup().programme() + "/impact?by=REGION";
        LocalDate day = p.second().atDay(10);
        assertThat(api.get(base + "&from=" + p.first().atDay(1) + "&to=" + day).status())
                .isEqualTo(422);
        assertThat(api.get(base + "&from=" + p.first().atDay(1) + "&to=" + day.minusDays(1))
                        .status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/programmes/" + p.setup().programme() + "/impact?region=CN-SH&to=" + day)
                        .status())
                .isEqualTo(422);
        // The page ignores a free period for the public and says so.
        assertThat(api.get("/programmes/" + p.setup().programme() + "?region=CN-GD&to=" + day)
                        .body())
                .contains("id=\"published-through\"");
        // The office still sees any period, live.
        assertThat(api.get(
                                base + "&from=" + p.first().atDay(1) + "&to=" + day,
                                "Authorization",
                                p.setup().officer().bearer())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void noPublishedCellDescribesFewerThanTenPeopleNorCanOneBeWorkedOut() {
        Programme p = programmeWithPublishedMonths();
        String base = "/api/v1/open-data/programmes/" + p.setup().programme() + "/impact";

        // Every table the public can ask for, with its totals.
        var tables = new HashMap<String, JsonNode>();
        tables.put("MONTH", api.get(base + "?by=MONTH").json());
        for (String by : List.of("REGION", "CATEGORY", "EVIDENCE")) {
            tables.put(by, api.get(base + "?by=" + by).json());
            for (YearMonth month : List.of(p.first(), p.second())) {
                tables.put(
                        by + "@" + month,
                        api.get(base + "?by=" + by + "&month=" + month).json());
            }
        }
        JsonNode total = api.get("/api/v1/programmes/" + p.setup().programme() + "/impact")
                .json()
                .get("figures");
        assertThat(total.get("participants").asLong()).isEqualTo(29);
        tables.values()
                .forEach(t -> t.valueStream()
                        .filter(l -> !l.get("suppressed").asBoolean())
                        .forEach(l -> assertThat(l.get("participants").asLong())
                                .as(l.toString())
                                .isGreaterThanOrEqualTo(MINIMUM)));
        assertThat(tables.get("REGION")
                        .valueStream()
                        .filter(l -> l.get("key").asString().equals("CN-BJ"))
                        .findFirst()
                        .orElseThrow()
                        .get("suppressed")
                        .asBoolean())
                .isTrue();

        // Every additive relation of the published tables: none may have exactly one unknown.
        var relations = new ArrayList<List<Figure>>();
        Figure grand = new Figure("ALL", total.get("behaviours").asLong());
        relations.add(with(grand, tables.get("MONTH")));
        for (String by : List.of("REGION", "CATEGORY", "EVIDENCE")) {
            relations.add(with(grand, tables.get(by)));
            Map<String, List<Figure>> columns = new HashMap<>();
            for (YearMonth month : List.of(p.first(), p.second())) {
                JsonNode monthLine = tables.get("MONTH")
                        .valueStream()
                        .filter(l -> l.get("key").asString().equals(month.toString()))
                        .findFirst()
                        .orElseThrow();
                relations.add(with(figure(monthLine), tables.get(by + "@" + month)));
                tables.get(by + "@" + month)
                        .valueStream()
                        .forEach(l -> columns.computeIfAbsent(l.get("key").asString(), k -> new ArrayList<>())
                                .add(figure(l)));
            }
            columns.forEach((key, cells) -> {
                JsonNode column = tables.get(by)
                        .valueStream()
                        .filter(l -> l.get("key").asString().equals(key))
                        .findFirst()
                        .orElseThrow();
                var relation = new ArrayList<Figure>();
                relation.add(figure(column));
                relation.addAll(cells);
                relations.add(relation);
            });
        }
        for (var relation : relations) {
            assertThat(relation.stream().filter(f -> f.value() == null).count())
                    .as("unknowns in %s", relation)
                    .isNotEqualTo(1);
        }
    }

    @Test
    void aSmallProjectIsWithheldAndAPublishedMonthDoesNotMoveWhenALateRecordArrives() {
        Programme p = programmeWithPublishedMonths();
        assertThat(api.get("/api/v1/projects/" + p.smallProject() + "/impact").status())
                .as("three people")
                .isEqualTo(204);
        assertThat(api.get("/api/v1/projects/" + p.project() + "/impact")
                        .json()
                        .get("participants")
                        .asLong())
                .isEqualTo(26);
        assertThat(api.get("/projects/" + p.smallProject()).body()).contains("id=\"project-withheld\"");

        String openData = "/api/v1/open-data/programmes/" + p.setup().programme() + "/impact?by=MONTH";
        String before = api.get(openData).body();
        Person late = organisers.person();
        participation.joinSince(
                Participation.Scope.community(UUID.fromString(p.community())),
                late.id(),
                null,
                p.first().atDay(1).atStartOfDay(CST).toInstant());
        importRecord(late, p.second().atDay(20), "CN-XZ", "7");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                        select coalesce(sum(behaviours), 0) from rollup_key where rollup_kind = 'PROGRAMME' and rollup_id = :id
                          and key_kind = 'ALL'""")
                                .param("id", p.setup().programme())
                                .query(Long.class)
                                .single()
                        == 30);
        sleep();
        assertThat(api.get(openData).body())
                .as("a published release does not move")
                .isEqualTo(before);
    }

    record Figure(String key, Long value) {}

    private static Figure figure(JsonNode line) {
        return new Figure(
                line.get("key").asString(),
                line.get("suppressed").asBoolean()
                        ? null
                        : line.get("behaviours").asLong());
    }

    private static List<Figure> with(Figure total, JsonNode lines) {
        var relation = new ArrayList<Figure>();
        relation.add(total);
        lines.valueStream().map(PublishedFiguresIntegrationTests::figure).forEach(relation::add);
        return relation;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
