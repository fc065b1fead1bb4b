package org.lowcarbontogether.methodology.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.shared.LocalizedText;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The behaviour catalogue of the current methodology version, public. */
@RestController
@RequestMapping("/api/v1/behaviours")
@Tag(name = "Methodology", description = "Behaviour types, factors and sources")
class BehaviourApiController {

    private final Methodology methodology;

    BehaviourApiController(Methodology methodology) {
        this.methodology = methodology;
    }

    record BehaviourResponse(String code, LocalizedText name, String category, String unit, List<String> units,
            String formula, BigDecimal maxPerDay, String methodologyVersion) {}

    @GetMapping
    @Operation(summary = "Behaviour catalogue", description = "Every behaviour type of the current methodology version, with its base unit and accepted units.")
    List<BehaviourResponse> behaviours() {
        var current = methodology.current();
        return current.behaviours().stream().map(b -> response(b, current.version())).toList();
    }

    private static BehaviourResponse response(Behaviour b, String version) {
        return new BehaviourResponse(b.code(), b.name(), b.category().name(), b.unit(), b.acceptedUnits(), b.formula(),
                b.maxPerDay(), version);
    }
}
