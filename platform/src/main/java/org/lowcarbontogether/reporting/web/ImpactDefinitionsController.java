package org.lowcarbontogether.reporting.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public page that defines every impact metric the platform reports, and how each is computed. */
@Controller
class ImpactDefinitionsController {

    @GetMapping("/impact/definitions")
    String definitions() {
        return "reporting/definitions";
    }
}
