package org.lowcarbontogether.campaigns.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.campaigns.Campaigns.Campaign;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.stories.Stories;
import org.lowcarbontogether.stories.StoryForms;
import org.lowcarbontogether.stories.StoryInput;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaign pages: the list, a campaign with progress and leaderboards, joining, stories, and the organiser's form. */
@Controller
class CampaignPageController {

    private final Campaigns campaigns;
    private final Participation participation;
    private final Organisations organisations;
    private final Communities communities;
    private final Stories stories;
    private final Methodology methodology;
    private final ProblemWriter problems;
    private final StoryForms storyForms;
    private final PageForms forms;

    CampaignPageController(
            Campaigns campaigns,
            Participation participation,
            Organisations organisations,
            Communities communities,
            Stories stories,
            Methodology methodology,
            ProblemWriter problems,
            StoryForms storyForms,
            PageForms forms) {
        this.campaigns = campaigns;
        this.participation = participation;
        this.organisations = organisations;
        this.communities = communities;
        this.stories = stories;
        this.methodology = methodology;
        this.problems = problems;
        this.storyForms = storyForms;
        this.forms = forms;
    }

    @GetMapping("/campaigns")
    String list(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("campaigns", campaigns.all());
        model.addAttribute("mine", me == null ? List.of() : campaigns.joinedBy(me.id()));
        model.addAttribute(
                "mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        model.addAttribute("templates", Campaigns.Template.values());
        model.addAttribute("today", participation.today());
        return "campaigns/list";
    }

    @GetMapping("/campaigns/{id}")
    String campaign(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "REDUCTION") Participation.Ranking ranking,
            Model model,
            Locale locale) {
        Campaign campaign = campaigns.get(id);
        var scope = Scope.campaign(id);
        boolean joined = me != null && participation.isParticipant(scope, me.id());
        boolean figures = campaigns.figuresVisibleTo(me, campaign);
        model.addAttribute("campaign", campaign);
        model.addAttribute("coOrganisers", campaigns.coOrganisers(id));
        model.addAttribute("figuresShown", figures);
        model.addAttribute("progress", figures ? campaigns.progress(id) : null);
        model.addAttribute("joined", joined);
        model.addAttribute(
                "myTeam",
                joined && me != null ? participation.teamOf(scope, me.id()).orElse(null) : null);
        model.addAttribute("showName", joined && me != null && participation.showsInFeed(scope, me.id()));
        model.addAttribute("teams", campaigns.teams(id));
        model.addAttribute("ranking", ranking);
        model.addAttribute(
                "individuals", figures ? campaigns.individuals(id, ranking, me == null ? null : me.id()) : List.of());
        model.addAttribute("teamStandings", figures ? campaigns.teamStandings(id) : List.of());
        model.addAttribute("communityStandings", figures ? campaigns.communityStandings(id) : List.of());
        model.addAttribute("stories", stories.published(null, id, 6));
        model.addAttribute("mayManage", campaigns.mayManage(me, campaign));
        model.addAttribute("over", campaign.over(participation.today()));
        model.addAttribute(
                "audience",
                campaign.audienceCommunityId() == null
                        ? null
                        : communities.find(campaign.audienceCommunityId()).orElse(null));
        var names = methodology.behaviourNames(locale);
        model.addAttribute(
                "behaviourNames",
                campaign.behaviours().stream()
                        .map(b -> names.getOrDefault(b, b))
                        .toList());
        return "campaigns/campaign";
    }

