package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.partners.PartnerContributions;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Open data: what each partner contributed, per partner and scenario. */
@RestController
@Tag(name = "Open data")
class PartnerContributionsApiController {

    private final PartnerContributions contributions;

    PartnerContributionsApiController(PartnerContributions contributions) {
        this.contributions = contributions;
    }

    @GetMapping("/api/v1/open-data/partners")
    @Operation(
            summary = "Open data: each partner's contribution, in total and per scenario",
            description =
                    "Live partner activities by the day they happened: sent, credited, held, refused (with the refusal "
                            + "rate and the reasons, as problem codes) and reversed, the reduction credited in grams and the "
                            + "people credited. Published by calendar month like the programmes' figures: the whole published "
                            + "period, or month=YYYY-MM. A line of fewer people than the minimum group size is suppressed "
                            + "(figures null), and so is a second line of the same partner when it alone would reveal the first "
                            + "by subtraction. Free periods (from, to) are for programme officers and administrators, who see "
                            + "live figures; anyone else gets 422.")
    PartnerContributions.Contributions partners(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable YearMonth month,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        if (from == null && to == null) {
            return contributions.published(month);
        }
        if (me == null || !PartnerContributions.seesLive(me)) {
            throw Refusal.unacceptable("impact-free-period", "from");
        }
        if (from == null || to == null) {
            String missing = from == null ? "from" : "to";
            throw Refusal.invalid("field-required", missing, missing);
        }
        return contributions.live(me, from, to);
    }
}
