package org.lowcarbontogether.methodology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.NullMarked;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes methodology versions as JSON documents. Its own mapper, independent of the web's settings, so the
 * canonical form — and with it a published version's content hash — never changes with application configuration.
 * Absent optional fields are left out, so adding an optional field to the schema does not alter existing documents.
 */
@NullMarked
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

    /**
     * The content hash of a version: SHA-256 (lower-case hex) of its canonical JSON in UTF-8, as the platform stores it
     * with every published version.
     */
    public static String contentHash(MethodologyVersion version) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(write(version).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Pretty-printed JSON, for people and for export. */
    public static String writePretty(MethodologyVersion version) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(version);
    }
}