    /** Joining, alone or with a team: only an unknown campaign is the error page; the rest is said on its page. */
    @PostMapping("/campaigns/{id}/join")
    String join(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String teamId,
            @RequestParam(required = false) @Nullable String newTeam,
            @RequestParam(defaultValue = "false") boolean showName,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            PageRefusals.refusalOf(
                            () -> {
                                if (newTeam != null && !newTeam.isBlank()) {
                                    campaigns.createTeam(me, id, newTeam);
                                } else {
                                    campaigns.join(
                                            me,
                                            id,
                                            teamId == null || teamId.isBlank() ? null : UUID.fromString(teamId));
                                }
                                participation.showInFeed(Scope.campaign(id), me.id(), showName);
                            },
                            e -> e.kind() == Refusal.Kind.NOT_FOUND)
                    .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute(
                    "problem",
                    problems.describe(
                            Refusal.invalid(
                                    List.of(Violation.of("teamId", "value-unknown", teamId == null ? "" : teamId))),
                            locale));
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/leave")
    String leave(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        campaigns.leave(me, id);
        return "redirect:/campaigns/" + id;
    }

    @GetMapping("/campaigns/new")
    String newForm(
            @AuthenticationPrincipal Actor me,
            @RequestParam(defaultValue = "CUSTOM") Campaigns.Template template,
            Model model,
            Locale locale) {
        return form(
                me, model, null, forms.values(CampaignInput.from(template, participation.today())), Map.of(), locale);
    }

    /** Creating: only an organisation the caller does not organise is the error page; the rest is said on the form. */
    @PostMapping("/campaigns/new")
    String create(
            @AuthenticationPrincipal Actor me,
            @Valid CampaignInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        if (binding.hasErrors()) {
            return form(me, model, null, forms.values(binding), forms.errors(binding, locale), locale);
        }
        var created = PageRefusals.attempt(
                () -> campaigns.create(me, input.toCampaignForm()), e -> e.kind() == Refusal.Kind.FORBIDDEN);
        return created.then(
                campaign -> "redirect:/campaigns/" + campaign.id(),
                refusal ->
                        form(me, model, null, forms.values(binding), problems.fieldMessages(refusal, locale), locale));
    }

    @GetMapping("/campaigns/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Campaign campaign = campaigns.manageable(me, id);
        return form(me, model, campaign, forms.values(CampaignInput.of(campaign)), Map.of(), locale);
    }

    /** Editing someone else's campaign is the error page (checked first); every other refusal is said on the form. */
    @PostMapping("/campaigns/{id}/edit")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid CampaignInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        Campaign campaign = campaigns.manageable(me, id);
        if (binding.hasErrors()) {
            return form(me, model, campaign, forms.values(binding), forms.errors(binding, locale), locale);
        }
        return PageRefusals.refusalOf(() -> campaigns.update(me, id, input.toCampaignForm()), e -> false)
                .map(refusal -> form(
                        me, model, campaign, forms.values(binding), problems.fieldMessages(refusal, locale), locale))
                .orElse("redirect:/campaigns/" + id);
    }

    @GetMapping("/campaigns/{id}/stories/new")
    String storyForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Campaign campaign = participantCampaign(me, id);
        return storyForms.show(model, "/campaigns/" + id + "/stories/new", campaign.name(), Map.of(), Map.of());
    }

    @PostMapping("/campaigns/{id}/stories/new")
    String story(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            StoryInput input,
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> photos,
            Model model,
            Locale locale) {
        Campaign campaign = participantCampaign(me, id);
        return storyForms.submit(
                me,
                new Stories.Link(campaign.organisationId(), null, id),
                "/campaigns/" + id + "/stories/new",
                campaign.name(),
                input.values(),
                photos,
                model,
                locale);
    }

    private Campaign participantCampaign(Actor me, UUID id) {
        Campaign campaign = campaigns.get(id);
        if (!participation.isParticipant(Scope.campaign(id), me.id()) && !campaigns.mayManage(me, campaign)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-join-first", "id", id);
        }
        return campaign;
    }

    private String form(
            Actor me,
            Model model,
            @Nullable Campaign campaign,
            Map<String, @Nullable Object> values,
            Map<String, String> errors,
            Locale locale) {
        var organised = organisations.organisedBy(me.id());
        model.addAttribute("campaign", campaign);
        model.addAttribute("organisations", organised);
        model.addAttribute(
                "communities",
                organised.stream()
                        .flatMap(o -> communities.ofOrganisation(o.id()).stream())
                        .toList());
        model.addAttribute("templates", Campaigns.Template.values());
        var names = methodology.behaviourNames(locale);
        model.addAttribute(
                "behaviours",
                methodology.current().behaviours().stream()
                        .map(b -> Map.of("code", b.code(), "name", names.get(b.code())))
                        .toList());
        model.addAttribute("regions", Regions.recordable());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "campaigns/form";
    }
}
