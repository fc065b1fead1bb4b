package org.lowcarbontogether.methodology.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyDiff;
import org.lowcarbontogether.methodology.MethodologyGovernance;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Public pages explaining the methodology: principles, every behaviour with its formula and a calculator, every
 * factor with its source, the versions and what changed between them.
 */
@Controller
class MethodologyPageController {

    private final Methodology methodology;
    private final MethodologyGovernance governance;
    private final Clock clock;

    MethodologyPageController(Methodology methodology, MethodologyGovernance governance, Clock clock) {
        this.methodology = methodology;
        this.governance = governance;
        this.clock = clock;
    }

    @GetMapping("/methodology")
    String overview(Model model) {
        MethodologyVersion current = methodology.current();
        model.addAttribute("version", current);
        model.addAttribute("history", methodology.history());
        model.addAttribute("categories", byCategory(current));
        model.addAttribute("sources", current.sourcesById());
        return "methodology/overview";
    }

    @GetMapping("/methodology/principles")
    String principles(Model model) {
        model.addAttribute("version", methodology.current());
        return "methodology/principles";
    }

    @GetMapping("/methodology/behaviours/{code}")
    String behaviour(@PathVariable String code, @RequestParam(required = false) @Nullable String version, Model model) {
        MethodologyVersion v = version == null ? methodology.current() : find(version);
        Behaviour behaviour = v.behaviour(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No behaviour " + code));
        model.addAttribute("version", v);
        model.addAttribute("behaviour", behaviour);
        model.addAttribute("factors", factorsOf(v, behaviour));
        model.addAttribute("sources", v.sourcesById());
        model.addAttribute("regions", Regions.recordable());
        model.addAttribute("today", ProgrammeCalendar.today(clock));
        return "methodology/behaviour";
    }

    /** The behaviour page's calculator: shows how quantity, region and date change the result. No side effects. */
    @GetMapping("/methodology/behaviours/{code}/calculate")
    String calculate(
            @PathVariable String code,
            @RequestParam String version,
            @RequestParam(required = false) @Nullable BigDecimal quantity,
            @RequestParam(required = false) @Nullable String unit,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable LocalDate date,
            Model model) {
        MethodologyVersion v = find(version);
        Behaviour behaviour = v.behaviour(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No behaviour " + code));
        Calculation result = quantity == null
                ? null
                : methodology
                        .calculate(
                                version,
                                new ActivityInput(
                                        code,
                                        quantity,
                                        unit == null ? behaviour.unit() : unit,
                                        date == null ? ProgrammeCalendar.today(clock) : date,
                                        region == null || region.isBlank() ? null : region))
                        .orElseThrow();
        model.addAttribute("result", result);
        model.addAttribute("credited", result instanceof Calculation.Credited);
        return "methodology/behaviour :: result";
    }

    @GetMapping("/methodology/factors")
    String factors(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable Integer year,
            @RequestParam(required = false) @Nullable Category category,
            @RequestParam(required = false) @Nullable String version,
            @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        MethodologyVersion v = version == null || version.isBlank() ? methodology.current() : find(version);
        List<EmissionFactor> found = FactorSearch.search(v, q, region, year, category);
        model.addAttribute("version", v);
        model.addAttribute("versions", methodology.publishedVersions());
        model.addAttribute("factors", found);
        model.addAttribute("sources", v.sourcesById());
        model.addAttribute(
                "regions",
                v.factors().stream()
                        .map(EmissionFactor::region)
                        .distinct()
                        .sorted()
                        .toList());
        model.addAttribute(
                "years",
                v.factors().stream()
                        .map(EmissionFactor::year)
                        .distinct()
                        .sorted()
                        .toList());
        model.addAttribute("categories", Category.values());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("year", year);
        model.addAttribute("category", category);
        return htmx != null ? "methodology/factors :: results" : "methodology/factors";
    }

    @GetMapping("/methodology/versions/{version}")
    String version(@PathVariable String version, Model model) {
        var published = methodology
                .published(version)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No version " + version));
        var older = methodology.publishedVersions().stream()
                .filter(v -> Methodology.compareVersions(v.version(), version) < 0)
                .findFirst()
                .orElse(null);
        model.addAttribute("published", published);
        model.addAttribute("version", published.version());
        model.addAttribute("previous", older);
        model.addAttribute("trail", governance.trail(version));
        return "methodology/version";
    }

    @GetMapping("/methodology/diff")
    String diff(@RequestParam String from, @RequestParam String to, Model model) {
        model.addAttribute("diff", MethodologyDiff.between(find(from), find(to)));
        model.addAttribute("versions", methodology.publishedVersions());
        return "methodology/diff";
    }

    private MethodologyVersion find(String version) {
        return methodology
                .version(version)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No version " + version));
    }

    static Map<Category, List<Behaviour>> byCategory(MethodologyVersion version) {
        Map<Category, List<Behaviour>> byCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            var behaviours = version.behaviours().stream()
                    .filter(b -> b.category() == category)
                    .toList();
            if (!behaviours.isEmpty()) {
                byCategory.put(category, behaviours);
            }
        }
        return byCategory;
    }

    static List<EmissionFactor> factorsOf(MethodologyVersion version, Behaviour behaviour) {
        var activities = new LinkedHashSet<String>();
        behaviour.baselineTerms().forEach(t -> activities.add(t.activity()));
        behaviour.projectTerms().forEach(t -> activities.add(t.activity()));
        return activities.stream().flatMap(a -> version.factorsOf(a).stream()).toList();
    }
}
