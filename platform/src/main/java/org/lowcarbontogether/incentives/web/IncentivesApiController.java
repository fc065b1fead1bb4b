package org.lowcarbontogether.incentives.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.Badges;
import org.lowcarbontogether.incentives.CampaignMultipliers;
import org.lowcarbontogether.incentives.CampusLeaderboard;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.incentives.PointsEntry;
import org.lowcarbontogether.incentives.PointsReason;
import org.lowcarbontogether.incentives.PointsRules;
import org.lowcarbontogether.incentives.Redemption;
import org.lowcarbontogether.incentives.Redemptions;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The incentives API: rules, my points and badges, the reward catalogue, redemptions, campaign multipliers. */
@RestController
@Tag(name = "Incentives", description = "Points, badges and rewards")
class IncentivesApiController {

    private final PointsRules rules;
    private final Points points;
    private final Badges badges;
    private final Rewards rewards;
    private final Redemptions redemptions;
    private final CampaignMultipliers campaigns;
    private final CampusLeaderboard leaderboard;
    private final WhyText why;

    IncentivesApiController(
            PointsRules rules,
            Points points,
            Badges badges,
            Rewards rewards,
            Redemptions redemptions,
            CampaignMultipliers campaigns,
            CampusLeaderboard leaderboard,
            WhyText why) {
        this.rules = rules;
        this.points = points;
        this.badges = badges;
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.campaigns = campaigns;
        this.leaderboard = leaderboard;
        this.why = why;
    }

    /** The rules in effect and every published version. */
    record RulesView(PointsRules.RuleSet current, List<PointsRules.RuleSet> versions) {}

    @GetMapping("/api/v1/incentives/rules")
    @Operation(summary = "The points rules, levels and badge criteria (public)")
    RulesView rules() {
        return new RulesView(rules.current(), rules.versions());
    }

    record EntryView(
            UUID id,
            PointsEntry.Kind kind,
            long points,
            @Nullable String behaviour,
            @Nullable LocalDate day,
            @Nullable String rulesVersion,
            Instant bookedAt,
            String explanation,
            PointsReason reason) {}

    record PointsView(
            long balance,
            long lifetimeEarned,
            PointsRules.Level level,
            PointsRules.@Nullable Level nextLevel,
            Points.Streak streak,
            String rulesVersion,
            List<EntryView> entries) {}

    @GetMapping("/api/v1/account/points")
    @Operation(
            summary = "My points",
            description = "Balance, lifetime earned points, level, streaks and the newest entries, each "
                    + "with its reason as data and as a sentence in the caller’s language.")
    PointsView points(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(defaultValue = "100") int limit,
            Locale locale) {
        var summary = points.summary(me.id());
        var entries = points.entries(me.id(), limit).stream()
                .map(e -> new EntryView(
                        e.id(),
                        e.kind(),
                        e.points(),
                        e.behaviour(),
                        e.day(),
                        e.rulesVersion(),
                        e.bookedAt(),
                        why.sentence(e, locale),
                        e.reason()))
                .toList();
        return new PointsView(
                summary.balance(),
                summary.lifetimeEarned(),
                summary.level(),
                summary.nextLevel(),
                summary.streak(),
                summary.rulesVersion(),
                entries);
    }

    record BadgeView(String code, LocalizedText name, LocalizedText description, Instant awardedAt) {}

    @GetMapping("/api/v1/account/badges")
    @Operation(summary = "My badges")
    List<BadgeView> badges(@AuthenticationPrincipal AuthenticatedUser me) {
        var current = rules.current();
        return badges.of(me.id()).stream()
                .map(a -> current.badge(a.code())
                        .map(b -> new BadgeView(a.code(), b.name(), b.description(), a.awardedAt())))
                .flatMap(Optional::stream)
                .toList();
    }

    record Eligibility(
            boolean eligible,
            @Nullable String reason,
            @Nullable String message) {}

    record RewardView(Rewards.Reward reward, @Nullable Eligibility eligibility) {}

    @GetMapping("/api/v1/rewards")
    @Operation(
            summary = "The reward catalogue (public)",
            description = "Rewards that can be redeemed now or later. With a bearer "
                    + "token, each reward also says whether the caller may redeem it and, if not, why.")
    List<RewardView> catalogue(@AuthenticationPrincipal @Nullable AuthenticatedUser me) {
        var participant = me == null ? null : rewards.participant(me.id());
        var today = rewards.today();
        return rewards.catalogue().stream()
                .map(r -> view(r, participant, today))
                .toList();
    }

