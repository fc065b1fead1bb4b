package org.lowcarbontogether.reporting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.reporting.Impact;
import org.lowcarbontogether.reporting.PublishedImpact;
import org.lowcarbontogether.schools.SchoolParticipation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The programme's live impact, public. */
@RestController
@RequestMapping("/api/v1/impact")
@Tag(name = "Impact", description = "Public programme impact figures")
class ImpactApiController {

    private final Impact impact;
    private final SchoolParticipation schools;
    private final PublishedImpact published;

    ImpactApiController(Impact impact, SchoolParticipation schools, PublishedImpact published) {
        this.impact = impact;
        this.schools = schools;
        this.published = published;
    }

    record ImpactResponse(
            long behaviours,
            long directReductionGrams,
            BigDecimal directReductionKg,
            BigDecimal directReductionTonnes,
            long restatedReductionGrams,
            long participants,
            Instant asOf,
            List<MonthResponse> monthly,
            List<CategoryResponse> byCategory,
            List<EvidenceResponse> byEvidence,
            SchoolPupilsResponse schoolPupils) {}

    /**
     * Of which school pupils: how many recorded and their reduction, shown only from the open data's minimum group
     * (otherwise {@code shown} is false and the figures are absent, never zero).
     */
    record SchoolPupilsResponse(
            boolean shown,
            int minimumGroupSize,
            @Nullable Long pupilsRecorded,
            @Nullable Long directReductionGrams) {}

    record EvidenceResponse(String evidence, long behaviours, long directReductionGrams, long restatedReductionGrams) {}

    record MonthResponse(String month, long behaviours, long directReductionGrams) {}

    record CategoryResponse(String category, long behaviours, long directReductionGrams) {}

    @GetMapping
    @Operation(
            summary = "Programme impact",
            description =
                    "Behaviours credited, direct reduction as recorded (sum of credited reductions, grams CO2e, each under "
                            + "the methodology version that computed it) and as restated (with the adjustments of restatements under newer "
                            + "versions), and participants (people with at least one credited behaviour); monthly series of the last 12 "
                            + "months by date of occurrence; splits by category and by evidence level (self-report, photo, "
                            + "organiser-verified, GPS, partner-verified); of which school pupils (counted apart, shown only from the open "
                            + "data's minimum group).")
    ResponseEntity<ImpactResponse> impact() {
        var totals = impact.totals();
        var monthly = impact.monthly(12).stream()
                .map(m -> new MonthResponse(
                        m.month().toString(),
                        m.behaviours(),
                        m.directReduction().grams()))
                .toList();
        var categories = impact.byCategory().stream()
                .map(c -> new CategoryResponse(
                        c.category(), c.behaviours(), c.directReduction().grams()))
                .toList();
        var body = new ImpactResponse(
                totals.behaviours(),
                totals.directReduction().grams(),
                totals.directReduction().kilograms(),
                totals.directReduction().tonnes(),
                totals.restatedReduction().grams(),
                totals.participants(),
                totals.asOf(),
                monthly,
                categories,
                impact.byEvidence().stream()
                        .map(e -> new EvidenceResponse(
                                e.evidence(),
                                e.behaviours(),
                                e.directReduction().grams(),
                                e.restatedReduction().grams()))
                        .toList(),
                schoolPupils());
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body);
    }

    private SchoolPupilsResponse schoolPupils() {
        var school = schools.programme();
        int minimum = published.minimumGroupSize();
        if (school.pupilsRecorded() < minimum || school.reduction() == null) {
            return new SchoolPupilsResponse(false, minimum, null, null);
        }
        return new SchoolPupilsResponse(
                true, minimum, school.pupilsRecorded(), school.reduction().grams());
    }
}
