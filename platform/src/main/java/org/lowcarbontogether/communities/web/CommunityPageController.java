package org.lowcarbontogether.communities.web;

import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Communities.Community;
import org.lowcarbontogether.communities.CommunityInvitations;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.stories.Stories;
import org.lowcarbontogether.stories.StoryForms;
import org.lowcarbontogether.stories.StoryInput;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.ObjectMapper;

/** Community pages: the directory with its map, a community's page with impact and feed, and the organiser's form. */
@Controller
class CommunityPageController {

    private final Communities communities;
    private final Participation participation;
    private final Organisations organisations;
    private final Stories stories;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    private final Methodology methodology;
    private final StoryForms storyForms;
    private final PageForms forms;
    private final CommunityInvitations invitations;

    CommunityPageController(
            Communities communities,
            Participation participation,
            Organisations organisations,
            Stories stories,
            ProblemWriter problems,
            ObjectMapper json,
            Methodology methodology,
            StoryForms storyForms,
            PageForms forms,
            CommunityInvitations invitations) {
        this.invitations = invitations;
        this.methodology = methodology;
        this.storyForms = storyForms;
        this.forms = forms;
        this.communities = communities;
        this.participation = participation;
        this.organisations = organisations;
        this.stories = stories;
        this.problems = problems;
        this.json = json;
    }

    /** A place on the map, for the directory's Leaflet map. */
    record Marker(UUID id, String name, BigDecimal lat, BigDecimal lon, String address) {

        /** The pin of a located community (both coordinates set). */
        static Marker of(Community c) {
            return new Marker(
                    c.id(),
                    c.name(),
                    Objects.requireNonNull(c.latitude(), "a located community has a latitude"),
                    Objects.requireNonNull(c.longitude(), "a located community has a longitude"),
                    c.address() == null ? "" : c.address());
        }
    }

    @GetMapping("/communities")
    String directory(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        List<Community> all = communities.all();
        model.addAttribute("communities", all);
        model.addAttribute("mine", me == null ? List.of() : communities.joinedBy(me.id()));
        model.addAttribute(
                "mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        model.addAttribute(
                "markers",
                json.writeValueAsString(
                        all.stream().filter(Community::located).map(Marker::of).toList()));
        return "communities/directory";
    }

    @GetMapping("/communities/{id}")
    String community(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Community community = communities.get(id);
        var scope = Scope.community(id);
        boolean member = me != null && participation.isParticipant(scope, me.id());
        model.addAttribute("community", community);
        model.addAttribute("metrics", participation.metrics(scope));
        model.addAttribute("member", member);
        model.addAttribute("showInFeed", member && me != null && participation.showsInFeed(scope, me.id()));
        boolean mayManage = communities.mayManage(me, community);
        model.addAttribute("mayManage", mayManage);
        model.addAttribute("asked", me != null && !member && communities.hasAsked(me.id(), id));
        model.addAttribute(
                "invitation",
                me == null || member ? null : invitations.to(me, id).orElse(null));
        model.addAttribute("joinRequests", mayManage && me != null ? communities.joinRequests(me, id) : List.of());
        boolean maySeeFeed = communities.maySeeFeed(me, community);
        model.addAttribute("maySeeFeed", maySeeFeed);
        model.addAttribute("feed", maySeeFeed ? participation.feed(scope, 20) : List.of());
        model.addAttribute("stories", stories.published(id, null, 6));
        model.addAttribute("behaviourNames", methodology.behaviourNames(locale));
        if (community.located()) {
            model.addAttribute("markers", json.writeValueAsString(List.of(Marker.of(community))));
        }
        return "communities/community";
    }

    @PostMapping("/communities/{id}/join")
    String join(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        communities.join(me, id);
        return "redirect:/communities/" + id;
    }

    @PostMapping("/communities/{id}/join-requests/{userId}")
    String decideJoinRequest(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable UUID userId,
            @RequestParam boolean approve) {
        communities.decideJoinRequest(me, id, userId, approve);
        return "redirect:/communities/" + id + "#join-requests";
    }

    @PostMapping("/communities/{id}/leave")
    String leave(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        communities.leave(me, id);
        return "redirect:/communities/" + id;
    }

    @PostMapping("/communities/{id}/privacy")
    String privacy(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean showInFeed) {
        communities.showInFeed(me, id, showInFeed);
        return "redirect:/communities/" + id;
    }

    @GetMapping("/communities/new")
    String newForm(@AuthenticationPrincipal Actor me, Model model) {
        return form(me, model, null, forms.values(CommunityInput.blank()), Map.of());
    }

    /** Creating: only an organisation the caller does not organise is the error page; the rest is said on the form. */
    @PostMapping("/communities/new")
    String create(
            @AuthenticationPrincipal Actor me,
            @Validated(CommunityInput.Creation.class) CommunityInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        if (binding.hasErrors()) {
            return form(me, model, null, forms.values(binding), forms.errors(binding, locale));
        }
        var created = PageRefusals.attempt(
                () -> communities.create(
                        me,
                        Objects.requireNonNull(input.getOrganisationId(), "required when creating"),
                        input.toCommunityForm()),
                e -> e.kind() == Refusal.Kind.FORBIDDEN);
        return created.then(
                community -> "redirect:/communities/" + community.id(),
                refusal -> form(me, model, null, forms.values(binding), problems.fieldMessages(refusal, locale)));
    }

    @GetMapping("/communities/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Community community = communities.manageable(me, id);
        return form(me, model, community, forms.values(CommunityInput.of(community)), Map.of());
    }

    /** Editing someone else's community is the error page (checked first); every other refusal is said on the form. */
    @PostMapping("/communities/{id}/edit")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid CommunityInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        Community community = communities.manageable(me, id);
        if (binding.hasErrors()) {
            return form(me, model, community, forms.values(binding), forms.errors(binding, locale));
        }
        return PageRefusals.refusalOf(() -> communities.update(me, id, input.toCommunityForm()), e -> false)
                .map(refusal ->
                        form(me, model, community, forms.values(binding), problems.fieldMessages(refusal, locale)))
                .orElse("redirect:/communities/" + id);
    }

    /** Members post stories to their community; its organisers moderate them. */
    @GetMapping("/communities/{id}/stories/new")
    String storyForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Community community = memberCommunity(me, id);
        return storyForms.show(model, "/communities/" + id + "/stories/new", community.name(), Map.of(), Map.of());
    }

    @PostMapping("/communities/{id}/stories/new")
    String story(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            StoryInput input,
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> photos,
            Model model,
            Locale locale) {
        Community community = memberCommunity(me, id);
        return storyForms.submit(
                me,
                new Stories.Link(community.organisationId(), community.id(), null),
                "/communities/" + id + "/stories/new",
                community.name(),
                input.values(),
                photos,
                model,
                locale);
    }

    private Community memberCommunity(Actor me, UUID id) {
        Community community = communities.get(id);
        if (!participation.isParticipant(Scope.community(id), me.id()) && !communities.mayManage(me, community)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "community-not-member", "id", id);
        }
        return community;
    }

    private String form(
            Actor me,
            Model model,
            @Nullable Community community,
            Map<String, @Nullable Object> values,
            Map<String, String> errors) {
        model.addAttribute("community", community);
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("kinds", Communities.Kind.values());
        model.addAttribute("visibilities", Communities.Visibility.values());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "communities/form";
    }
}
