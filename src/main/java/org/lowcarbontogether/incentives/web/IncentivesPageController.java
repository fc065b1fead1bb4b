package org.lowcarbontogether.incentives.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.Badges;
import org.lowcarbontogether.incentives.CampaignMultipliers;
import org.lowcarbontogether.incentives.CampusLeaderboard;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.incentives.PointsEntry;
import org.lowcarbontogether.incentives.PointsRules;
import org.lowcarbontogether.incentives.Redemptions;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.platform.Refusals;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.platform.ProblemWriter;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Participant pages: my points with their reasons, badges, the catalogue, my redemptions; the rules; campus boards. */
@Controller
class IncentivesPageController {

    /** Evidence levels from the weakest to the strongest, as the rules page lists them. */
    static final List<String> EVIDENCE = List.of("SELF_REPORT", "PHOTO", "ORGANISER_VERIFIED", "GPS", "PARTNER_VERIFIED");

    private final PointsRules rules;
    private final Points points;
    private final Badges badges;
    private final Rewards rewards;
    private final Redemptions redemptions;
    private final CampaignMultipliers campaigns;
    private final CampusLeaderboard leaderboard;
    private final WhyText why;
    private final ProblemWriter problems;
    private final java.time.Clock clock;

    IncentivesPageController(PointsRules rules, Points points, Badges badges, Rewards rewards, Redemptions redemptions,
            CampaignMultipliers campaigns, CampusLeaderboard leaderboard, WhyText why, ProblemWriter problems, java.time.Clock clock) {
        this.clock = clock;
        this.rules = rules;
        this.points = points;
        this.badges = badges;
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.campaigns = campaigns;
        this.leaderboard = leaderboard;
        this.why = why;
        this.problems = problems;
    }

    @GetMapping("/incentives/rules")
    String rules(Model model) {
        model.addAttribute("current", rules.current());
        model.addAttribute("versions", rules.versions());
        model.addAttribute("evidenceLevels", EVIDENCE);
        return "incentives/rules";
    }

    /** An entry with its explanation, for the page. */
    record Line(PointsEntry entry, List<String> why) {}

    @GetMapping("/account/points")
    String points(@AuthenticationPrincipal AuthenticatedUser me, Model model, Locale locale) {
        model.addAttribute("summary", points.summary(me.id()));
        model.addAttribute("lines", points.entries(me.id(), 200).stream().map(e -> new Line(e, why.lines(e, locale))).toList());
        return "incentives/points";
    }

    /** A badge of the rules, and when the person earned it (null: not yet). */
    record BadgeLine(PointsRules.Badge badge, java.time.@Nullable Instant awardedAt) {}

    /** What a credited record brought, once its points are booked (they are booked just after the credit). */
    record Brought(long points, long balance, String level, int streak, List<String> badges) {}

    /**
     * The points, streak and new badges a credited record brought, for the account page's banner (htmx). Points are
     * booked just after the credit: until they are, the fragment asks again, a few times, then says where to look.
     */
    @GetMapping("/account/entries/{id}/rewards")
    String brought(@AuthenticationPrincipal AuthenticatedUser me, @org.springframework.web.bind.annotation.PathVariable java.util.UUID id,
            @RequestParam(name = "try", defaultValue = "0") int attempt, Model model, java.util.Locale locale) {
        var earned = points.entries(me.id(), 50).stream()
                .filter(e -> e.kind() == PointsEntry.Kind.EARNED && id.equals(e.sourceId()))
                .findFirst();
        model.addAttribute("entryId", id);
        model.addAttribute("next", attempt + 1);
        model.addAttribute("again", earned.isEmpty() && attempt < 8);
        earned.ifPresent(e -> {
            var summary = points.summary(me.id());
            var current = rules.current();
            List<String> fresh = badges.of(me.id()).stream()
                    .filter(a -> !a.awardedAt().isBefore(e.bookedAt().minusSeconds(5)))
                    .map(a -> current.badges().stream().filter(b -> b.code().equals(a.code())).findFirst()
                            .map(b -> b.name().in(locale)).orElse(a.code()))
                    .toList();
            model.addAttribute("brought", new Brought(e.points(), summary.balance(), summary.level().name().in(locale),
                    summary.streak().current(), fresh));
        });
        return "incentives/brought :: brought";
    }

    @GetMapping("/account/badges")
    String badges(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        Map<String, java.time.Instant> held = new HashMap<>();
        badges.of(me.id()).forEach(a -> held.put(a.code(), a.awardedAt()));
        model.addAttribute("badges", rules.current().badges().stream().map(b -> new BadgeLine(b, held.get(b.code()))).toList());
        model.addAttribute("earned", held.size());
        return "incentives/badges";
    }

    /** A reward as the catalogue shows it to this visitor: whether they may redeem it, and a fresh idempotency key. */
    record Offer(Rewards.Reward reward, Rewards.@Nullable Ineligibility refusal, @Nullable String refusalText, String key) {}

