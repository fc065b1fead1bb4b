package org.lowcarbontogether.incentives.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.incentives.PointsRules;
import org.lowcarbontogether.incentives.Redemptions;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sponsor pages: an organiser lists their organisations' rewards, creates and edits them, uploads voucher codes, sees
 * stock and redemptions, exports them, and cancels a redemption. Another organisation's reward is a 404 here.
 */
@Controller
class SponsorPageController {

    private final Rewards rewards;
    private final Redemptions redemptions;
    private final Organisations organisations;
    private final PointsRules rules;
    private final ProblemWriter problems;

    SponsorPageController(
            Rewards rewards,
            Redemptions redemptions,
            Organisations organisations,
            PointsRules rules,
            ProblemWriter problems) {
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.organisations = organisations;
        this.rules = rules;
        this.problems = problems;
    }

    @GetMapping("/sponsor/rewards")
    String list(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("rewards", rewards.sponsoredBy(me.id()));
        model.addAttribute("today", rewards.today());
        return "incentives/sponsor-rewards";
    }

    @GetMapping("/sponsor/rewards/new")
    String newReward(@AuthenticationPrincipal Actor me, Model model) {
        var form = new RewardForm();
        form.setValidFrom(rewards.today());
        form.setValidUntil(rewards.today().plusMonths(3));
        model.addAttribute("form", form);
        return form(me, model, null);
    }

    @PostMapping("/sponsor/rewards")
    String create(
            @AuthenticationPrincipal Actor me,
            @ModelAttribute("form") RewardForm form,
            BindingResult errors,
            Model model,
            Locale locale) {
        if (errors.hasErrors()) {
            return form(me, model, null);
        }
        if (form.getOrganisationId() == null) {
            errors.rejectValue("organisationId", "problem.reward-field-required.detail");
            return form(me, model, null);
        }
        UUID organisationId = form.getOrganisationId();
        return PageRefusals.attempt(() -> rewards.create(me.id(), organisationId, form.draft()))
                .then(reward -> "redirect:/sponsor/rewards/" + reward.id() + "?saved", refusal -> {
                    problems.bind(refusal, errors, locale, field -> field);
                    return form(me, model, null);
                });
    }

    @GetMapping("/sponsor/rewards/{id}")
    String edit(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var reward = rewards.sponsored(me.id(), id);
        model.addAttribute("form", RewardForm.of(reward));
        return form(me, model, reward);
    }

    @PostMapping("/sponsor/rewards/{id}")
    String update(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @ModelAttribute("form") RewardForm form,
            BindingResult errors,
            Model model,
            Locale locale) {
        var reward = rewards.sponsored(me.id(), id);
        if (errors.hasErrors()) {
            return form(me, model, reward);
        }
        return PageRefusals.refusalOf(() -> rewards.update(me.id(), id, form.draft()))
                .map(refusal -> {
                    problems.bind(refusal, errors, locale, field -> field);
                    return form(me, model, reward);
                })
                .orElse("redirect:/sponsor/rewards/" + id + "?saved");
    }

    @PostMapping("/sponsor/rewards/{id}/codes")
    String uploadCodes(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam("file") MultipartFile file,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        rewards.sponsored(me.id(), id);
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            redirect.addFlashAttribute("upload", rewards.uploadCodes(me.id(), id, reader));
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/sponsor/rewards/" + id;
    }

    @GetMapping("/sponsor/rewards/{id}/redemptions.csv")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        rewards.sponsored(me.id(), id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("redemptions-" + id + ".csv")
                                .build()
                                .toString())
                .body(redemptions.csv(me.id(), id).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/sponsor/rewards/{id}/redemptions/{userId}/{redemptionId}/cancel")
    String cancel(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable UUID userId,
            @PathVariable UUID redemptionId,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> redemptions.cancelBySponsor(me.id(), id, userId, redemptionId))
                .ifPresentOrElse(
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)),
                        () -> redirect.addFlashAttribute("cancelled", redemptionId));
        return "redirect:/sponsor/rewards/" + id;
    }

    private String form(Actor me, Model model, Rewards.@Nullable Reward reward) {
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("kinds", Rewards.Kind.values());
        model.addAttribute("ageGroups", Rewards.AgeGroup.values());
        model.addAttribute("levels", rules.current().levels());
        model.addAttribute("reward", reward);
        if (reward != null) {
            model.addAttribute("redemptions", redemptions.ofReward(me.id(), reward.id()));
            model.addAttribute("codes", reward.kind() == Rewards.Kind.VOUCHER ? rewards.codeCounts(reward.id()) : null);
        }
        return "incentives/sponsor-reward";
    }
}
