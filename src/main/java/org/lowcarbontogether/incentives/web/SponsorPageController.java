package org.lowcarbontogether.incentives.web;

import org.lowcarbontogether.shared.Actor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.incentives.PointsRules;
import org.lowcarbontogether.incentives.Redemptions;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.platform.ProblemWriter;
import org.springframework.format.annotation.DateTimeFormat;
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

    SponsorPageController(Rewards rewards, Redemptions redemptions, Organisations organisations, PointsRules rules,
            ProblemWriter problems) {
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.organisations = organisations;
        this.rules = rules;
        this.problems = problems;
    }

    /** The reward form; empty fields stay null so the service reports them. */
    public static class RewardForm {
        private @Nullable UUID organisationId;
        private Rewards.@Nullable Kind kind;
        private String nameEn = "";
        private String nameZh = "";
        private String descriptionEn = "";
        private String descriptionZh = "";
        private @Nullable Long costPoints;
        private @Nullable Integer stock;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private @Nullable LocalDate validFrom;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private @Nullable LocalDate validUntil;
        private @Nullable Integer minLevel = 1;
        private List<Rewards.AgeGroup> ageGroups = new ArrayList<>();
        private @Nullable UUID communityId;
        private boolean campusOnly;
        private @Nullable BigDecimal donationAmount;
        private String donationRecipient = "";

        static RewardForm of(Rewards.Reward r) {
            var form = new RewardForm();
            form.organisationId = r.organisationId();
            form.kind = r.kind();
            form.nameEn = r.name().en();
            form.nameZh = r.name().zh();
            form.descriptionEn = r.description().en();
            form.descriptionZh = r.description().zh();
            form.costPoints = r.costPoints();
            form.stock = r.stock();
            form.validFrom = r.validFrom();
            form.validUntil = r.validUntil();
            form.minLevel = r.minLevel();
            form.ageGroups = new ArrayList<>(r.ageGroups());
            form.communityId = r.communityId();
            form.campusOnly = r.campusOrganisationId() != null;
            form.donationAmount = r.donationAmount();
            form.donationRecipient = r.donationRecipient() == null ? "" : r.donationRecipient();
            return form;
        }

        Rewards.Draft draft() {
            return new Rewards.Draft(kind, nameEn, nameZh, descriptionEn, descriptionZh, costPoints, stock, validFrom, validUntil,
                    minLevel, ageGroups, communityId, campusOnly, donationAmount, donationRecipient);
        }

        public @Nullable UUID getOrganisationId() { return organisationId; }
        public void setOrganisationId(@Nullable UUID organisationId) { this.organisationId = organisationId; }
        public Rewards.@Nullable Kind getKind() { return kind; }
        public void setKind(Rewards.@Nullable Kind kind) { this.kind = kind; }
        public String getNameEn() { return nameEn; }
        public void setNameEn(String nameEn) { this.nameEn = nameEn; }
        public String getNameZh() { return nameZh; }
        public void setNameZh(String nameZh) { this.nameZh = nameZh; }
        public String getDescriptionEn() { return descriptionEn; }
        public void setDescriptionEn(String descriptionEn) { this.descriptionEn = descriptionEn; }
        public String getDescriptionZh() { return descriptionZh; }
        public void setDescriptionZh(String descriptionZh) { this.descriptionZh = descriptionZh; }
        public @Nullable Long getCostPoints() { return costPoints; }
        public void setCostPoints(@Nullable Long costPoints) { this.costPoints = costPoints; }
        public @Nullable Integer getStock() { return stock; }
        public void setStock(@Nullable Integer stock) { this.stock = stock; }
        public @Nullable LocalDate getValidFrom() { return validFrom; }
        public void setValidFrom(@Nullable LocalDate validFrom) { this.validFrom = validFrom; }
        public @Nullable LocalDate getValidUntil() { return validUntil; }
        public void setValidUntil(@Nullable LocalDate validUntil) { this.validUntil = validUntil; }
        public @Nullable Integer getMinLevel() { return minLevel; }
        public void setMinLevel(@Nullable Integer minLevel) { this.minLevel = minLevel; }
        public List<Rewards.AgeGroup> getAgeGroups() { return ageGroups; }
        public void setAgeGroups(List<Rewards.AgeGroup> ageGroups) { this.ageGroups = ageGroups; }
        public @Nullable UUID getCommunityId() { return communityId; }
        public void setCommunityId(@Nullable UUID communityId) { this.communityId = communityId; }
        public boolean isCampusOnly() { return campusOnly; }
        public void setCampusOnly(boolean campusOnly) { this.campusOnly = campusOnly; }
        public @Nullable BigDecimal getDonationAmount() { return donationAmount; }
        public void setDonationAmount(@Nullable BigDecimal donationAmount) { this.donationAmount = donationAmount; }
        public String getDonationRecipient() { return donationRecipient; }
        public void setDonationRecipient(String donationRecipient) { this.donationRecipient = donationRecipient; }
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
    String create(@AuthenticationPrincipal Actor me, @ModelAttribute("form") RewardForm form, BindingResult errors,
            Model model) {
        if (errors.hasErrors()) {
            return form(me, model, null);
        }
        if (form.getOrganisationId() == null) {
            errors.rejectValue("organisationId", "problem.reward-field-required.detail");
            return form(me, model, null);
        }
        try {
            var reward = rewards.create(me.id(), form.getOrganisationId(), form.draft());
            return "redirect:/sponsor/rewards/" + reward.id() + "?saved";
        } catch (Refusal e) {
            IncentivesPageController.pageError(e);
            reject(e, errors);
            return form(me, model, null);
        }
    }

    @GetMapping("/sponsor/rewards/{id}")
    String edit(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var reward = sponsored(me, id);
        model.addAttribute("form", RewardForm.of(reward));
        return form(me, model, reward);
    }

    @PostMapping("/sponsor/rewards/{id}")
    String update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @ModelAttribute("form") RewardForm form,
            BindingResult errors, Model model) {
        var reward = sponsored(me, id);
        if (errors.hasErrors()) {
            return form(me, model, reward);
        }
        try {
            rewards.update(me.id(), id, form.draft());
            return "redirect:/sponsor/rewards/" + id + "?saved";
        } catch (Refusal e) {
            IncentivesPageController.pageError(e);
            reject(e, errors);
            return form(me, model, reward);
        }
    }

    @PostMapping("/sponsor/rewards/{id}/codes")
    String uploadCodes(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam("file") MultipartFile file,
            RedirectAttributes redirect, Locale locale) throws IOException {
        sponsored(me, id);
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            redirect.addFlashAttribute("upload", rewards.uploadCodes(me.id(), id, reader));
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/sponsor/rewards/" + id;
    }

    @GetMapping("/sponsor/rewards/{id}/redemptions.csv")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        sponsored(me, id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("redemptions-" + id + ".csv").build().toString())
                .body(redemptions.csv(me.id(), id).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/sponsor/rewards/{id}/redemptions/{userId}/{redemptionId}/cancel")
    String cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID userId,
            @PathVariable UUID redemptionId, RedirectAttributes redirect, Locale locale) {
        try {
            redemptions.cancelBySponsor(me.id(), id, userId, redemptionId);
            redirect.addFlashAttribute("cancelled", redemptionId);
        } catch (Refusal e) {
            IncentivesPageController.pageError(e);
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/sponsor/rewards/" + id;
    }

    private Rewards.Reward sponsored(Actor me, UUID id) {
        try {
            return rewards.sponsored(me.id(), id);
        } catch (Refusal e) {
            throw IncentivesPageController.pageError(e);
        }
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

    private void reject(Refusal e, BindingResult errors) {
        problems.bind(e, errors, org.springframework.context.i18n.LocaleContextHolder.getLocale(), field -> field);
    }
}