    @GetMapping("/rewards")
    String catalogue(@AuthenticationPrincipal @Nullable AuthenticatedUser me, Model model, Locale locale) {
        var participant = me == null ? null : rewards.participant(me.id());
        var today = rewards.today();
        List<Offer> offers = new ArrayList<>();
        for (var reward : rewards.catalogue()) {
            var refusal = participant == null ? null : rewards.ineligibility(reward, participant, today).orElse(null);
            offers.add(new Offer(reward, refusal, refusal == null ? null : problems.describe(refusal.refusal(), locale),
                    UUID.randomUUID().toString()));
        }
        model.addAttribute("offers", offers);
        model.addAttribute("participant", participant);
        model.addAttribute("summary", me == null ? null : points.summary(me.id()));
        model.addAttribute("ageGroups", Rewards.AgeGroup.values());
        return "incentives/rewards";
    }

    @PostMapping("/rewards/age-group")
    String ageGroup(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) @Nullable String ageGroup,
            RedirectAttributes redirect, Locale locale) {
        try {
            rewards.setAgeGroup(me.id(), Rewards.AgeGroup.valueOf(ageGroup == null ? "" : ageGroup));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("ageGroupError", problems.describe(Refusal.invalid("reward-field-required", "ageGroup"), locale));
        }
        return "redirect:/rewards";
    }

    @PostMapping("/rewards/{id}/redeem")
    String redeem(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestParam String idempotencyKey,
            RedirectAttributes redirect, Locale locale) {
        try {
            var outcome = redemptions.redeem(me.id(), me.displayName(), id, idempotencyKey);
            redirect.addAttribute("redeemed", outcome.redemption().id());
            return "redirect:/account/redemptions";
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
            redirect.addFlashAttribute("problemReward", id);
            return "redirect:/rewards";
        }
    }

    @GetMapping("/account/redemptions")
    String myRedemptions(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) @Nullable UUID redeemed,
            Model model) {
        model.addAttribute("redemptions", redemptions.of(me.id()));
        model.addAttribute("redeemed", redeemed);
        model.addAttribute("cancelHours", redemptions.cancelWindow().toHours());
        model.addAttribute("cancelBefore", clock.instant().minus(redemptions.cancelWindow()));
        return "incentives/redemptions";
    }

    @PostMapping("/account/redemptions/{id}/cancel")
    String cancel(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, RedirectAttributes redirect, Locale locale) {
        try {
            redemptions.cancelByParticipant(me.id(), id);
            redirect.addFlashAttribute("cancelled", id);
        } catch (Refusal e) {
            pageError(e);
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/account/redemptions";
    }

    @GetMapping("/account/redemptions/{id}/certificate")
    ResponseEntity<byte[]> certificate(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id,
            HttpServletRequest request, java.util.Locale locale) {
        try {
            var redemption = redemptions.find(me.id(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            String base = request.getScheme() + "://" + request.getServerName()
                    + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
            byte[] pdf = redemptions.certificatePdf(me.id(), id, base + "/certificates/" + redemption.reference(), locale);
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename("certificate-" + redemption.reference() + ".pdf").build().toString())
                    .body(pdf);
        } catch (Refusal e) {
            throw pageError(e);
        }
    }

    @GetMapping("/certificates/{code}")
    String verifyCertificate(@PathVariable String code, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("certificate", redemptions.certificate(code).orElse(null));
        return "incentives/certificate";
    }

    @GetMapping("/incentives/leaderboard")
    String leaderboard(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) @Nullable UUID campus,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model,
            Locale locale) {
        IncentivesApiController.Period period;
        try {
            period = IncentivesApiController.Period.of(from, to, rewards.today());
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
            period = IncentivesApiController.Period.of(null, null, rewards.today());
        }
        var rows = leaderboard.campuses(period.from(), period.to());
        model.addAttribute("period", period);
        model.addAttribute("campuses", rows);
        if (campus != null) {
            var members = leaderboard.members(me.id(), campus, period.from(), period.to())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            model.addAttribute("campus", rows.stream().filter(r -> r.campusId().equals(campus)).findFirst().orElse(null));
            model.addAttribute("members", members);
            model.addAttribute("me", me.id());
        }
        return "incentives/leaderboard";
    }

    @GetMapping("/incentives/campaigns")
    String campaigns(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("campaigns", campaigns.organisedBy(me.id()));
        model.addAttribute("current", rules.current());
        return "incentives/campaigns";
    }

    @PostMapping("/incentives/campaigns/{id}/multiplier")
    String setMultiplier(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String multiplier, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            BigDecimal value = multiplier == null || multiplier.isBlank() ? null : FormFields.boundedDecimal(multiplier.strip());
            campaigns.setMultiplier(me.id(), id, value);
            redirect.addFlashAttribute("saved", id);
            return "redirect:/incentives/campaigns";
        } catch (NumberFormatException | ArithmeticException | Refusal e) {
            if (e instanceof Refusal problem) {
                pageError(problem);
            }
            var current = rules.current();
            model.addAttribute("fieldError", Map.of(id, problems.describe(Refusal.unacceptable("multiplier-out-of-range",
                    "multiplier", current.campaignMultiplierMin().stripTrailingZeros().toPlainString(), current.campaignMultiplierMax().stripTrailingZeros().toPlainString()),
                    locale)));
            model.addAttribute("rejectedValue", Optional.ofNullable(multiplier).orElse(""));
            return campaigns(me, model);
        }
    }

    /** A refusal that means "no such thing here" or "not yours" becomes the page's 404/403; others stay on the page. */
    static ResponseStatusException pageError(Refusal e) {
        if (e.deniesAccess()) {
            throw new ResponseStatusException(Refusals.status(e));
        }
        return new ResponseStatusException(Refusals.status(e));
    }
}
