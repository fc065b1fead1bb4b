package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed conformance file is what the generator makes from the bundled catalogue (regenerate it with
 * {@code ./mvnw -pl methodology-library test -Dtest=ConformanceTests -Dlct.conformance.write=true}), and the library
 * conforms to it.
 */
class ConformanceTests {

    /** The committed file, relative to this module's directory (where the tests run). */
    private static final Path COMMITTED = Path.of("src/main/resources" + LowCarbonMethodology.CONFORMANCE);

    @Test
    void theCommittedFileIsWhatTheGeneratorMakes() throws IOException {
        String generated = Conformance.write(Conformance.generate(LowCarbonMethodology.versions()));
        if (Boolean.getBoolean("lct.conformance.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(LowCarbonMethodology.conformance().replace("\r\n", "\n"))
                .as("%s is stale: regenerate it with -Dlct.conformance.write=true and commit it", COMMITTED)
                .isEqualTo(generated);
    }

    @Test
    void theLibraryConformsToTheCommittedFile() {
        var document = Conformance.read(LowCarbonMethodology.conformance());

        assertThat(document.versions())
                .extracting(Conformance.VersionCases::version)
                .containsExactlyElementsOf(LowCarbonMethodology.versions().stream()
                        .map(MethodologyVersion::version)
                        .toList());
        assertThat(Conformance.differences(
                        document,
                        (version, input) ->
                                LowCarbonMethodology.calculate(version, input).orElseThrow()))
                .isEmpty();
    }

    @Test
    void everyBehaviourOfEveryVersionHasCreditedCases() {
        var document = Conformance.read(LowCarbonMethodology.conformance());
        for (var cases : document.versions()) {
            var version = LowCarbonMethodology.version(cases.version()).orElseThrow();
            assertThat(cases.contentHash()).isEqualTo(MethodologyDocuments.contentHash(version));
            for (var behaviour : version.behaviours()) {
                assertThat(cases.cases())
                        .as("%s %s", cases.version(), behaviour.code())
                        .anySatisfy(c -> {
                            assertThat(c.input().behaviour()).isEqualTo(behaviour.code());
                            assertThat(c.expected().credited()).isTrue();
                        });
            }
        }
    }

    @Test
    void aDifferentResultIsReported() {
        var document = Conformance.read(LowCarbonMethodology.conformance());
        var differences = Conformance.differences(document, (version, input) -> {
            var calculation = LowCarbonMethodology.calculate(version, input).orElseThrow();
            return calculation instanceof Calculation.Credited c
                            && c.behaviour().equals("WALK_INSTEAD_OF_CAR")
                    ? new Calculation.NotCredited(
                            c.methodologyCode(), c.methodologyVersion(), Calculation.Reason.NO_FACTOR, "", null)
                    : calculation;
        });
        assertThat(differences).isNotEmpty().allSatisfy(d -> assertThat(d).contains("WALK_INSTEAD_OF_CAR/"));
    }
}
