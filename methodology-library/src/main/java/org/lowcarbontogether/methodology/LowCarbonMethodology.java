package org.lowcarbontogether.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.NullMarked;

/**
 * The Low Carbon Together methodology as a library: the catalogue versions the platform publishes, bundled with this
 * library, and the calculation the platform itself runs ({@link Calculator}), so another application computes a
 * reduction with exactly the platform's numbers and provenance. No I/O beyond reading its own resources, no clock.
 * <p>
 * Resources, for software in any language: the versions (in {@value #FOLDER}, listed in {@value #INDEX}), their JSON
 * Schema ({@value #SCHEMA}) and the conformance cases ({@value #CONFORMANCE}).
 */
@NullMarked
public final class LowCarbonMethodology {

    /** The methodology's code, in every version and every calculation. */
    public static final String CODE = "LCT";

    /** The folder of the bundled catalogue versions, one JSON document each. */
    public static final String FOLDER = "/methodology/";

    /** The file names of the bundled versions, one a line, oldest first. */
    public static final String INDEX = "/methodology/versions.txt";

    /** The JSON Schema (draft 2020-12) every catalogue version conforms to. */
    public static final String SCHEMA = "/methodology/schema/catalogue.schema.json";

    /** Inputs and expected results for every behaviour of each bundled version (see {@link Conformance}). */
    public static final String CONFORMANCE = "/methodology/conformance/lct-conformance.json";

    private LowCarbonMethodology() {}

    /** The bundled versions, oldest first. */
    public static List<MethodologyVersion> versions() {
        return Bundled.VERSIONS;
    }

    /** A bundled version by its number, for example {@code "1.3.0"}. */
    public static Optional<MethodologyVersion> version(String version) {
        return Bundled.VERSIONS.stream()
                .filter(v -> v.version().equals(version))
                .findFirst();
    }

    /** The newest bundled version. */
    public static MethodologyVersion latest() {
        return Bundled.VERSIONS.getLast();
    }

    /**
     * The bundled version in effect on a day: see {@link #inEffectOn(Collection, LocalDate)}. The platform may retire a
     * version or publish newer ones than this library bundles; its {@code /api/v1/methodology} lists them.
     */
    public static Optional<MethodologyVersion> inEffectOn(LocalDate day) {
        return inEffectOn(Bundled.VERSIONS, day);
    }

    /**
     * Of the given (published, not retired) versions, the one in effect on a day: the highest-numbered whose
     * {@code effectiveFrom} is not after it. Two versions may share a day; the higher number governs it. Empty before
     * the first.
     */
    public static Optional<MethodologyVersion> inEffectOn(Collection<MethodologyVersion> versions, LocalDate day) {
        return versions.stream()
                .filter(v -> !v.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(v -> SemanticVersion.parse(v.version())));
    }

    /** Calculates an activity under a bundled version; empty when this library does not bundle that version. */
    public static Optional<Calculation> calculate(String version, ActivityInput input) {
        return version(version).map(v -> Calculator.calculate(v, input));
    }

    /** This library's version: MAJOR.MINOR.PATCH of the newest catalogue version it bundles. */
    public static String libraryVersion() {
        var properties = new Properties();
        try (InputStream in = LowCarbonMethodology.class.getResourceAsStream("library.properties")) {
            if (in == null) {
                throw new IllegalStateException("library.properties is missing from the methodology library");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    /** The JSON Schema of a catalogue version, as text. */
    public static String schema() {
        return text(SCHEMA);
    }

    /** The conformance file, as text. */
    public static String conformance() {
        return text(CONFORMANCE);
    }

    static String text(String resource) {
        try (InputStream in = LowCarbonMethodology.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource + " in the methodology library");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read once, on first use; each version is checked complete, as the platform checks it before publishing. */
    private static final class Bundled {

        static final List<MethodologyVersion> VERSIONS = text(INDEX)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Bundled::read)
                .sorted(Comparator.comparing(v -> SemanticVersion.parse(v.version())))
                .toList();

        private static MethodologyVersion read(String file) {
            try (InputStream in = LowCarbonMethodology.class.getResourceAsStream(FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException("The index lists " + file + ", which is not bundled");
                }
                MethodologyVersion version = MethodologyDocuments.read(in);
                MethodologyValidation.check(version);
                return version;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
