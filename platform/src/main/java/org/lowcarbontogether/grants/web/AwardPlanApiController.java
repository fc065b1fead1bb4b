package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.AwardPlans;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An award's plan against actual: planned outputs with targets and due dates, live actuals and their status. */
@RestController
@RequestMapping("/api/v1/awards/{id}/plan")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class AwardPlanApiController {

    record Target(@Nullable Long target, @Nullable LocalDate dueOn) {}

    record Proposal(
            @Nullable String output,
            @Nullable Long target,
            @Nullable LocalDate dueOn) {}

    private final AwardPlans plans;

    AwardPlanApiController(AwardPlans plans) {
        this.plans = plans;
    }

    @GetMapping
    @Operation(
            summary = "An award's planned outputs against live actuals (grantee organisers, officers)",
            description =
                    "Status per output: ACHIEVED when the actual reaches the target; BEHIND once the due date has "
                            + "passed without it; otherwise against the pro-rata target (target × the elapsed share of the time "
                            + "from the project's start to the due date): ON_TRACK at 80 % or more, AT_RISK from 50 %, BEHIND "
                            + "below. UNKNOWN (actual null, never zero) while nothing measures the output; NOT_SET until an "
                            + "officer sets a target.")
    AwardPlans.Plan plan(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return plans.plan(me, id);
    }

    @PostMapping("/proposals")
    @Operation(summary = "Propose a planned output's target and due date (grantee organisers, officers)")
    AwardPlans.Plan propose(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Proposal body) {
        return plans.propose(me, id, body.output(), body.target(), body.dueOn());
    }

    @PutMapping("/{output}")
    @Operation(summary = "Set a planned output's target and due date (officers)")
    AwardPlans.Plan set(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable String output,
            @RequestBody Target body) {
        return plans.set(me, id, output, body.target(), body.dueOn());
    }
}
