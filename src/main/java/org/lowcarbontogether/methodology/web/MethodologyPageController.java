package org.lowcarbontogether.methodology.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.Regions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** Public pages explaining the methodology: every behaviour with its formula, and every factor with its source. */
@Controller
class MethodologyPageController {

    private final Methodology methodology;

    MethodologyPageController(Methodology methodology) {
        this.methodology = methodology;
    }

    @GetMapping("/methodology")
    String overview(Model model) {
        MethodologyVersion current = methodology.current();
        Map<Category, List<Behaviour>> byCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            var behaviours = current.behaviours().stream().filter(b -> b.category() == category).toList();
            if (!behaviours.isEmpty()) {
                byCategory.put(category, behaviours);
            }
        }
        model.addAttribute("version", current);
        model.addAttribute("versions", methodology.publishedVersions());
        model.addAttribute("categories", byCategory);
        model.addAttribute("sources", current.sourcesById());
        model.addAttribute("regions", Regions.all());
        return "methodology/overview";
    }

    @GetMapping("/methodology/behaviours/{code}")
    String behaviour(@PathVariable String code, Model model) {
        MethodologyVersion current = methodology.current();
        Behaviour behaviour = current.behaviour(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No behaviour " + code));
        var activities = new java.util.LinkedHashSet<String>();
        behaviour.baselineTerms().forEach(t -> activities.add(t.activity()));
        behaviour.projectTerms().forEach(t -> activities.add(t.activity()));
        List<EmissionFactor> factors = activities.stream().flatMap(a -> current.factorsOf(a).stream()).toList();
        model.addAttribute("version", current);
        model.addAttribute("behaviour", behaviour);
        model.addAttribute("factors", factors);
        model.addAttribute("sources", current.sourcesById());
        return "methodology/behaviour";
    }
}
