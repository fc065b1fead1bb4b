package org.lowcarbontogether.methodology.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.ActivityChecks;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Calculator;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The side-effect-free calculator: what a record would be credited under a version, with its provenance, and nothing
 * stored.
 */
@RestController
@Tag(name = "Methodology", description = "Behaviour types, factors, sources, versions and calculations")
class CalculationApiController {

    private final Methodology methodology;

    CalculationApiController(Methodology methodology) {
        this.methodology = methodology;
    }

    record CalculationRequest(
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable String occurredAt,
            @Nullable String region,
            @Nullable Map<String, BigDecimal> parameters,
            @Nullable String version) {}

    record CalculationResponse(
            @Nullable Long reductionGrams,
            @Nullable Long baselineGrams,
            @Nullable Long projectGrams,
            @Nullable Uncertainty uncertainty,
            Ref methodology,
            List<Calculation.UsedFactor> factors,
            List<Calculation.UsedParameter> parameters,
            List<Calculation.Step> steps,
            List<String> flags,
            @Nullable String formula,
            @Nullable String reason,
            @Nullable String detail) {}

    record Uncertainty(long lowGrams, long highGrams) {}

    record Ref(String code, String version) {}

    @PostMapping("/api/v1/calculations")
    @Operation(
            summary = "Calculate without recording",
            description =
                    "Runs the calculation under the version in effect (or 'version') with no side effects. When no credit can be "
                            + "given, reductionGrams is null and 'reason' says why: unknown is never zero. 'occurredAt' is an ISO date or date-time.")
    CalculationResponse calculate(@RequestBody CalculationRequest request) {
        var missing = new ArrayList<Violation>();
        if (request.behaviour() == null || request.behaviour().isBlank()) {
            missing.add(Violation.of("behaviour", "field-required", "behaviour"));
        }
        if (request.quantity() == null) {
            missing.add(Violation.of("quantity", "field-required", "quantity"));
        }
        if (request.unit() == null || request.unit().isBlank()) {
            missing.add(Violation.of("unit", "field-required", "unit"));
        }
        LocalDate day = null;
        if (request.occurredAt() == null || request.occurredAt().isBlank()) {
            missing.add(Violation.of("occurredAt", "field-required", "occurredAt"));
        } else {
            day = parseDay(request.occurredAt());
            if (day == null) {
                missing.add(Violation.of("occurredAt", "invalid-field", "occurredAt"));
            }
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(missing);
        }
        var version = request.version() == null
                ? methodology.current()
                : methodology
                        .version(request.version())
                        .orElseThrow(() ->
                                Refusal.unacceptable("methodology-version-unknown", "version", request.version()));
        String region = request.region() == null || request.region().isBlank()
                ? null
                : request.region().strip();
        Map<String, BigDecimal> parameters = request.parameters() == null ? Map.of() : request.parameters();
        // Refused like a record would be: invalid input is 422; a missing input or factor is an answer with its reason.
        var invalid = ActivityChecks.problems(
                version,
                request.behaviour(),
                request.quantity(),
                request.unit(),
                region,
                parameters,
                ActivityChecks.Giver.SOURCE,
                false);
        if (!invalid.isEmpty()) {
            throw new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    "invalid-calculation",
                    invalid,
                    Map.of(),
                    String.join(
                            ", ",
                            invalid.stream().map(Violation::field).distinct().toList()));
        }
        return response(Calculator.calculate(
                version,
                // Each was checked above: a missing one was refused.
                new ActivityInput(
                        Objects.requireNonNull(request.behaviour()),
                        Objects.requireNonNull(request.quantity()),
                        Objects.requireNonNull(request.unit()),
                        Objects.requireNonNull(day),
                        region,
                        parameters)));
    }

    static CalculationResponse response(Calculation result) {
        var ref = new Ref(result.methodologyCode(), result.methodologyVersion());
        return switch (result) {
            case Calculation.Credited c ->
                new CalculationResponse(
                        c.reductionGrams(),
                        c.baselineGrams(),
                        c.projectGrams(),
                        new Uncertainty(c.lowGrams(), c.highGrams()),
                        ref,
                        c.factors(),
                        c.parameters(),
                        c.steps(),
                        c.flags(),
                        c.formula(),
                        null,
                        null);
            case Calculation.NotCredited n ->
                new CalculationResponse(
                        null,
                        null,
                        null,
                        null,
                        ref,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        n.reason().name(),
                        n.detail());
        };
    }

    private static @Nullable LocalDate parseDay(String text) {
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
