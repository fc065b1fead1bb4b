package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lowcarbontogether.methodology.MethodologyDiff.Kind;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;

/** Whole versions survive export and import unchanged, as JSON and as CSV tables; diffs name what changed. */
class MethodologyDocumentsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"/methodology/lct-1.0.0.json", "/methodology/lct-1.1.0.json", "/methodology/lct-1.3.0.json"})
    void jsonRoundTripGivesTheSameVersion(String resource) {
        MethodologyVersion version = MethodologyFixtures.read(resource);
        assertThat(MethodologyDocuments.read(MethodologyDocuments.write(version)))
                .isEqualTo(version);
        assertThat(MethodologyDocuments.read(MethodologyDocuments.writePretty(version)))
                .isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/methodology/lct-1.0.0.json", "/methodology/lct-1.1.0.json", "/methodology/lct-1.3.0.json"})
    void csvRoundTripGivesTheSameVersion(String resource) {
        MethodologyVersion version = MethodologyFixtures.read(resource);
        byte[] zip = MethodologyCsv.write(version);
        MethodologyVersion back = MethodologyCsv.read(new ByteArrayInputStream(zip));

        assertThat(back).isEqualTo(version);
        assertThat(MethodologyDocuments.write(back)).isEqualTo(MethodologyDocuments.write(version));
    }

    @Test
    void csvImportNamesWhatIsMissing() {
        assertThatThrownBy(() -> MethodologyCsv.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDiffNamesAddedBehavioursAndChangedFactorValues() {
        var v1 = MethodologyFixtures.version1();
        var v11 = MethodologyFixtures.read("/methodology/lct-1.1.0.json");
        var diff = MethodologyDiff.between(v1, v11);

        assertThat(diff.behaviours()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo("EV_INSTEAD_OF_PETROL_CAR");
            assertThat(c.kind()).isEqualTo(Kind.ADDED);
        });
        assertThat(diff.behaviours()).noneMatch(c -> c.kind() == Kind.REMOVED);

        var factors = new ArrayList<>(v1.factors());
        EmissionFactor metro = v1.factor("EF-METRO-GB-2025").orElseThrow();
        factors.set(
                factors.indexOf(metro),
                new EmissionFactor(
                        metro.id(),
                        metro.activity(),
                        metro.name(),
                        new BigDecimal("0.0300"),
                        metro.massUnit(),
                        metro.perUnit(),
                        metro.gasBasis(),
                        metro.region(),
                        metro.year(),
                        metro.purpose(),
                        metro.sourceId(),
                        metro.sourceLocator(),
                        metro.confidence(),
                        metro.proxy(),
                        metro.derivation(),
                        metro.note(),
                        null,
                        null));
        var changed = new MethodologyVersion(
                v1.code(),
                "1.0.1",
                v1.title(),
                v1.changelog(),
                v1.effectiveFrom(),
                v1.sources(),
                factors,
                v1.behaviours(),
                null);
        var factorDiff = MethodologyDiff.between(v1, changed);

        assertThat(factorDiff.factors()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.fields()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("value");
                assertThat(f.before()).isEqualTo("0.0278");
                assertThat(f.after()).isEqualTo("0.03");
            });
        });
        assertThat(factorDiff.behaviours()).isEmpty();
    }
}
