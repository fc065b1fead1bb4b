package org.lowcarbontogether.rides.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.rides.RideChallenges;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ride challenges of a community or a campaign: read as the group's riding map is, set by its organisers. */
@RestController
@RequestMapping("/api/v1/rides/challenges")
@Tag(name = "Ride challenges", description = "A group's goal for its members' credited rides in a period")
class RideChallengeApiController {

    private final RideChallenges challenges;

    RideChallengeApiController(RideChallenges challenges) {
        this.challenges = challenges;
    }

    /** A challenge as set; {@code community} or {@code campaign} names its group. */
    record Body(
            @Nullable UUID community,
            @Nullable UUID campaign,
            @Nullable String title,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String measure,
            @Nullable Long goal) {
        RideChallenges.Form form() {
            return new RideChallenges.Form(title, startsOn, endsOn, measure, goal);
        }
    }

    @GetMapping
    @Operation(summary = "A community's or a campaign's ride challenges (name one: community or campaign)")
    RideChallenges.GroupChallenges list(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign) {
        var group = required(RideForms.group(community, campaign));
        return challenges.list(me, group.kind(), group.id());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A challenge with its group's progress", description = """
                    The total of the group's current members' credited rides started in the period (km or rides),
                    the percentage of the goal, the riders taking part (null when fewer than ten) and the
                    challenge's map as GeoJSON (cells of ten riders or more, counts in bands of five).""")
    Map<String, Object> one(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var progress = challenges.progress(me, id);
        var body = new LinkedHashMap<String, Object>();
        body.put("challenge", progress.challenge());
        body.put("groupName", progress.groupName());
        body.put("reached", progress.reached());
        body.put("percent", progress.percent());
        body.put("rides", progress.rides());
        body.put("km", progress.km());
        body.put("riders", progress.riders());
        body.put("map", RideForms.cells(progress.cells()));
        return body;
    }

    @PostMapping
    @Operation(summary = "Set a challenge (organisers of the group)", description = """
                    JSON: 'community' or 'campaign', 'title' (up to 120 characters), 'startsOn' and 'endsOn' (dates,
                    at most a year apart), 'measure' (DISTANCE in km, or RIDES) and 'goal' (a positive number).""")
    ResponseEntity<RideChallenges.Challenge> create(@AuthenticationPrincipal Actor me, @RequestBody Body body) {
        var group = required(RideForms.group(body.community(), body.campaign()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(challenges.create(me, group.kind(), group.id(), body.form()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a challenge (organisers of the group)")
    RideChallenges.Challenge update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Body body) {
        return challenges.update(me, id, body.form());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a challenge (organisers of the group)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        challenges.delete(me, id);
        return ResponseEntity.noContent().build();
    }

    static RideForms.Group required(RideForms.@Nullable Group group) {
        if (group == null) {
            throw Refusal.invalid("ride-challenge-group-required", "community");
        }
        return group;
    }
}
