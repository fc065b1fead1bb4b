package org.lowcarbontogether.rides.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.PrivacyZones;
import org.lowcarbontogether.rides.Rides;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/** A rider's rides: upload GPS files, see each ride on a map with its credit, delete tracks, keep privacy zones. */
@Controller
class RidePageController {

    private final Rides rides;
    private final PrivacyZones zones;
    private final ProblemWriter problems;
    private final JsonMapper json;

    RidePageController(Rides rides, PrivacyZones zones, ProblemWriter problems, JsonMapper json) {
        this.rides = rides;
        this.zones = zones;
        this.problems = problems;
        this.json = json;
    }

    /** One file's answer as the page shows it. */
    record Result(
            @Nullable String fileName,
            Rides.@Nullable RideView ride,
            boolean again,
            @Nullable String problem) {}

    @GetMapping("/rides")
    String mine(@AuthenticationPrincipal Actor me, Model model) {
        return page(me, model, List.of(), null);
    }

    @PostMapping("/rides")
    String upload(
            @AuthenticationPrincipal Actor me,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(required = false) @Nullable String vehicle,
            @RequestParam(required = false) @Nullable String replaced,
            Locale locale,
            Model model)
            throws IOException {
        try {
            var outcomes = rides.upload(me, RideForms.uploads(files), RideForms.choices(vehicle, replaced));
            var results = outcomes.stream()
                    .map(o -> new Result(
                            o.fileName(),
                            o.ride(),
                            o.again(),
                            o.refusal() == null ? null : problems.describe(o.refusal(), locale)))
                    .toList();
            return page(me, model, results, null);
        } catch (Refusal refusal) {
            return page(me, model, List.of(), problems.describe(refusal, locale));
        }
    }

    private String page(Actor me, Model model, List<Result> results, @Nullable String problem) {
        model.addAttribute("rides", rides.mine(me));
        model.addAttribute("zones", zones.of(me));
        model.addAttribute("results", results);
        model.addAttribute("problem", problem);
        model.addAttribute("vehicles", Rides.Vehicle.values());
        model.addAttribute("replacedModes", Rides.Replaced.values());
        return "rides/rides";
    }

    @GetMapping("/rides/{id}")
    String ride(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var ride = rides.ride(me, id);
        model.addAttribute("ride", ride);
        model.addAttribute("track", json.writeValueAsString(RideForms.lineString(rides.track(me, id))));
        model.addAttribute("zones", json.writeValueAsString(zones.of(me)));
        return "rides/ride";
    }

    @PostMapping("/rides/{id}/track/delete")
    String deleteTrack(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        rides.deleteTrack(me, id);
        return "redirect:/rides/" + id + "?deleted";
    }

    @PostMapping("/rides/zones")
    String addZone(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(required = false) @Nullable Double lat,
            @RequestParam(required = false) @Nullable Double lon,
            @RequestParam(required = false) @Nullable Integer radius,
            Locale locale,
            Model model) {
        try {
            zones.add(me, label, lat, lon, radius);
            return "redirect:/rides?zoneAdded#zones";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            return page(me, model, List.of(), problems.describe(refusal, locale));
        }
    }

    @PostMapping("/rides/zones/{id}/delete")
    String removeZone(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        zones.remove(me, id);
        return "redirect:/rides#zones";
    }
}
