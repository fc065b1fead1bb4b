package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lowcarbontogether.methodology.MethodologyFixtures.version1;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;

class MethodologyValidationTests {

    @Test
    void theBundledVersionIsComplete() {
        assertThat(MethodologyValidation.problems(version1())).isEmpty();
    }

    @Test
    void everyFactorCitesASourceWithATitleAndLocation() {
        var sources = version1().sourcesById();
        assertThat(version1().factors()).allSatisfy(factor -> {
            assertThat(sources).as("source of %s", factor.id()).containsKey(factor.sourceId());
            var source = sources.get(factor.sourceId());
            assertThat(source.title()).as("title of %s", source.id()).isNotBlank();
            assertThat(source.publisher()).as("publisher of %s", source.id()).isNotBlank();
            assertThat(source.url() != null || source.note() != null)
                    .as("where to find %s", source.id())
                    .isTrue();
        });
    }

    @Test
    void everyTextIsInBothLanguages() {
        assertThat(version1().behaviours()).allSatisfy(b -> {
            assertThat(b.name().zh()).isNotBlank();
            assertThat(b.description().zh()).isNotBlank();
            assertThat(b.baseline().zh()).isNotBlank();
            assertThat(b.alternative().zh()).isNotBlank();
        });
    }

    @Test
    void refusesAFactorCitingAnUnknownSource() {
        var factors = new ArrayList<>(version1().factors());
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
                        "NOWHERE",
                        first.sourceLocator(),
                        first.confidence(),
                        first.proxy(),
                        first.derivation(),
                        first.note(),
                        null,
                        null));
        var broken = new MethodologyVersion(
                version1().code(),
                "9.9.9",
                version1().title(),
                version1().changelog(),
                version1().effectiveFrom(),
                version1().sources(),
                factors,
                version1().behaviours(),
                null);

        assertThatThrownBy(() -> MethodologyValidation.check(broken))
                .hasMessageContaining("cites unknown source NOWHERE");
    }

    @Test
    void canonicalJsonIsStableAcrossReads() {
        String once = MethodologyDocuments.write(MethodologyFixtures.read("/methodology/lct-1.0.0.json"));
        String twice = MethodologyDocuments.write(MethodologyDocuments.read(once));
        assertThat(MethodologyDocuments.contentHash(MethodologyDocuments.read(twice)))
                .isEqualTo(MethodologyDocuments.contentHash(MethodologyDocuments.read(once)));
    }

    @Test
    void semanticVersionsOrderNumerically() {
        assertThat(SemanticVersion.parse("1.10.0")).isGreaterThan(SemanticVersion.parse("1.9.3"));
        assertThatThrownBy(() -> SemanticVersion.parse("1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
