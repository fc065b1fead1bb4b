package org.lowcarbontogether.methodology.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.LowCarbonMethodology;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyCsv;
import org.lowcarbontogether.methodology.MethodologyDiff;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The methodology, public: versions, whole documents (JSON and CSV), diffs and factors. */
@RestController
@Tag(name = "Methodology", description = "Behaviour types, factors, sources, versions and calculations")
class MethodologyApiController {

    private final Methodology methodology;

    MethodologyApiController(Methodology methodology) {
        this.methodology = methodology;
    }

    record VersionResponse(
            String code,
            String version,
            String status,
            LocalDate effectiveFrom,
            @Nullable Instant publishedAt,
            LocalizedText title,
            LocalizedText changelog,
            int behaviours,
            int factors,
            boolean current) {}

    record BehaviourResponse(
            String code,
            LocalizedText name,
            String category,
            String unit,
            List<String> units,
            String formula,
            BigDecimal maxPerDay,
            String methodologyVersion) {}

    record FactorResponse(
            String id,
            String activity,
            LocalizedText name,
            BigDecimal value,
            String unit,
            String gasBasis,
            String region,
            int year,
            String purpose,
            String confidence,
            boolean proxy,
            String sourceId,
            String source,
            @Nullable String sourceUrl,
            @Nullable String sourceLocator,
            @Nullable String derivation,
            List<String> categories,
            String methodologyVersion) {}

    @GetMapping("/api/v1/methodology")
    @Operation(
            summary = "Methodology versions",
            description = "Published and retired versions, newest first; 'current' marks the one new records use.")
    List<VersionResponse> versions() {
        String current = methodology.current().version();
        return methodology.history().stream()
                .map(p -> {
                    var v = p.version();
                    return new VersionResponse(
                            v.code(),
                            v.version(),
                            p.status(),
                            v.effectiveFrom(),
                            p.publishedAt(),
                            v.title(),
                            v.changelog(),
                            v.behaviours().size(),
                            v.factors().size(),
                            v.version().equals(current));
                })
                .toList();
    }

    @GetMapping("/api/v1/methodology/{version}")
    @Operation(
            summary = "A whole version as JSON",
            description = "The document exactly as published: sources, factors and behaviours. Importable as a draft.")
    ResponseEntity<String> document(@PathVariable String version) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(methodology.toJson(find(version)));
    }

    @GetMapping(value = "/api/v1/methodology/{version}/csv", produces = "application/zip")
    @Operation(
            summary = "A whole version as CSV tables",
            description =
                    "A ZIP of version.csv, sources.csv, factors.csv, behaviours.csv, unit_conversions.csv, parameters.csv and terms.csv.")
    ResponseEntity<byte[]> csv(@PathVariable String version) {
        var v = find(version);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(v.code().toLowerCase() + "-" + v.version() + "-csv.zip")
                                .build()
                                .toString())
                .body(MethodologyCsv.write(v));
    }

    @GetMapping("/api/v1/methodology/{version}/behaviours")
    @Operation(summary = "Behaviours of a version")
    List<BehaviourResponse> behaviours(@PathVariable String version) {
        var v = find(version);
        return v.behaviours().stream().map(b -> behaviour(b, v.version())).toList();
    }

    @GetMapping("/api/v1/behaviours")
    @Operation(
            summary = "Behaviour catalogue",
            description = "Every behaviour type of the version in effect, with its base unit and accepted units.")
    List<BehaviourResponse> currentBehaviours() {
        var current = methodology.current();
        return current.behaviours().stream()
                .map(b -> behaviour(b, current.version()))
                .toList();
    }

    @GetMapping("/api/v1/methodology/diff")
    @Operation(summary = "What changed between two versions")
    MethodologyDiff diff(@RequestParam String from, @RequestParam String to) {
        return MethodologyDiff.between(find(from), find(to));
    }

    @GetMapping(value = "/api/v1/methodology/schema.json", produces = "application/schema+json")
    @Operation(
            summary = "The JSON Schema of a methodology version",
            description =
                    "JSON Schema (draft 2020-12) of the documents /api/v1/methodology/{version} serves, so software in any language can read every version.")
    ResponseEntity<String> schema() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/schema+json"))
                .body(LowCarbonMethodology.schema());
    }

    @GetMapping(value = "/api/v1/methodology/conformance.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Conformance cases",
            description =
                    "Inputs and expected results (grams CO2e, factors used, flags, or the reason for no credit) for every behaviour of each version the platform ships; an implementation of the methodology conforms when it gives the same for every input.")
    ResponseEntity<String> conformance() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(LowCarbonMethodology.conformance());
    }

    @GetMapping("/api/v1/factors")
    @Operation(
            summary = "Emission factors",
            description =
                    "Factors of a version (default: the one in effect), filtered by region (exact code), data year and the category of the behaviours that use them.")
    List<FactorResponse> factors(
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable Integer year,
            @RequestParam(required = false) @Nullable Category category,
            @RequestParam(required = false) @Nullable String version) {
        var v = version == null ? methodology.current() : find(version);
        return FactorSearch.search(v, null, region, year, category).stream()
                .map(f -> factor(v, f))
                .toList();
    }

    private MethodologyVersion find(String version) {
        return methodology
                .version(version)
                .orElseThrow(
                        () -> new Refusal(Refusal.Kind.NOT_FOUND, "methodology-version-unknown", "version", version));
    }

    private static BehaviourResponse behaviour(Behaviour b, String version) {
        return new BehaviourResponse(
                b.code(),
                b.name(),
                b.category().name(),
                b.unit(),
                b.acceptedUnits(),
                b.formula(),
                b.maxPerDay(),
                version);
    }

    static FactorResponse factor(MethodologyVersion v, EmissionFactor f) {
        var source = v.source(f.sourceId()).orElseThrow();
        Set<String> categories = new HashSet<>();
        for (Behaviour b : v.behaviours()) {
            if (FactorSearch.uses(b, f.activity())) {
                categories.add(b.category().name());
            }
        }
        return new FactorResponse(
                f.id(),
                f.activity(),
                f.name(),
                f.value(),
                f.unit(),
                f.gasBasis().name(),
                f.region(),
                f.year(),
                f.purpose().name(),
                f.confidence().name(),
                f.proxy(),
                source.id(),
                source.publisher() + ", " + source.title(),
                source.url(),
                f.sourceLocator(),
                f.derivation(),
                categories.stream().sorted().toList(),
                v.version());
    }
}
