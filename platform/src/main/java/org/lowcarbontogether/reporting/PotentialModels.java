package org.lowcarbontogether.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models of the potential continuing annual reduction, side by side, each with a low / central / high scenario and
 * a sensitivity line per parameter:
 *
 * <ul>
 *   <li><b>PERSISTENCE</b>: the people who kept a behaviour up, their observed weekly reduction × 52 × a persistence
 *       factor ({@link ReportedImpact}); the central factor is the programme office's own;</li>
 *   <li><b>REACH</b>: reached people (platform hits, plus accepted off-platform reach as a separate input, × people per
 *       hit) × adoption rate × per-adopter annual reduction.</li>
 * </ul>
 *
 * Models, parameters and their sources are versioned resource files ({@code potential-models/*.json}), never edited
 * once published: a release keeps the comparison it was published with ({@link PublishedImpact}), so a new version
 * never changes a figure already published. Potential is never added to the direct reduction.
 */
@Service
public class PotentialModels {

    /** Whether a parameter's values are cited from a source, an assumption with its reason, or the programme's own. */
    public enum Basis {
        CITED,
        ASSUMPTION
    }

    /** A parameter of a model: its low and high values, its central one (null: the programme's own setting), why. */
    public record Parameter(
            String key,
            String unit,
            BigDecimal low,
            @Nullable BigDecimal central,
            BigDecimal high,
            Basis basis,
            String source) {}

    public record Model(String key, String formula, List<Parameter> parameters) {}

    /** One version of the models; a version's file is never changed once published. */
    public record Version(String id, LocalDate published, List<Model> models) {}

    /**
     * What the models start from: the persistence model's figure at the programme's own factor (null when no
     * potential is shown), that factor, the platform-measured hits, and accepted off-platform reach (a separate,
     * labelled input; zero until it is reported).
     */
    public record Inputs(
            @Nullable Long persistenceGrams,
            BigDecimal programmePersistence,
            long platformHits,
            long offPlatformReach) {}

    /** A parameter's values as used: low, central, high. */
    public record Value(
            String key, String unit, BigDecimal low, BigDecimal central, BigDecimal high, Basis basis, String source) {}

    /** How far the central figure moves with one parameter at its low or high value, the others central (grams a year). */
    public record Sensitivity(String parameter, long atLow, long atHigh) {}

    /** One model's figures in grams a year: the three scenarios, its parameters and the sensitivity to each. */
    public record Result(
            String model,
            String formula,
            long low,
            long central,
            long high,
            List<Value> parameters,
            List<Sensitivity> sensitivity) {}

    /** The models side by side under one version, with the inputs they were computed from. */
    public record Comparison(String version, LocalDate versionPublished, Inputs inputs, List<Result> results) {
        public @Nullable Result of(String model) {
            return results.stream()
                    .filter(r -> r.model().equals(model))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final Map<String, Version> versions = new TreeMap<>();

    PotentialModels(JsonMapper json) {
        try {
            for (var resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:potential-models/*.json")) {
                try (var in = resource.getInputStream()) {
                    var version = json.readValue(in, Version.class);
                    versions.put(version.id(), version);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no potential model version found under potential-models/");
        }
    }

    /** Every version, oldest first. */
    public List<Version> versions() {
        return versions.values().stream()
                .sorted(Comparator.comparing(Version::published).thenComparing(Version::id))
                .toList();
    }

    /** The version new figures are computed with: the latest published. */
    public Version current() {
        return versions().getLast();
    }

    public Version version(String id) {
        return Objects.requireNonNull(versions.get(id), () -> "no potential model version " + id);
    }

    /** Adds a version (for tests of versioning); the latest published becomes current. */
    public void add(Version version) {
        versions.put(version.id(), version);
    }

    /** Takes a version added by {@link #add} away again. */
    public void remove(String id) {
        versions.remove(id);
    }

    public Comparison compare(Inputs inputs) {
        return compare(current(), inputs);
    }

    /** Each model of the version on the inputs; the persistence model is left out when no persistence figure is given. */
    public static Comparison compare(Version version, Inputs inputs) {
        var results = new ArrayList<Result>();
        for (var model : version.models()) {
            if (model.key().equals("PERSISTENCE")) {
                if (inputs.persistenceGrams() != null) {
                    results.add(persistence(model, inputs.persistenceGrams(), inputs.programmePersistence()));
                }
            } else if (model.key().equals("REACH")) {
                results.add(reach(model, inputs.platformHits() + inputs.offPlatformReach()));
            }
        }
        return new Comparison(version.id(), version.published(), inputs, results);
    }

    /**
     * The persistence model's scenarios: the figure at the programme's factor scaled to the low and high factors
     * (rounded down), low never above and high never below the programme's factor.
     */
    static Result persistence(Model model, long centralGrams, BigDecimal programmeFactor) {
        var p = model.parameters().getFirst();
        BigDecimal low = p.low().min(programmeFactor);
        BigDecimal high = p.high().max(programmeFactor);
        long atLow = scale(centralGrams, low, programmeFactor);
        long atHigh = scale(centralGrams, high, programmeFactor);
        return new Result(
                model.key(),
                model.formula(),
                atLow,
                centralGrams,
                atHigh,
                List.of(new Value(p.key(), p.unit(), low, programmeFactor, high, p.basis(), p.source())),
                List.of(new Sensitivity(p.key(), atLow, atHigh)));
    }

    private static long scale(long grams, BigDecimal factor, BigDecimal central) {
        if (central.signum() == 0) {
            return 0;
        }
        return BigDecimal.valueOf(grams)
                .multiply(factor)
                .divide(central, 0, RoundingMode.DOWN)
                .longValueExact();
    }

    /** The reach model: hits × the product of its parameters (kilograms to grams), rounded down; low and high all together. */
    static Result reach(Model model, long hits) {
        var values = model.parameters().stream()
                .map(p -> new Value(
                        p.key(),
                        p.unit(),
                        p.low(),
                        Objects.requireNonNull(p.central(), "the reach model's parameters have central values"),
                        p.high(),
                        p.basis(),
                        p.source()))
                .toList();
        var central = values.stream().map(Value::central).toList();
        var sensitivity = new ArrayList<Sensitivity>();
        for (int i = 0; i < values.size(); i++) {
            var atLow = new ArrayList<>(central);
            atLow.set(i, values.get(i).low());
            var atHigh = new ArrayList<>(central);
            atHigh.set(i, values.get(i).high());
            sensitivity.add(new Sensitivity(values.get(i).key(), reachGrams(hits, atLow), reachGrams(hits, atHigh)));
        }
        return new Result(
                model.key(),
                model.formula(),
                reachGrams(hits, values.stream().map(Value::low).toList()),
                reachGrams(hits, central),
                reachGrams(hits, values.stream().map(Value::high).toList()),
                values,
                sensitivity);
    }

    private static long reachGrams(long hits, List<BigDecimal> factors) {
        BigDecimal grams = BigDecimal.valueOf(hits).multiply(BigDecimal.valueOf(1000));
        for (var f : factors) {
            grams = grams.multiply(f);
        }
        return grams.setScale(0, RoundingMode.DOWN).longValueExact();
    }
}
