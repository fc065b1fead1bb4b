package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LowCarbonMethodologyTests {

    @Test
    void theIndexListsEveryBundledVersionFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources" + LowCarbonMethodology.FOLDER))) {
            assertThat(LowCarbonMethodology.text(LowCarbonMethodology.INDEX).lines())
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(p -> p.getFileName().toString())
                                    .filter(name -> name.endsWith(".json"))
                                    .toList());
        }
        assertThat(LowCarbonMethodology.versions())
                .extracting(MethodologyVersion::version)
                .containsExactly("1.0.0", "1.1.0", "1.2.0", "1.3.0");
    }

    @Test
    void theLibraryIsVersionedWithTheNewestCatalogueItBundles() {
        assertThat(LowCarbonMethodology.libraryVersion().replace("-SNAPSHOT", ""))
                .isEqualTo(LowCarbonMethodology.latest().version());
    }

    @Test
    void theVersionInEffectIsTheHighestNumberAlreadyEffective() {
        assertThat(LowCarbonMethodology.inEffectOn(LocalDate.of(2025, 12, 31))).isEmpty();
        assertThat(LowCarbonMethodology.inEffectOn(LocalDate.of(2026, 1, 1)))
                .map(MethodologyVersion::version)
                .contains("1.0.0");
        assertThat(LowCarbonMethodology.inEffectOn(LocalDate.of(2026, 12, 6)))
                .map(MethodologyVersion::version)
                .contains("1.1.0");
        // 1.2.0 and 1.3.0 take effect on the same day: the higher number governs it
        assertThat(LowCarbonMethodology.inEffectOn(LocalDate.of(2026, 12, 7)))
                .map(MethodologyVersion::version)
                .contains("1.3.0");
    }

    @Test
    void factorSelectionWalksFromTheProvinceOutwards() {
        var version = LowCarbonMethodology.latest();
        var day = LocalDate.of(2026, 12, 7);
        var inShanghai = Calculator.factorFor(version, "electricity.grid_average", "CN-SH", day)
                .orElseThrow();
        var inChina = Calculator.factorFor(version, "electricity.grid_average", null, day)
                .orElseThrow();

        assertThat(inChina.region()).isEqualTo("CN");
        assertThat(Regions.chain("CN-SH")).contains(inShanghai.region());
    }
}
