package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * One version of the methodology: the whole standard as a document — its sources, emission factors and behaviour
 * types. A published version never changes; every calculation names the version that computed it.
 */
@NullMarked
public record MethodologyVersion(
        String code,
        String version,
        LocalizedText title,
        LocalizedText changelog,
        LocalDate effectiveFrom,
        List<Source> sources,
        List<EmissionFactor> factors,
        List<Behaviour> behaviours,
        @Nullable List<ProductBaseline> productBaselines) {

    public MethodologyVersion {
        sources = List.copyOf(sources);
        factors = List.copyOf(factors);
        behaviours = List.copyOf(behaviours);
        // Absent before 1.3.0: left out of the canonical JSON, so earlier versions' documents and hashes stay the same.
        productBaselines = productBaselines == null ? null : List.copyOf(productBaselines);
    }

    /** The baseline of a product registry category, if this version lists the category (from 1.3.0). */
    public Optional<ProductBaseline> productBaseline(String category) {
        return productBaselines == null
                ? Optional.empty()
                : productBaselines.stream()
                        .filter(b -> b.category().equals(category))
                        .findFirst();
    }

    /**
     * A category's typical footprint in kg CO2e per functional unit, from its baseline factor; empty when the version
     * has no baseline for the category (none listed, or listed with the reason it cannot be supported).
     */
    public Optional<BigDecimal> typicalFootprintKg(String category) {
        return productBaseline(category)
                .map(ProductBaseline::factorId)
                .flatMap(this::factor)
                .map(f -> f.value().multiply(f.massUnit().grams()).divide(MassUnit.KG.grams()));
    }

    public Optional<Behaviour> behaviour(String behaviourCode) {
        return behaviours.stream().filter(b -> b.code().equals(behaviourCode)).findFirst();
    }

    public Optional<Source> source(String sourceId) {
        return sources.stream().filter(s -> s.id().equals(sourceId)).findFirst();
    }

    public Optional<EmissionFactor> factor(String factorId) {
        return factors.stream().filter(f -> f.id().equals(factorId)).findFirst();
    }

    public Map<String, Source> sourcesById() {
        return sources.stream().collect(Collectors.toMap(Source::id, Function.identity()));
    }

    /** The factors of one activity (for example {@code electricity.grid_average}) across regions and years. */
    public List<EmissionFactor> factorsOf(String activity) {
        return factors.stream().filter(f -> f.activity().equals(activity)).toList();
    }

    /**
     * A cited document: a statistical release, a conversion-factor table, a standard or a study. A {@code secondary}
     * source was read through a report of the publication (its {@code url}), not the publication itself, whose formal
     * reference is {@code primaryCitation}; a factor citing it cannot be rated HIGH.
     */
    public record Source(
            String id,
            String publisher,
            String title,
            @Nullable String url,
            @Nullable Integer year,
            @Nullable String note,
            @Nullable Boolean secondary,
            @Nullable String primaryCitation) {

        public boolean readThroughReport() {
            return Boolean.TRUE.equals(secondary);
        }
    }

    /**
     * An emission factor: {@code value} {@code massUnit} of gas per {@code perUnit} of activity, for a region and a
     * data year, with its purpose, gas basis and source.
     */
    public record EmissionFactor(
            String id,
            String activity,
            LocalizedText name,
            BigDecimal value,
            MassUnit massUnit,
            String perUnit,
            GasBasis gasBasis,
            String region,
            int year,
            Purpose purpose,
            String sourceId,
            @Nullable String sourceLocator,
            Confidence confidence,
            boolean proxy,
            @Nullable String derivation,
            @Nullable String note,
            @Nullable LocalDate validFrom,
            @Nullable LocalDate validTo) {

        /** Whether the catalogue uses this factor for an activity on {@code day}. */
        public boolean validOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }

        /** The unit as people read it, for example "kg CO2e/passenger.km". */
        public String unit() {
            return massUnit.symbol() + " " + gasBasis.gas() + "/" + perUnit;
        }
    }

    /** What one behaviour type means and how its reduction is computed: ER = q × (Σ baseline terms − Σ project terms). */
    public record Behaviour(
            String code,
            Category category,
            LocalizedText name,
            LocalizedText description,
            LocalizedText baseline,
            LocalizedText alternative,
            String formula,
            String unit,
            Map<String, BigDecimal> unitConversions,
            List<Parameter> parameters,
            List<Term> baselineTerms,
            List<Term> projectTerms,
            List<EvidenceLevel> evidence,
            BigDecimal maxPerDay,
            BigDecimal uncertaintyPercent,
            @Nullable LocalizedText note,
            @Nullable BaselineMethod baselineMethod,
            @Nullable Long maxGramsPerRecord,
            @Nullable Long maxGramsPerDay) {

        public Behaviour {
            // Sorted, so the canonical JSON (and the version's content hash) does not depend on map iteration order.
            unitConversions = Collections.unmodifiableSortedMap(new TreeMap<>(unitConversions));
            parameters = List.copyOf(parameters);
            baselineTerms = List.copyOf(baselineTerms);
            projectTerms = List.copyOf(projectTerms);
            evidence = List.copyOf(evidence);
        }

        public Optional<Parameter> parameter(String id) {
            return parameters.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        /** Whether a participant may record this behaviour on their own word (self-reported evidence). */
        public boolean selfRecordable() {
            return evidence.contains(EvidenceLevel.SELF_REPORT)
                    && parameters.stream().noneMatch(p -> p.defaultValue() == null && !p.declarableByParticipant());
        }

        /** Units accepted for this behaviour, the base unit first. */
        public List<String> acceptedUnits() {
            var units = new ArrayList<String>();
            units.add(unit);
            unitConversions.keySet().stream()
                    .filter(u -> !u.equals(unit))
                    .sorted()
                    .forEach(units::add);
            return units;
        }
    }

    /**
     * A named parameter of a formula, for example car occupancy or the mass of a sheet. Without a default the person
     * must give it (for example the kWh an electric car was charged with); until they do, nothing is credited.
     * <p>
     * Every value must lie in the physical range {@code min}–{@code max} (a value outside is refused, naming the
     * parameter); a value a participant declares outside the typical range {@code typicalMin}–{@code typicalMax} is held
     * for a reviewer. A parameter that is not {@code declarable} comes only from its source — a partner's signed data or
     * the product registry — never from a participant's typing. {@code explanation} tells people, in both languages,
     * what the value means and where it comes from.
     */
    public record Parameter(
            String id,
            LocalizedText name,
            @Nullable BigDecimal defaultValue,
            String unit,
            @Nullable BigDecimal max,
            @Nullable String sourceId,
            @Nullable String note,
            @Nullable BigDecimal min,
            @Nullable BigDecimal typicalMin,
            @Nullable BigDecimal typicalMax,
            @Nullable Boolean declarable,
            @Nullable LocalizedText explanation) {

        /** Whether a participant may give their own value (otherwise only the parameter's source may). */
        public boolean declarableByParticipant() {
            return !Boolean.FALSE.equals(declarable);
        }

        /** Within the physical range: positive, and within the declared bounds. */
        public boolean physicallyPossible(BigDecimal value) {
            return value.signum() > 0
                    && (min == null || value.compareTo(min) >= 0)
                    && (max == null || value.compareTo(max) <= 0);
        }

        /** Within the typical range, where one is declared. */
        public boolean typical(BigDecimal value) {
            return (typicalMin == null || value.compareTo(typicalMin) >= 0)
                    && (typicalMax == null || value.compareTo(typicalMax) <= 0);
        }
    }

    /**
     * One term of a scenario: the factor selected for {@code activity} (by region and year), multiplied and divided by
     * parameters, times an optional constant coefficient.
     */
    public record Term(
            String activity,
            @Nullable List<String> multiply,
            @Nullable List<String> divide,
            @Nullable BigDecimal coefficient) {

        public List<String> multipliers() {
            return multiply == null ? List.of() : multiply;
        }

        public List<String> divisors() {
            return divide == null ? List.of() : divide;
        }
    }

    /**
     * The typical footprint of one category of the product registry (its code), per functional unit: the emission factor
     * that gives it (kg CO2e, or any mass, per {@code functionalUnit}) with a note on what it covers, or — for a category
     * the methodology cannot support with a cited factor — the reason, shown to people. A certified green product is
     * credited from its verified disclosure against this baseline.
     */
    public record ProductBaseline(
            String category,
            String functionalUnit,
            @Nullable String factorId,
            @Nullable LocalizedText note,
            @Nullable LocalizedText unsupportedReason) {

        public boolean supported() {
            return factorId != null;
        }
    }

    /** How a behaviour's baseline is set, after the Chinese carbon-inclusion (碳普惠) standards. */
    public enum BaselineMethod {
        /** The mode or product the person would otherwise have used (替代法). */
        SUBSTITUTION,
        /** The city's average motorised mode mix (均值法). */
        CITY_MODE_MIX_MEAN,
        /** A fixed reference mode, for example a private car. */
        FIXED_REFERENCE,
        /** The person's own recent history, for example a 7-day moving average. */
        PERSONAL_HISTORY,
        /** A per-capita average. */
        PER_CAPITA_AVERAGE,
        /** Production emissions of a new item times a replacement rate (新品替代率). */
        REPLACEMENT_RATE,
        /** A product or consumption that did not happen. */
        AVOIDED_PRODUCT,
        /** A disposal route that was avoided, for example landfill. */
        AVOIDED_DISPOSAL
    }

    /** The seven categories of everyday life. */
    public enum Category {
        CLOTHING,
        FOOD,
        HOUSING,
        TRANSPORT,
        DAILY_USE,
        OFFICE,
        DIGITAL
    }

    /** How strongly a record is evidenced. */
    public enum EvidenceLevel {
        SELF_REPORT,
        PHOTO,
        ORGANISER_VERIFIED,
        GPS,
        PARTNER_VERIFIED
    }

    public enum MassUnit {
        G("g", BigDecimal.ONE),
        KG("kg", BigDecimal.valueOf(1000)),
        T("t", BigDecimal.valueOf(1_000_000));

        private final String symbol;
        private final BigDecimal grams;

        MassUnit(String symbol, BigDecimal grams) {
            this.symbol = symbol;
            this.grams = grams;
        }

        public String symbol() {
            return symbol;
        }

        public BigDecimal grams() {
            return grams;
        }
    }

    /** Which gases a factor covers: CO2 only, or CO2e weighted by a GWP set. */
    public enum GasBasis {
        CO2_ONLY("CO2"),
        CO2E_AR4("CO2e"),
        CO2E_AR5("CO2e"),
        CO2E_AR6("CO2e"),
        CO2E_UNSTATED("CO2e");

        private final String gas;

        GasBasis(String gas) {
            this.gas = gas;
        }

        public String gas() {
            return gas;
        }
    }

    /** What a factor was published for; personal accounts use consumption accounting, never carbon-market factors. */
    public enum Purpose {
        CONSUMPTION_ACCOUNTING,
        CARBON_MARKET_REPORTING,
        LIFE_CYCLE_ASSESSMENT,
        OTHER
    }

    public enum Confidence {
        HIGH,
        MEDIUM,
        LOW
    }
}
