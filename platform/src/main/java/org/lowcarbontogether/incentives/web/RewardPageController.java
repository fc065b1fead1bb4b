package org.lowcarbontogether.incentives.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.incentives.Redemptions;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rewards for participants: the catalogue (with whether they may redeem each), redeeming, their redemptions and
 * cancelling one, certificates and their public verification.
 */
@Controller
class RewardPageController {

    private final Rewards rewards;
    private final Redemptions redemptions;
    private final Points points;
    private final ProblemWriter problems;
    private final Clock clock;

    RewardPageController(Rewards rewards, Redemptions redemptions, Points points, ProblemWriter problems, Clock clock) {
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.points = points;
        this.problems = problems;
        this.clock = clock;
    }

    /** A reward as the catalogue shows it to this visitor: whether they may redeem it, and a fresh idempotency key. */
    record Offer(
            Rewards.Reward reward,
            Rewards.@Nullable Ineligibility refusal,
            @Nullable String refusalText,
            String key) {}

    @GetMapping("/rewards")
    String catalogue(@AuthenticationPrincipal @Nullable AuthenticatedUser me, Model model, Locale locale) {
        var participant = me == null ? null : rewards.participant(me.id());
        var today = rewards.today();
        List<Offer> offers = new ArrayList<>();
        for (var reward : rewards.catalogue()) {
            var refusal = participant == null
                    ? null
                    : rewards.ineligibility(reward, participant, today).orElse(null);
            offers.add(new Offer(
                    reward,
                    refusal,
                    refusal == null ? null : problems.describe(refusal.refusal(), locale),
                    UUID.randomUUID().toString()));
        }
        model.addAttribute("offers", offers);
        model.addAttribute("participant", participant);
        model.addAttribute("summary", me == null ? null : points.summary(me.id()));
        model.addAttribute("ageGroups", Rewards.AgeGroup.values());
        return "incentives/rewards";
    }

    @PostMapping("/rewards/age-group")
    String ageGroup(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String ageGroup,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            rewards.setAgeGroup(me.id(), Rewards.AgeGroup.valueOf(ageGroup == null ? "" : ageGroup));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute(
                    "ageGroupError", problems.describe(Refusal.invalid("reward-field-required", "ageGroup"), locale));
        }
        return "redirect:/rewards";
    }

    /** Redeeming: every refusal — even an unknown reward — is said on the catalogue, next to the reward. */
    @PostMapping("/rewards/{id}/redeem")
    String redeem(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam String idempotencyKey,
            RedirectAttributes redirect,
            Locale locale) {
        return PageRefusals.attempt(() -> redemptions.redeem(me.id(), me.displayName(), id, idempotencyKey), e -> false)
                .then(
                        outcome -> {
                            redirect.addAttribute(
                                    "redeemed", outcome.redemption().id());
                            return "redirect:/account/redemptions";
                        },
                        refusal -> {
                            redirect.addFlashAttribute("problem", problems.describe(refusal, locale));
                            redirect.addFlashAttribute("problemReward", id);
                            return "redirect:/rewards";
                        });
    }

    @GetMapping("/account/redemptions")
    String myRedemptions(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable UUID redeemed,
            Model model) {
        model.addAttribute("redemptions", redemptions.of(me.id()));
        model.addAttribute("redeemed", redeemed);
        model.addAttribute("cancelHours", redemptions.cancelWindow().toHours());
        model.addAttribute("cancelBefore", clock.instant().minus(redemptions.cancelWindow()));
        return "incentives/redemptions";
    }

    @PostMapping("/account/redemptions/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> redemptions.cancelByParticipant(me.id(), id))
                .ifPresentOrElse(
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)),
                        () -> redirect.addFlashAttribute("cancelled", id));
        return "redirect:/account/redemptions";
    }

    /** A certificate as a PDF; any refusal is the error page. */
    @GetMapping("/account/redemptions/{id}/certificate")
    ResponseEntity<byte[]> certificate(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            HttpServletRequest request,
            Locale locale) {
        var redemption =
                redemptions.find(me.id(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String base = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443
                        ? ""
                        : ":" + request.getServerPort());
        byte[] pdf = redemptions.certificatePdf(me.id(), id, base + "/certificates/" + redemption.reference(), locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("certificate-" + redemption.reference() + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }

    @GetMapping("/certificates/{code}")
    String verifyCertificate(@PathVariable String code, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("certificate", redemptions.certificate(code).orElse(null));
        return "incentives/certificate";
    }
}
