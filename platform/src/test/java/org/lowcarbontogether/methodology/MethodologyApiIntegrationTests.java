package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class MethodologyApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Methodology methodology;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void listsVersionsAndMarksTheCurrentOne() {
        JsonNode versions = api.get("/api/v1/methodology").json();
        assertThat(versions.findValuesAsString("version")).contains("1.0.0", "1.1.0");
        assertThat(versions.valueStream()
                        .filter(v -> v.get("current").asBoolean())
                        .map(v -> v.get("version").asString()))
                .containsExactly(methodology.current().version());
    }

    @Test
    void version130GovernsFromItsDayOnAndEarlierDaysKeepTheirVersion() {
        assertThat(methodology.current().version()).isEqualTo("1.3.0");
        assertThat(methodology.inEffectOn(java.time.LocalDate.of(2026, 12, 7)))
                .as("1.2.0 and 1.3.0 share the day; the higher number governs it")
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo("1.3.0"));
        assertThat(methodology.inEffectOn(java.time.LocalDate.of(2026, 12, 6)))
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo("1.1.0"));
        assertThat(methodology.inEffectOn(java.time.LocalDate.of(2026, 6, 1)))
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo("1.0.0"));
        assertThat(methodology.inEffectOn(java.time.LocalDate.of(2025, 12, 31))).isEmpty();

        JsonNode document = api.get("/api/v1/methodology/1.3.0").json();
        assertThat(document.get("productBaselines").findValuesAsString("category"))
                .contains("CLOTHING", "HOUSEHOLD_APPLIANCES");
        assertThat(api.get("/api/v1/methodology/1.2.0").json().has("productBaselines"))
                .as("earlier documents are stored as they were published")
                .isFalse();
        JsonNode diff = api.get("/api/v1/methodology/diff?from=1.2.0&to=1.3.0").json();
        assertThat(diff.get("productBaselines").findValuesAsString("id")).hasSize(7);
        assertThat(diff.get("behaviours").findValuesAsString("id"))
                .containsExactlyInAnyOrder("CYCLE_INSTEAD_OF_TAXI", "CYCLE_INSTEAD_OF_BUS", "CYCLE_INSTEAD_OF_METRO");

        var page = api.get("/methodology/versions/1.3.0");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"product-baselines\"", "22.31", "EF-CLOTHING-PRIMARY-GB-2025");
    }

    @Test
    void exportsAWholeVersionAsJsonAndAsCsvTables() throws Exception {
        var json = api.get("/api/v1/methodology/1.1.0");
        assertThat(json.status()).isEqualTo(200);
        assertThat(MethodologyDocuments.read(json.body()))
                .isEqualTo(methodology.version("1.1.0").orElseThrow());

        var zip = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/methodology/1.1.0/csv"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("lct-1.1.0-csv.zip");
        assertThat(MethodologyCsv.read(new ByteArrayInputStream(zip.body())))
                .isEqualTo(methodology.version("1.1.0").orElseThrow());

        assertThat(api.get("/api/v1/methodology/9.9.9").status()).isEqualTo(404);
    }

    @Test
    void calculatesWithoutSideEffects() {
        var response = api.post("/api/v1/calculations", """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":12,"unit":"km","occurredAt":"2026-11-20","region":"CN-GD"}""");
        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("reductionGrams").asLong()).isEqualTo(1673);
        assertThat(result.get("baselineGrams").asLong()).isEqualTo(2007);
        assertThat(result.get("projectGrams").asLong()).isEqualTo(334);
        assertThat(result.get("uncertainty").get("lowGrams").asLong()).isLessThan(1673);
        assertThat(result.get("methodology").get("version").asString())
                .isEqualTo(methodology.current().version());
        assertThat(result.get("factors").size()).isEqualTo(2);
        assertThat(result.get("steps").size()).isGreaterThanOrEqualTo(5);
        assertThat(result.get("reason").isNull()).isTrue();

        var pinned = api.post("/api/v1/calculations", """
                {"behaviour":"ELECTRICITY_SAVED","quantity":1,"unit":"kWh","occurredAt":"2022-06-01T10:00:00+08:00","region":"CN-GD","version":"1.0.0"}""").json();
        assertThat(pinned.get("methodology").get("version").asString()).isEqualTo("1.0.0");
        assertThat(pinned.get("factors").get(0).get("year").asInt()).isEqualTo(2022);
    }

    @Test
    void noCreditIsNullWithAReasonNeverZero() {
        JsonNode missing = api.post("/api/v1/calculations", """
                {"behaviour":"HOME_ELECTRICITY_BELOW_BASELINE","quantity":1,"unit":"day","occurredAt":"2026-11-20","region":"CN-GD"}""").json();
        assertThat(missing.get("reductionGrams").isNull()).isTrue();
        assertThat(missing.get("reason").asString()).isEqualTo("MISSING_INPUT");
        assertThat(missing.get("detail").asString()).isEqualTo("perCapitaBaselineKwh");

        JsonNode noFactor = api.post("/api/v1/calculations", """
                {"behaviour":"ELECTRICITY_SAVED","quantity":1,"unit":"kWh","occurredAt":"2015-01-01"}""").json();
        assertThat(noFactor.get("reductionGrams").isNull()).isTrue();
        assertThat(noFactor.get("reason").asString()).isEqualTo("NO_FACTOR");

        var incomplete = api.post("/api/v1/calculations", "{\"behaviour\":\"METRO_INSTEAD_OF_CAR\"}");
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json().get("errors").findValuesAsString("field"))
                .contains("quantity", "unit", "occurredAt");
    }

    @Test
    void filtersFactorsByRegionYearAndCategory() {
        JsonNode south =
                api.get("/api/v1/factors?region=CN-GRID-SOUTH&year=2023").json();
        assertThat(south.size()).isPositive();
        assertThat(south.findValuesAsString("region")).containsOnly("CN-GRID-SOUTH");
        assertThat(south.valueStream().map(f -> f.get("year").asInt())).containsOnly(2023);

        JsonNode housing = api.get("/api/v1/factors?category=HOUSING").json();
        assertThat(housing.findValuesAsString("activity")).contains("electricity.grid_average");
        assertThat(housing.valueStream())
                .allSatisfy(f -> assertThat(f.get("categories").valueStream().map(JsonNode::asString))
                        .contains("HOUSING"));
    }

    @Test
    void diffsTwoVersions() {
        JsonNode diff = api.get("/api/v1/methodology/diff?from=1.0.0&to=1.1.0").json();
        assertThat(diff.get("behaviours").findValuesAsString("id")).contains("BIKE_SHARE_INSTEAD_OF_CAR");
    }

    @Test
    void methodologyPagesRenderInBothLanguages() {
        for (String path : new String[] {
            "/methodology/principles",
            "/methodology/factors?region=CN&year=2023",
            "/methodology/versions/1.1.0",
            "/methodology/diff?from=1.0.0&to=1.1.0",
            "/methodology/behaviours/EV_INSTEAD_OF_PETROL_CAR"
        }) {
            var en = api.get(path, "Accept-Language", "en");
            var zh = api.get(path, "Accept-Language", "zh-CN");
            assertThat(en.status()).as(path).isEqualTo(200);
            assertThat(zh.status()).as(path).isEqualTo(200);
            assertThat(zh.body()).as(path).contains("低碳同行");
        }
        var fragment = api.get("/methodology/factors?q=metro", "HX-Request", "true");
        assertThat(fragment.body()).contains("EF-METRO-GB-2025").doesNotContain("<html");

        var calculator = api.get(
                "/methodology/behaviours/ELECTRICITY_SAVED/calculate?version=1.1.0&quantity=3&unit=kWh&region=CN-GD&date=2026-11-20");
        assertThat(calculator.body()).contains("1,212 g CO2e").contains("CN-GRID-SOUTH");
        var missing = api.get(
                "/methodology/behaviours/EV_INSTEAD_OF_PETROL_CAR/calculate?version=1.1.0&quantity=3&unit=km",
                "Accept-Language",
                "en");
        assertThat(missing.body()).contains("unknown is never counted as zero");
    }
}