    @GetMapping("/api/v1/rewards/{id}")
    @Operation(summary = "One reward (public)")
    RewardView reward(@AuthenticationPrincipal @Nullable AuthenticatedUser me, @PathVariable UUID id) {
        var reward = rewards.find(id)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "reward-unknown", (String) null, id));
        return view(reward, me == null ? null : rewards.participant(me.id()), rewards.today());
    }

    private RewardView view(Rewards.Reward reward, Rewards.@Nullable Participant participant, LocalDate today) {
        if (participant == null) {
            return new RewardView(reward, null);
        }
        var refusal = rewards.ineligibility(reward, participant, today);
        return new RewardView(
                reward,
                new Eligibility(
                        refusal.isEmpty(),
                        refusal.map(Rewards.Ineligibility::code).orElse(null),
                        null));
    }

    @PostMapping("/api/v1/rewards/{id}/redemptions")
    @Operation(summary = "Redeem a reward", description = """
                    Spends the reward's cost from the caller's points in one transaction: the balance and the stock never go
                    below zero and a voucher code is issued once. The Idempotency-Key header is required: a retry with the
                    same key returns the original redemption with 'Idempotent-Replayed: true'. Refusals change nothing:
                    409 insufficient-points or out-of-stock; 422 reward-expired, reward-not-yet-valid or not-eligible-*
                    (level, age group, community, campus); 404 reward-unknown; 403 email-unverified until the caller's
                    address is verified.""")
    ResponseEntity<Redemption> redeem(
            @AuthenticationPrincipal AuthenticatedUser me,
            @Parameter(description = "Unique key for this request") @RequestHeader("Idempotency-Key")
                    String idempotencyKey,
            @PathVariable UUID id) {
        var outcome = redemptions.redeem(me.id(), me.displayName(), id, idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(
                        "/api/v1/account/redemptions/" + outcome.redemption().id()))
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(outcome.redemption());
    }

    @GetMapping("/api/v1/account/redemptions")
    @Operation(summary = "My redemptions")
    List<Redemption> myRedemptions(@AuthenticationPrincipal AuthenticatedUser me) {
        return redemptions.of(me.id());
    }

    @GetMapping("/api/v1/account/redemptions/{id}")
    @Operation(summary = "One of my redemptions")
    Redemption myRedemption(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return redemptions
                .find(me.id(), id)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "redemption-unknown", (String) null, id));
    }

    @PostMapping("/api/v1/account/redemptions/{id}/cancellation")
    @Operation(
            summary = "Cancel my redemption",
            description =
                    "Within 24 hours: the points come back through a ledger entry; the "
                            + "stock too, except a voucher’s, whose code is never issued again. 409 when cancelled already or too late.")
    Redemption cancel(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return redemptions.cancelByParticipant(me.id(), id);
    }

    record AgeGroupChange(Rewards.@Nullable AgeGroup ageGroup) {}

    @PutMapping("/api/v1/account/age-group")
    @Operation(summary = "Set my age group", description = "Used only for rewards restricted to age groups.")
    AgeGroupChange ageGroup(@AuthenticationPrincipal AuthenticatedUser me, @RequestBody AgeGroupChange change) {
        if (change.ageGroup() == null) {
            throw Refusal.invalid("reward-field-required", "ageGroup");
        }
        rewards.setAgeGroup(me.id(), change.ageGroup());
        return change;
    }

    record MultiplierChange(@Nullable BigDecimal multiplier) {}

    @PutMapping("/api/v1/incentives/campaigns/{id}/multiplier")
    @Operation(
            summary = "Set a campaign's points multiplier",
            description = "Organisers of the campaign's organisation only; " + "between the rules' bounds (1.0–3.0).")
    CampaignMultipliers.Campaign multiplier(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestBody MultiplierChange change) {
        return campaigns.setMultiplier(me.id(), id, change.multiplier());
    }

    @PostMapping("/api/v1/incentives/badges/reevaluation")
    @Operation(
            summary = "Re-evaluate every badge (administrators)",
            description = "Awards badges whose criteria are met and not " + "yet awarded; never awards one twice.")
    Badges.Reevaluation reevaluate(@AuthenticationPrincipal AuthenticatedUser me) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", (String) null);
        }
        return badges.reevaluateAll();
    }

    @GetMapping("/api/v1/incentives/leaderboards/campus")
    @Operation(
            summary = "Campus leaderboard",
            description = "Points earned by members of campus associations between two days "
                    + "(inclusive, China Standard Time; default: the last 30 days), ranked by points per member.")
    List<CampusLeaderboard.CampusRow> campus(
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        var period = Period.of(from, to, rewards.today());
        return leaderboard.campuses(period.from(), period.to());
    }

    /** A leaderboard period: defaults to the last 30 days; at most a year. */
    record Period(LocalDate from, LocalDate to) {
        static Period of(@Nullable LocalDate from, @Nullable LocalDate to, LocalDate today) {
            LocalDate end = to == null ? today : to;
            LocalDate start = from == null ? end.minusDays(29) : from;
            if (end.isBefore(start) || start.plusDays(366).isBefore(end)) {
                throw Refusal.invalid("leaderboard-period", "to", start, end);
            }
            return new Period(start, end);
        }
    }
}
