package org.lowcarbontogether.rides.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.GroupRideMaps;
import org.lowcarbontogether.rides.RideMap;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The public riding map: where people ride, by period and time of day, cells of fewer than ten riders hidden. */
@Controller
class RideMapPageController {

    private final RideMap map;
    private final GroupRideMaps groups;
    private final Clock clock;
    private final ProblemWriter problems;
    private final JsonMapper json;

    RideMapPageController(RideMap map, GroupRideMaps groups, Clock clock, ProblemWriter problems, JsonMapper json) {
        this.map = map;
        this.groups = groups;
        this.clock = clock;
        this.problems = problems;
        this.json = json;
    }

    @GetMapping("/rides/map")
    String map(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String slot,
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign,
            Locale locale,
            Model model) {
        model.addAttribute("community", community);
        model.addAttribute("campaign", campaign);
        model.addAttribute("group", null);
        try {
            var period = RideApiController.period(from, to, clock);
            var group = RideForms.group(community, campaign);
            if (group == null) {
                var shown = map.publicMap(period[0], period[1], RideForms.slot(slot));
                model.addAttribute("cells", shown.geoJson());
                model.addAttribute("cellCount", shown.cells());
            } else {
                var shown = groups.cells(me, group.kind(), group.id(), period[0], period[1], RideForms.slot(slot));
                model.addAttribute("group", shown);
                model.addAttribute("cells", json.writeValueAsString(RideForms.cells(shown.cells())));
                model.addAttribute("cellCount", shown.cells().size());
            }
            model.addAttribute("from", period[0].toString());
            model.addAttribute("to", period[1].toString());
            model.addAttribute("problem", null);
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("cells", json.writeValueAsString(RideForms.cells(List.of())));
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
