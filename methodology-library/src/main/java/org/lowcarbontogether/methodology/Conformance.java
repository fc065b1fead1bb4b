package org.lowcarbontogether.methodology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation.Credited;
import org.lowcarbontogether.methodology.Calculation.NotCredited;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Parameter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance cases: for every behaviour of each catalogue version, activities (inputs) and what the methodology
 * credits for them (expected grams, the factors used and the flags, or the reason for no credit). Generated from the
 * catalogue by {@link #generate}; the file {@value LowCarbonMethodology#CONFORMANCE} is that output, committed and
 * served, so any implementation — in any language — can check itself against it.
 * <p>
 * Per behaviour: a base case (10 of its unit, or its daily cap if lower, in China, on the version's first day, with
 * every parameter that has no default given its typical maximum), the same in Guangdong (a province, so the region
 * chain is walked), the same quantity in each other accepted unit, every parameter at its typical maximum, the daily
 * cap itself (ceilings apply), and one unit above the cap (no credit). Per version: an unknown behaviour, an unknown
 * region and a unit not accepted.
 */
@NullMarked
public final class Conformance {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final BigDecimal BASE_QUANTITY = BigDecimal.TEN;
    private static final String PROVINCE = "CN-GD";

    private Conformance() {}

    /** The whole file: the cases of each version, oldest version first. */
    public record Document(String methodology, String about, List<VersionCases> versions) {

        public Document {
            versions = List.copyOf(versions);
        }
    }

    /** The cases of one version, with the content hash of the version they were generated from. */
    public record VersionCases(String version, String contentHash, List<Case> cases) {

        public VersionCases {
            cases = List.copyOf(cases);
        }
    }

    /** One activity and what the version credits for it. */
    public record Case(String id, Input input, Expected expected) {}

    /** An activity as {@link ActivityInput} takes it; {@code region} absent means China. */
    public record Input(
            String behaviour,
            BigDecimal quantity,
            String unit,
            LocalDate occurredOn,
            @Nullable String region,
            Map<String, BigDecimal> parameters) {

        public Input {
            parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        }

        public ActivityInput toActivity() {
            return new ActivityInput(behaviour, quantity, unit, occurredOn, region, parameters);
        }
    }

    /**
     * The expected result: when credited, the grams (baseline and project emissions, reduction, its uncertainty range),
     * the factors used (ids, in the order the calculation used them) and the flags; otherwise the reason and the field.
     */
    public record Expected(
            boolean credited,
            @Nullable Long baselineGrams,
            @Nullable Long projectGrams,
            @Nullable Long reductionGrams,
            @Nullable Long lowGrams,
            @Nullable Long highGrams,
            @Nullable List<String> factors,
            @Nullable List<String> flags,
            @Nullable String reason,
            @Nullable String field) {

        /** What a calculation gives, in the conformance file's terms. */
        public static Expected of(Calculation calculation) {
            if (calculation instanceof Credited c) {
                return new Expected(
                        true,
                        c.baselineGrams(),
                        c.projectGrams(),
                        c.reductionGrams(),
                        c.lowGrams(),
                        c.highGrams(),
                        c.factors().stream().map(Calculation.UsedFactor::id).toList(),
                        List.copyOf(c.flags()),
                        null,
                        null);
            }
            NotCredited n = (NotCredited) calculation;
            return new Expected(
                    false, null, null, null, null, null, null, null, n.reason().name(), n.field());
        }
    }

    /** The cases of the given versions, computed by this library's {@link Calculator}. */
    public static Document generate(List<MethodologyVersion> versions) {
        var all = new ArrayList<VersionCases>();
        for (MethodologyVersion version : versions) {
            var cases = new ArrayList<Case>();
            for (Behaviour behaviour : version.behaviours()) {
                for (var entry : inputs(version, behaviour).entrySet()) {
                    cases.add(new Case(
                            behaviour.code() + "/" + entry.getKey(),
                            entry.getValue(),
                            Expected.of(Calculator.calculate(
                                    version, entry.getValue().toActivity()))));
                }
            }
            cases.addAll(refusals(version));
            all.add(new VersionCases(version.version(), MethodologyDocuments.contentHash(version), cases));
        }
        return new Document(
                LowCarbonMethodology.CODE,
                "Inputs and expected results of the Low Carbon Together methodology, for every behaviour of each"
                        + " published version; generated from the catalogue by"
                        + " org.lowcarbontogether.methodology.Conformance. Grams are CO2e; an implementation conforms"
                        + " when it gives the same expected values for every input.",
                all);
    }

    /**
     * What an implementation gives differently from the document: one line per case that differs, empty when it
     * conforms. {@code implementation} calculates an input under a version number.
     */
    public static List<String> differences(
            Document document, BiFunction<String, ActivityInput, Calculation> implementation) {
        var differences = new ArrayList<String>();
        for (VersionCases version : document.versions()) {
            for (Case c : version.cases()) {
                Expected actual = Expected.of(
                        implementation.apply(version.version(), c.input().toActivity()));
                if (!actual.equals(c.expected())) {
                    differences.add(
                            version.version() + " " + c.id() + ": expected " + c.expected() + ", got " + actual);
                }
            }
        }
        return differences;
    }

    public static String write(Document document) {
        return MAPPER.writeValueAsString(document) + "\n";
    }

    public static Document read(String json) {
        return MAPPER.readValue(json, Document.class);
    }

    public static Document read(InputStream json) {
        return MAPPER.readValue(json, Document.class);
    }

    /** The cases of one behaviour by name, in a stable order. */
    private static Map<String, Input> inputs(MethodologyVersion version, Behaviour behaviour) {
        var inputs = new LinkedHashMap<String, Input>();
        LocalDate day = version.effectiveFrom();
        BigDecimal quantity = BASE_QUANTITY.min(behaviour.maxPerDay());
        Map<String, BigDecimal> required = new TreeMap<>();
        for (Parameter parameter : behaviour.parameters()) {
            if (parameter.defaultValue() == null) {
                required.put(parameter.id(), requiredValue(parameter));
            }
        }
        String unit = behaviour.unit();
        inputs.put("base", new Input(behaviour.code(), quantity, unit, day, null, required));
        inputs.put("region-" + PROVINCE, new Input(behaviour.code(), quantity, unit, day, PROVINCE, required));
        for (String other : behaviour.acceptedUnits()) {
            BigDecimal conversion = behaviour.unitConversions().get(other);
            if (other.equals(unit) || conversion == null || conversion.signum() <= 0) {
                continue;
            }
            BigDecimal inOther =
                    quantity.divide(conversion, 6, RoundingMode.FLOOR).stripTrailingZeros();
            if (inOther.signum() > 0) {
                inputs.put("unit-" + other, new Input(behaviour.code(), inOther, other, day, null, required));
            }
        }
        if (!behaviour.parameters().isEmpty()) {
            Map<String, BigDecimal> typical = new TreeMap<>();
            for (Parameter parameter : behaviour.parameters()) {
                typical.put(parameter.id(), typicalValue(parameter));
            }
            inputs.put("parameters-typical", new Input(behaviour.code(), quantity, unit, day, null, typical));
        }
        inputs.put("daily-cap", new Input(behaviour.code(), behaviour.maxPerDay(), unit, day, null, required));
        inputs.put(
                "above-daily-cap",
                new Input(behaviour.code(), behaviour.maxPerDay().add(BigDecimal.ONE), unit, day, null, required));
        return inputs;
    }

    /** A value for a parameter that must be given: its typical maximum, else its maximum, else 1. */
    private static BigDecimal requiredValue(Parameter parameter) {
        if (parameter.typicalMax() != null && parameter.physicallyPossible(parameter.typicalMax())) {
            return parameter.typicalMax();
        }
        return parameter.max() != null && parameter.physicallyPossible(parameter.max())
                ? parameter.max()
                : BigDecimal.ONE;
    }

    /** A typical value: the typical maximum, else the typical minimum, else the default, else as if required. */
    private static BigDecimal typicalValue(Parameter parameter) {
        if (parameter.typicalMax() != null && parameter.physicallyPossible(parameter.typicalMax())) {
            return parameter.typicalMax();
        }
        if (parameter.typicalMin() != null && parameter.physicallyPossible(parameter.typicalMin())) {
            return parameter.typicalMin();
        }
        if (parameter.defaultValue() != null) {
            return parameter.defaultValue();
        }
        return requiredValue(parameter);
    }

    private static List<Case> refusals(MethodologyVersion version) {
        var cases = new ArrayList<Case>();
        LocalDate day = version.effectiveFrom();
        var inputs = new LinkedHashMap<String, Input>();
        inputs.put("unknown-behaviour", new Input("NOT_A_BEHAVIOUR", BigDecimal.ONE, "km", day, null, Map.of()));
        if (!version.behaviours().isEmpty()) {
            Behaviour first = version.behaviours().getFirst();
            inputs.put(
                    first.code() + "/unknown-region",
                    new Input(first.code(), BigDecimal.ONE, first.unit(), day, "XX-UNKNOWN", Map.of()));
            inputs.put(
                    first.code() + "/unit-not-accepted",
                    new Input(first.code(), BigDecimal.ONE, "furlong", day, null, Map.of()));
        }
        inputs.forEach((id, input) ->
                cases.add(new Case(id, input, Expected.of(Calculator.calculate(version, input.toActivity())))));
        return cases;
    }
}
