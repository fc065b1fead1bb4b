package org.lowcarbontogether.reporting.web;

import org.lowcarbontogether.reporting.Impact;
import org.lowcarbontogether.reporting.PublishedImpact;
import org.lowcarbontogether.schools.SchoolParticipation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public home page: what the platform is, and the programme's live impact. */
@Controller
class HomeController {

    private final Impact impact;
    private final SchoolParticipation schools;
    private final PublishedImpact published;

    HomeController(Impact impact, SchoolParticipation schools, PublishedImpact published) {
        this.impact = impact;
        this.schools = schools;
        this.published = published;
    }

    @GetMapping({"/", "/impact"})
    String home(Model model) {
        model.addAttribute("totals", impact.totals());
        model.addAttribute("categories", impact.byCategory());
        // Of which school pupils: shown only for at least the open data's minimum group, like every public figure.
        var school = schools.programme();
        model.addAttribute("schoolFigures", school.pupilsRecorded() >= published.minimumGroupSize() ? school : null);
        model.addAttribute("schoolMinimum", published.minimumGroupSize());
        return "reporting/home";
    }
}
