package org.lowcarbontogether.campaigns.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.campaigns.Campaigns.Campaign;
import org.lowcarbontogether.campaigns.Campaigns.CampaignForm;
import org.lowcarbontogether.campaigns.Handovers;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.stories.Stories;
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

/** Campaigns: look and rank (anyone), run (their organisation's organisers), join and take part (participants). */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Campaigns with goals, fair leaderboards and Green Graduation hand-overs")
class CampaignApiController {

    record Join(@Nullable UUID teamId) {}

    record NewTeam(@Nullable String name) {}

    record NewItem(
            @Nullable String category,
            @Nullable String title,
            @Nullable String description,
            @Nullable BigDecimal weightKg) {}

    record NewStory(@Nullable String title, @Nullable String body) {}

    record Leaderboards(
            List<Participation.Standing> individuals,
            List<Campaigns.TeamStanding> teams,
            List<Campaigns.CommunityStanding> communities) {}

    private final Campaigns campaigns;
    private final Handovers handovers;
    private final Participation participation;
    private final Stories stories;

    CampaignApiController(Campaigns campaigns, Handovers handovers, Participation participation, Stories stories) {
        this.campaigns = campaigns;
        this.handovers = handovers;
        this.participation = participation;
        this.stories = stories;
    }

    @GetMapping
    @Operation(summary = "All campaigns, running and upcoming first")
    List<Campaign> all() {
        return campaigns.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A campaign")
    Campaign one(@PathVariable UUID id) {
        return campaigns.get(id);
    }

    @GetMapping("/{id}/progress")
    @Operation(
            summary = "A campaign's figures and goals with progress",
            description =
                    "For its participants and organisers; for anyone else once at least ten people have taken part (403 before).")
    Campaigns.Progress progress(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        requireFigures(me, id);
        return campaigns.progress(id);
    }

    private void requireFigures(@Nullable Actor me, UUID id) {
        if (!campaigns.figuresVisibleTo(me, campaigns.get(id))) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-figures-members-only", null, Campaigns.PUBLIC_MINIMUM);
        }
    }

    @GetMapping("/{id}/leaderboard")
    @Operation(
            summary =
                    "Fair leaderboards: individuals (by reduction or by days active), teams (per member), communities (by participation rate)",
            description =
                    "Individuals appear by name only if they allow it in the campaign; the caller sees their own name.")
    Leaderboards leaderboard(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "REDUCTION") Participation.Ranking ranking) {
        requireFigures(me, id);
        return new Leaderboards(
                campaigns.individuals(id, ranking, me == null ? null : me.id()),
                campaigns.teamStandings(id),
                campaigns.communityStandings(id));
    }

    @GetMapping("/{id}/teams")
    @Operation(summary = "A campaign's teams")
    List<Campaigns.Team> teams(@PathVariable UUID id) {
        campaigns.get(id);
        return campaigns.teams(id);
    }

    @PostMapping
    @Operation(summary = "Create a campaign (organisers of the organisation)")
    ResponseEntity<Campaign> create(@AuthenticationPrincipal Actor me, @RequestBody CampaignForm body) {
        Campaign campaign = campaigns.create(me, body);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id()))
                .body(campaign);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a campaign (organisers of its organisation)")
    Campaign update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody CampaignForm body) {
        return campaigns.update(me, id, body);
    }

    @PostMapping("/{id}/participants")
    @Operation(summary = "Join a campaign (the caller), optionally in a team of at most ten")
    ResponseEntity<Void> join(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable Join body) {
        campaigns.join(me, id, body == null ? null : body.teamId());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/participants/me")
    @Operation(summary = "Leave a campaign (the caller)")
    ResponseEntity<Void> leave(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        campaigns.leave(me, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/teams")
    @Operation(summary = "Start a team; its founder joins it")
    ResponseEntity<Campaigns.Team> team(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewTeam body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.createTeam(me, id, body.name()));
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "Everyone who joined, with their totals (organisers of its organisation)")
    List<Participation.Member> members(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        campaigns.manageable(me, id);
        return participation.members(Scope.campaign(id));
    }

    @PostMapping("/{id}/stories")
    @Operation(summary = "Post a story to a campaign (participants), moderated by its organisation's organisers")
    ResponseEntity<Stories.Story> story(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewStory body) {
        Campaign campaign = campaigns.get(id);
        if (!participation.isParticipant(Scope.campaign(id), me.id()) && !campaigns.mayManage(me, campaign)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-join-first", "id", id);
        }
        var story = stories.submit(
                me, body.title(), body.body(), new Stories.Link(campaign.organisationId(), null, id), List.of());
        return ResponseEntity.created(URI.create("/api/v1/stories/" + story.id()))
                .body(story);
    }

    @GetMapping("/{id}/items")
    @Operation(summary = "Green Graduation items of a campaign")
    List<Handovers.Item> items(@PathVariable UUID id) {
        campaigns.get(id);
        return handovers.items(id);
    }

    @PostMapping("/{id}/items")
    @Operation(summary = "List an item to pass on (participants of a Green Graduation campaign)")
    ResponseEntity<Handovers.Item> list(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewItem body) {
        var item = handovers.list(me, id, body.category(), body.title(), body.description(), body.weightKg());
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + id + "/items/" + item.id()))
                .body(item);
    }

    @PostMapping("/{id}/items/{itemId}/reservation")
    @Operation(summary = "Reserve a listed item (another participant; 409 when taken)")
    Handovers.Item reserve(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID itemId) {
        return handovers.reserve(me, id, itemId);
    }

    @DeleteMapping("/{id}/items/{itemId}/reservation")
    @Operation(summary = "Give up a reservation (the receiver or the giver)")
    Handovers.Item release(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID itemId) {
        return handovers.release(me, id, itemId);
    }

    @PostMapping("/{id}/items/{itemId}/handover")
    @Operation(
            summary =
                    "Confirm receipt (the receiver): the giver is credited the reuse, the receiver the second-hand acquisition")
    Handovers.Item confirm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID itemId) {
        return handovers.confirm(me, id, itemId);
    }

    @PostMapping("/{id}/items/{itemId}/withdrawal")
    @Operation(summary = "Withdraw an item nobody has received (the giver)")
    Handovers.Item withdraw(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID itemId) {
        return handovers.withdraw(me, id, itemId);
    }
}
