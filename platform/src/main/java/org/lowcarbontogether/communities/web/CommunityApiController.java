package org.lowcarbontogether.communities.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Communities.Community;
import org.lowcarbontogether.communities.Communities.CommunityForm;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.stories.Stories;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Communities: list and look (anyone), create and change (their organisation's organisers), join and leave. */
@RestController
@RequestMapping("/api/v1/communities")
@Tag(name = "Communities", description = "Online communities and physical community sites")
class CommunityApiController {

    /** A community with its combined figures. */
    record CommunityView(Community community, Participation.Metrics metrics) {}

    record CreateCommunity(
            @Nullable UUID organisationId,
            @Nullable String name,
            @Nullable String description,
            @Nullable String kind,
            @Nullable String visibility,
            @Nullable String address,
            java.math.@Nullable BigDecimal latitude,
            java.math.@Nullable BigDecimal longitude) {

        CommunityForm form() {
            return new CommunityForm(name, description, kind, visibility, address, latitude, longitude);
        }
    }

    record Privacy(boolean showInFeed) {}

    private final Communities communities;
    private final Participation participation;
    private final Stories stories;

    CommunityApiController(Communities communities, Participation participation, Stories stories) {
        this.communities = communities;
        this.participation = participation;
        this.stories = stories;
    }

    @GetMapping
    @Operation(summary = "All communities")
    List<Community> all() {
        return communities.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A community and its combined impact, participants, retention and streaks")
    CommunityView one(@PathVariable UUID id) {
        return new CommunityView(communities.get(id), participation.metrics(Scope.community(id)));
    }

    @GetMapping("/{id}/feed")
    @Operation(
            summary = "Recent behaviours in a community",
            description =
                    "Members-only communities show their feed only to members and their organisers (404 otherwise). "
                            + "Names appear only for members who allow it.")
    List<Participation.FeedItem> feed(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        Community community = communities.get(id);
        if (!communities.maySeeFeed(me, community)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "community-feed-hidden", "id", id);
        }
        return participation.feed(Scope.community(id), 50);
    }

    @PostMapping
    @Operation(summary = "Create a community (organisers of the organisation)")
    ResponseEntity<Community> create(@AuthenticationPrincipal Actor me, @RequestBody CreateCommunity body) {
        if (body.organisationId() == null) {
            throw Refusal.invalid("field-required", "organisationId", "organisationId");
        }
        Community community = communities.create(me, body.organisationId(), body.form());
        return ResponseEntity.created(URI.create("/api/v1/communities/" + community.id()))
                .body(community);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a community (organisers of its organisation)")
    Community update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody CreateCommunity body) {
        return communities.update(me, id, body.form());
    }

    record JoinAnswer(Communities.JoinOutcome outcome) {}

    @PostMapping("/{id}/members")
    @Operation(
            summary = "Join a community (the caller)",
            description =
                    "204 when the caller joined (or already belonged); 202 with outcome REQUESTED for a members-only "
                            + "community, which the caller joins once one of its organisers approves.")
    ResponseEntity<?> join(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var outcome = communities.join(me, id);
        return outcome == Communities.JoinOutcome.REQUESTED
                ? ResponseEntity.accepted().body(new JoinAnswer(outcome))
                : ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/join-requests")
    @Operation(summary = "Requests to join waiting for a decision (organisers of its organisation)")
    List<Communities.JoinRequest> joinRequests(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return communities.joinRequests(me, id);
    }

    @PostMapping("/{id}/join-requests/{userId}/approval")
    @Operation(summary = "Admit a person who asked to join (organisers of its organisation)")
    ResponseEntity<Void> approve(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID userId) {
        communities.decideJoinRequest(me, id, userId, true);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/join-requests/{userId}/refusal")
    @Operation(summary = "Turn down a request to join (organisers of its organisation)")
    ResponseEntity<Void> refuse(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID userId) {
        communities.decideJoinRequest(me, id, userId, false);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/me")
    @Operation(summary = "Leave a community (the caller)")
    ResponseEntity<Void> leave(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        communities.leave(me, id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/members/me/privacy")
    @Operation(summary = "Whether other members see the caller's name and behaviours")
    ResponseEntity<Void> privacy(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Privacy body) {
        communities.showInFeed(me, id, body.showInFeed());
        return ResponseEntity.noContent().build();
    }

    record NewStory(@Nullable String title, @Nullable String body) {}

    @PostMapping("/{id}/stories")
    @Operation(summary = "Post a story to a community (members), moderated by its organisation's organisers")
    ResponseEntity<Stories.Story> story(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewStory body) {
        Community community = communities.get(id);
        if (!participation.isParticipant(Scope.community(id), me.id()) && !communities.mayManage(me, community)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "community-not-member", "id", id);
        }
        var story = stories.submit(
                me, body.title(), body.body(), new Stories.Link(community.organisationId(), id, null), List.of());
        return ResponseEntity.created(URI.create("/api/v1/stories/" + story.id()))
                .body(story);
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "Everyone who ever joined, with their totals (organisers of its organisation)")
    List<Participation.Member> members(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        communities.manageable(me, id);
        return participation.members(Scope.community(id));
    }
}
