package org.lowcarbontogether.reporting.web;

import org.lowcarbontogether.reporting.Impact;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public home page: what the platform is, and the programme's live impact. */
@Controller
class HomeController {

    private final Impact impact;

    HomeController(Impact impact) {
        this.impact = impact;
    }

    @GetMapping({"/", "/impact"})
    String home(Model model) {
        model.addAttribute("totals", impact.totals());
        model.addAttribute("categories", impact.byCategory());
        return "reporting/home";
    }
}
