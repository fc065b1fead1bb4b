package org.lowcarbontogether.rides.web;

import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.RideMap;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The public riding map: where people ride, by period and time of day, cells of fewer than ten riders hidden. */
@Controller
class RideMapPageController {

    private final RideMap map;
    private final Clock clock;
    private final ProblemWriter problems;
    private final JsonMapper json;

    RideMapPageController(RideMap map, Clock clock, ProblemWriter problems, JsonMapper json) {
        this.map = map;
        this.clock = clock;
        this.problems = problems;
        this.json = json;
    }

    @GetMapping("/rides/map")
    String map(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String slot,
            Locale locale,
            Model model) {
        try {
            var period = RideApiController.period(from, to, clock);
            var cells = map.cells(period[0], period[1], RideForms.slot(slot));
            model.addAttribute("cells", json.writeValueAsString(RideForms.cells(cells)));
            model.addAttribute("cellCount", cells.size());
            model.addAttribute("from", period[0].toString());
            model.addAttribute("to", period[1].toString());
            model.addAttribute("problem", null);
        } catch (Refusal refusal) {
            model.addAttribute("cells", json.writeValueAsString(RideForms.cells(java.util.List.of())));
            model.addAttribute("cellCount", 0);
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            model.addAttribute("problem", problems.describe(refusal, locale));
        }
        model.addAttribute("slot", slot == null ? "" : slot);
        model.addAttribute("slots", RideMap.Slot.values());
        model.addAttribute("minRiders", RideMap.MIN_RIDERS);
        return "rides/map";
    }
}
