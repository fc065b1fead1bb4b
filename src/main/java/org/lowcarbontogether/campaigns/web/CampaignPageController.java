package org.lowcarbontogether.campaigns.web;

import org.lowcarbontogether.shared.Actor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.campaigns.Campaigns.Campaign;
import org.lowcarbontogether.campaigns.Campaigns.CampaignForm;
import org.lowcarbontogether.campaigns.Handovers;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.stories.Stories;
import org.lowcarbontogether.stories.StoryForms;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaign pages: the list, a campaign with progress and leaderboards, joining, the organiser's form, Green Graduation. */
@Controller
class CampaignPageController {

    private final Campaigns campaigns;
    private final Handovers handovers;
    private final Participation participation;
    private final Organisations organisations;
    private final Communities communities;
    private final Stories stories;
    private final Methodology methodology;
    private final ProblemWriter problems;
    private final StoryForms storyForms;

    CampaignPageController(Campaigns campaigns, Handovers handovers, Participation participation, Organisations organisations,
            Communities communities, Stories stories, Methodology methodology, ProblemWriter problems, StoryForms storyForms) {
        this.storyForms = storyForms;
        this.campaigns = campaigns;
        this.handovers = handovers;
        this.participation = participation;
        this.organisations = organisations;
        this.communities = communities;
        this.stories = stories;
        this.methodology = methodology;
        this.problems = problems;
    }

