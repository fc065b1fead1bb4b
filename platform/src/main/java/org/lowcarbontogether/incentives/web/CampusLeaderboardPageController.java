package org.lowcarbontogether.incentives.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.CampusLeaderboard;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The campus leaderboard: campus associations ranked by points per member over a period; a campus's own ranking of its
 * members is shown to its members only.
 */
@Controller
class CampusLeaderboardPageController {

    private final CampusLeaderboard leaderboard;
    private final Rewards rewards;
    private final ProblemWriter problems;

    CampusLeaderboardPageController(CampusLeaderboard leaderboard, Rewards rewards, ProblemWriter problems) {
        this.leaderboard = leaderboard;
        this.rewards = rewards;
        this.problems = problems;
    }

    /** A period that cannot be shown is said on the page, which then shows the default period. */
    @GetMapping("/incentives/leaderboard")
    String leaderboard(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable UUID campus,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model,
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
            var members = leaderboard
                    .members(me.id(), campus, period.from(), period.to())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            model.addAttribute(
                    "campus",
                    rows.stream()
                            .filter(r -> r.campusId().equals(campus))
                            .findFirst()
                            .orElse(null));
            model.addAttribute("members", members);
            model.addAttribute("me", me.id());
        }
        return "incentives/leaderboard";
    }
}
