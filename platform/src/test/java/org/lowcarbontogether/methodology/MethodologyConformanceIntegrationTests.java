package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform computes exactly what the methodology library computes: every case of the library's conformance file
 * gives the expected result through the platform's methodology service (what recording, events and partners call) and
 * through its public calculation API; and the platform serves the library's schema and conformance file as they are.
 */
@IntegrationTest
class MethodologyConformanceIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Methodology methodology;

    @Test
    void servesTheLibrarysSchemaAndConformanceFile() {
        var api = new ApiClient(port);
        var schema = api.get("/api/v1/methodology/schema.json");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.header("Content-Type")).startsWith("application/schema+json");
        assertThat(schema.body()).isEqualTo(LowCarbonMethodology.schema());

        var conformance = api.get("/api/v1/methodology/conformance.json");
        assertThat(conformance.status()).isEqualTo(200);
        assertThat(conformance.body()).isEqualTo(LowCarbonMethodology.conformance());

        assertThat(api.get("/methodology/versions/1.3.0").body())
                .contains("/api/v1/methodology/schema.json", "/api/v1/methodology/conformance.json");
    }

    @Test
    void theMethodologyServiceGivesTheExpectedResultForEveryConformanceCase() {
        var document = Conformance.read(LowCarbonMethodology.conformance());
        for (var version : document.versions()) {
            assertThat(methodology.published(version.version()))
                    .as("version %s is published on the platform with the library's content", version.version())
                    .hasValueSatisfying(p -> assertThat(p.contentHash()).isEqualTo(version.contentHash()));
        }

        assertThat(Conformance.differences(
                        document,
                        (version, input) ->
                                methodology.calculate(version, input).orElseThrow()))
                .isEmpty();
    }

    @Test
    void theCalculationApiGivesTheExpectedResultForEveryConformanceCase() {
        var api = new ApiClient(port);
        var document = Conformance.read(LowCarbonMethodology.conformance());
        var differences = new ArrayList<String>();
        int cases = 0;
        for (var version : document.versions()) {
            for (var c : version.cases()) {
                cases++;
                var input = c.input();
                var request = new LinkedHashMap<String, Object>();
                request.put("behaviour", input.behaviour());
                request.put("quantity", input.quantity());
                request.put("unit", input.unit());
                request.put("occurredAt", input.occurredOn().toString());
                if (input.region() != null) {
                    request.put("region", input.region());
                }
                request.put("parameters", input.parameters());
                request.put("version", version.version());
                var response = api.post("/api/v1/calculations", JSON.writeValueAsString(request));
                var expected = c.expected();
                String label = version.version() + " " + c.id();
                if (expected.credited()
                        || !Calculation.Reason.valueOf(expected.reason()).invalidInput()) {
                    if (response.status() != 200) {
                        differences.add(label + ": status " + response.status() + " " + response.body());
                        continue;
                    }
                    var actual = expected(response.json());
                    // The API names the reason for no credit, not the field: no credit compares by reason.
                    boolean same = expected.credited()
                            ? actual.equals(expected)
                            : !actual.credited()
                                    && String.valueOf(expected.reason()).equals(actual.reason());
                    if (!same) {
                        differences.add(label + ": expected " + expected + ", got " + actual);
                    }
                } else if (response.status() != 422 || !response.body().contains(String.valueOf(expected.field()))) {
                    // Invalid input is refused before any arithmetic, naming the field the library names.
                    differences.add(label + ": expected a refusal naming " + expected.field() + ", got "
                            + response.status() + " " + response.body());
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
        assertThat(differences).isEmpty();
    }

    /** The API's answer in the conformance file's terms. */
    private static Conformance.Expected expected(JsonNode response) {
        if (response.get("reductionGrams").isNull()) {
            return new Conformance.Expected(
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    response.get("reason").asString(),
                    null);
        }
        List<String> factors = response.get("factors")
                .valueStream()
                .map(f -> f.get("id").asString())
                .toList();
        List<String> flags =
                response.get("flags").valueStream().map(JsonNode::asString).toList();
        return new Conformance.Expected(
                true,
                response.get("baselineGrams").asLong(),
                response.get("projectGrams").asLong(),
                response.get("reductionGrams").asLong(),
                response.get("uncertainty").get("lowGrams").asLong(),
                response.get("uncertainty").get("highGrams").asLong(),
                factors,
                flags,
                null,
                null);
    }
}