    @GetMapping("/campaigns")
    String list(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("campaigns", campaigns.all());
        model.addAttribute("mine", me == null ? List.of() : campaigns.joinedBy(me.id()));
        model.addAttribute("mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        model.addAttribute("templates", Campaigns.Template.values());
        model.addAttribute("today", participation.today());
        return "campaigns/list";
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @RequestParam(defaultValue = "REDUCTION") Participation.Ranking ranking, Model model, Locale locale) {
        Campaign campaign = campaigns.get(id);
        var scope = Scope.campaign(id);
        boolean joined = me != null && participation.isParticipant(scope, me.id());
        boolean figures = campaigns.figuresVisibleTo(me, campaign);
        model.addAttribute("campaign", campaign);
        model.addAttribute("figuresShown", figures);
        model.addAttribute("progress", figures ? campaigns.progress(id) : null);
        model.addAttribute("joined", joined);
        model.addAttribute("myTeam", joined ? participation.teamOf(scope, me.id()).orElse(null) : null);
        model.addAttribute("showName", joined && participation.showsInFeed(scope, me.id()));
        model.addAttribute("teams", campaigns.teams(id));
        model.addAttribute("ranking", ranking);
        model.addAttribute("individuals", figures ? campaigns.individuals(id, ranking, me == null ? null : me.id()) : List.of());
        model.addAttribute("teamStandings", figures ? campaigns.teamStandings(id) : List.of());
        model.addAttribute("communityStandings", figures ? campaigns.communityStandings(id) : List.of());
        model.addAttribute("stories", stories.published(null, id, 6));
        model.addAttribute("mayManage", campaigns.mayManage(me, campaign));
        model.addAttribute("over", campaign.over(participation.today()));
        model.addAttribute("audience", campaign.audienceCommunityId() == null ? null
                : communities.find(campaign.audienceCommunityId()).orElse(null));
        var names = methodology.behaviourNames(locale);
        model.addAttribute("behaviourNames", campaign.behaviours().stream().map(b -> names.getOrDefault(b, b)).toList());
        return "campaigns/campaign";
    }

    @PostMapping("/campaigns/{id}/join")
    String join(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String teamId, @RequestParam(required = false) @Nullable String newTeam,
            @RequestParam(defaultValue = "false") boolean showName, RedirectAttributes redirect, Locale locale) {
        try {
            if (newTeam != null && !newTeam.isBlank()) {
                campaigns.createTeam(me, id, newTeam);
            } else {
                campaigns.join(me, id, teamId == null || teamId.isBlank() ? null : UUID.fromString(teamId));
            }
            participation.showInFeed(Scope.campaign(id), me.id(), showName);
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", problems.describe(Refusal.invalid(
                    List.of(Violation.of("teamId", "value-unknown", teamId))), locale));
        }
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/leave")
    String leave(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        campaigns.leave(me, id);
        return "redirect:/campaigns/" + id;
    }

    @GetMapping("/campaigns/new")
    String newForm(@AuthenticationPrincipal Actor me, @RequestParam(defaultValue = "CUSTOM") Campaigns.Template template,
            Model model, Locale locale) {
        var values = new HashMap<String, Object>();
        LocalDate today = participation.today();
        values.put("template", template.name());
        values.put("startsOn", today.toString());
        values.put("endsOn", today.plusDays(template.days() - 1L).toString());
        values.put("behaviours", template.behaviours());
        if (template == Campaigns.Template.GREEN_GRADUATION) {
            values.put("replacementRate", "");
        }
        return form(me, model, null, values, Map.of(), locale);
    }

    @PostMapping("/campaigns/new")
    String create(@AuthenticationPrincipal Actor me, @RequestParam MultiValueMap<String, String> values, Model model,
            Locale locale) {
        try {
            Campaign campaign = campaigns.create(me, form(values));
            return "redirect:/campaigns/" + campaign.id();
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.FORBIDDEN) {
                throw e;
            }
            return form(me, model, null, flat(values), problems.fieldMessages(e, locale), locale);
        }
    }

    @GetMapping("/campaigns/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Campaign c = campaigns.manageable(me, id);
        var values = new HashMap<String, Object>();
        values.put("organisationId", c.organisationId().toString());
        values.put("name", c.name());
        values.put("description", c.description());
        values.put("template", c.template().name());
        values.put("behaviours", c.behaviours());
        values.put("startsOn", c.startsOn().toString());
        values.put("endsOn", c.endsOn().toString());
        values.put("region", c.region() == null ? "" : c.region());
        values.put("audienceCommunityId", c.audienceCommunityId() == null ? "" : c.audienceCommunityId().toString());
        values.put("goalBehaviours", c.goalBehaviours() == null ? "" : c.goalBehaviours().toString());
        values.put("goalKg", c.goalGrams() == null ? "" : BigDecimal.valueOf(c.goalGrams(), 3).stripTrailingZeros().toPlainString());
        values.put("goalParticipants", c.goalParticipants() == null ? "" : c.goalParticipants().toString());
        values.put("replacementRate", c.replacementRate() == null ? "" : c.replacementRate().toPlainString());
        return form(me, model, c, values, Map.of(), locale);
    }

    @PostMapping("/campaigns/{id}/edit")
    String update(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> values, Model model, Locale locale) {
        Campaign campaign = campaigns.manageable(me, id);
        try {
            campaigns.update(me, id, form(values));
            return "redirect:/campaigns/" + id;
        } catch (Refusal e) {
            return form(me, model, campaign, flat(values), problems.fieldMessages(e, locale), locale);
        }
    }

    @GetMapping("/campaigns/{id}/stories/new")
    String storyForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Campaign campaign = participantCampaign(me, id);
        return storyForms.show(model, "/campaigns/" + id + "/stories/new", campaign.name(), Map.of(), Map.of());
    }

    @PostMapping("/campaigns/{id}/stories/new")
    String story(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> photos, Model model, Locale locale) {
        Campaign campaign = participantCampaign(me, id);
        return storyForms.submit(me, new Stories.Link(campaign.organisationId(), null, id), "/campaigns/" + id + "/stories/new",
                campaign.name(), values, photos, model, locale);
    }

    /** Green Graduation: the items on offer, the caller's own, and the form to list one. */
    @GetMapping("/campaigns/{id}/items")
    String items(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Campaign campaign = campaigns.get(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("items", handovers.items(id));
        model.addAttribute("joined", participation.isParticipant(Scope.campaign(id), me.id()));
        model.addAttribute("categories", Handovers.Category.values());
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return "campaigns/items";
    }

    @PostMapping("/campaigns/{id}/items")
    String listItem(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            Model model, Locale locale) {
        try {
            var violations = new ArrayList<Violation>();
            BigDecimal weight = FormFields.decimal(values.get("weightKg"), "weightKg", violations);
            FormFields.check(violations);
            handovers.list(me, id, values.get("category"), values.get("title"), values.get("description"), weight);
            return "redirect:/campaigns/" + id + "/items";
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("campaign", campaigns.get(id));
            model.addAttribute("items", handovers.items(id));
            model.addAttribute("joined", participation.isParticipant(Scope.campaign(id), me.id()));
            model.addAttribute("categories", Handovers.Category.values());
            model.addAttribute("values", values);
            model.addAttribute("errors", problems.fieldMessages(e, locale));
            return "campaigns/items";
        }
    }

    @PostMapping("/campaigns/{id}/items/{itemId}/{action}")
    String itemAction(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID itemId,
            @PathVariable String action, RedirectAttributes redirect, Locale locale) {
        try {
            switch (action) {
                case "reserve" -> handovers.reserve(me, id, itemId);
                case "release" -> handovers.release(me, id, itemId);
                case "confirm" -> handovers.confirm(me, id, itemId);
                case "withdraw" -> handovers.withdraw(me, id, itemId);
                default -> throw new Refusal(Refusal.Kind.NOT_FOUND, "handover-item-unknown", "id", itemId);
            }
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/campaigns/" + id + "/items";
    }

    private Campaign participantCampaign(Actor me, UUID id) {
        Campaign campaign = campaigns.get(id);
        if (!participation.isParticipant(Scope.campaign(id), me.id()) && !campaigns.mayManage(me, campaign)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-join-first", "id", id);
        }
        return campaign;
    }

    private String form(Actor me, Model model, @Nullable Campaign campaign, Map<String, Object> values,
            Map<String, String> errors, Locale locale) {
        var organised = organisations.organisedBy(me.id());
        model.addAttribute("campaign", campaign);
        model.addAttribute("organisations", organised);
        model.addAttribute("communities", organised.stream().flatMap(o -> communities.ofOrganisation(o.id()).stream()).toList());
        model.addAttribute("templates", Campaigns.Template.values());
        var names = methodology.behaviourNames(locale);
        model.addAttribute("behaviours", methodology.current().behaviours().stream()
                .map(b -> Map.of("code", b.code(), "name", names.get(b.code())))
                .toList());
        model.addAttribute("regions", Regions.recordable());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "campaigns/form";
    }

    private static Map<String, Object> flat(MultiValueMap<String, String> values) {
        var flat = new HashMap<String, Object>();
        values.forEach((k, v) -> flat.put(k, k.equals("behaviours") ? v : (v.isEmpty() ? "" : v.get(0))));
        return flat;
    }

    /** The form's fields as the service expects them; the reduction goal is entered in kg. */
    private static CampaignForm form(MultiValueMap<String, String> values) {
        var violations = new ArrayList<Violation>();
        UUID organisationId = FormFields.uuid(values.getFirst("organisationId"), "organisationId", violations);
        UUID audience = FormFields.uuid(values.getFirst("audienceCommunityId"), "audienceCommunityId", violations);
        LocalDate startsOn = FormFields.date(values.getFirst("startsOn"), "startsOn", violations);
        LocalDate endsOn = FormFields.date(values.getFirst("endsOn"), "endsOn", violations);
        Long goalBehaviours = FormFields.whole(values.getFirst("goalBehaviours"), "goalBehaviours", violations);
        BigDecimal goalKg = FormFields.decimal(values.getFirst("goalKg"), "goalKg", violations);
        Long goalParticipants = FormFields.whole(values.getFirst("goalParticipants"), "goalParticipants", violations);
        BigDecimal rate = FormFields.decimal(values.getFirst("replacementRate"), "replacementRate", violations);
        FormFields.check(violations);
        List<String> behaviours = values.getOrDefault("behaviours", List.of()).stream()
                .flatMap(b -> Arrays.stream(b.split(",")))
                .filter(b -> !b.isBlank())
                .toList();
        return new CampaignForm(organisationId, values.getFirst("name"), values.getFirst("description"), values.getFirst("template"),
                behaviours, startsOn, endsOn, values.getFirst("region"), audience, goalBehaviours,
                goalKg == null ? null : goalKg.movePointRight(3).longValue(), goalParticipants, rate);
    }
}
