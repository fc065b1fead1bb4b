package org.lowcarbontogether.methodology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.InputStream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes methodology versions as JSON documents. Its own mapper, independent of the web's settings, so the
 * canonical form — and with it a published version's content hash — never changes with application configuration.
 * Absent optional fields are left out, so adding an optional field to the schema does not alter existing documents.
 */
public final class MethodologyDocuments {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private MethodologyDocuments() {}

    public static MethodologyVersion read(String json) {
        return MAPPER.readValue(json, MethodologyVersion.class);
    }

    public static MethodologyVersion read(InputStream json) {
        return MAPPER.readValue(json, MethodologyVersion.class);
    }

    /** The canonical JSON of a version: what is stored and hashed. */
    public static String write(MethodologyVersion version) {
        return MAPPER.writeValueAsString(version);
    }

    /** Pretty-printed JSON, for people and for export. */
    public static String writePretty(MethodologyVersion version) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(version);
    }
}
