package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled catalogue version, as shipped and as the canonical form writes it, conforms to the published schema. */
class CatalogueSchemaTests {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(LowCarbonMethodology.schema(), InputFormat.JSON);

    static List<String> bundledFiles() {
        return LowCarbonMethodology.text(LowCarbonMethodology.INDEX).lines().toList();
    }

    @ParameterizedTest
    @MethodSource("bundledFiles")
    void everyBundledVersionConformsToTheSchema(String file) throws IOException {
        String shipped;
        try (InputStream in = getClass().getResourceAsStream(LowCarbonMethodology.FOLDER + file)) {
            assertThat(in).as(file).isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(SCHEMA.validate(shipped, InputFormat.JSON)).as(file).isEmpty();
        String canonical = MethodologyDocuments.write(MethodologyDocuments.read(shipped));
        assertThat(SCHEMA.validate(canonical, InputFormat.JSON))
                .as(file + ", canonical")
                .isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheLibraryCannotRead() {
        String canonical = MethodologyDocuments.write(LowCarbonMethodology.latest());
        String unknownProperty = canonical.replaceFirst("\\{", "{\"colour\":\"green\",");
        String wrongEnum = canonical.replaceFirst("\"massUnit\":\"KG\"", "\"massUnit\":\"LB\"");
        String noEnglish = canonical.replaceFirst("\"title\":\\{\"en\":\"[^\"]*\",", "\"title\":{");

        assertThat(SCHEMA.validate(unknownProperty, InputFormat.JSON)).isNotEmpty();
        assertThat(SCHEMA.validate(wrongEnum, InputFormat.JSON)).isNotEmpty();
        assertThat(SCHEMA.validate(noEnglish, InputFormat.JSON)).isNotEmpty();
    }
}
