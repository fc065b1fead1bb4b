package org.lowcarbontogether.methodology.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyDiff;
import org.lowcarbontogether.methodology.MethodologyGovernance;
import org.lowcarbontogether.methodology.MethodologyGovernance.FactorEdit;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Reviewers' pages: drafts, review and publication of methodology versions. */
@Controller
class MethodologyReviewPageController {

    private final MethodologyGovernance governance;
    private final Methodology methodology;
    private final ProblemWriter problems;

    MethodologyReviewPageController(MethodologyGovernance governance, Methodology methodology, ProblemWriter problems) {
        this.governance = governance;
        this.methodology = methodology;
        this.problems = problems;
    }

    @GetMapping("/methodology/review")
    String drafts(@AuthenticationPrincipal Actor me, Model model) {
        requireReviewerOrAdmin(me);
        model.addAttribute("drafts", governance.drafts());
        model.addAttribute("history", methodology.history());
        model.addAttribute("me", me);
        return "methodology/review";
    }

    @GetMapping("/methodology/review/{version}")
    String draft(@AuthenticationPrincipal Actor me, @PathVariable String version, Model model) {
        requireReviewerOrAdmin(me);
        var draft = governance.draft(version);
        var base = methodology.publishedVersions().stream()
                .filter(v -> Methodology.compareVersions(v.version(), version) < 0)
                .findFirst()
                .orElse(null);
        model.addAttribute("draft", draft);
        model.addAttribute("diff", base == null ? null : MethodologyDiff.between(base, draft.document()));
        model.addAttribute("me", me);
        model.addAttribute("mine", me.id().equals(draft.authorId()));
        model.addAttribute("confidences", Confidence.values());
        return "methodology/draft";
    }

    @PostMapping("/methodology/review/drafts")
    String create(
            @AuthenticationPrincipal Actor me,
            @RequestParam String basedOn,
            @RequestParam String version,
            @RequestParam String changelogEn,
            @RequestParam String changelogZh,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/methodology/review", () -> {
            if (changelogEn.isBlank() || changelogZh.isBlank()) {
                throw Refusal.invalid("field-required", "changelog", "changelog");
            }
            var draft = governance.createDraft(
                    me,
                    basedOn,
                    version.strip(),
                    new LocalizedText(changelogEn.strip(), changelogZh.strip()),
                    effectiveFrom);
            return "/methodology/review/" + draft.version();
        });
    }

    @PostMapping("/methodology/review/import")
    String importDocument(
            @AuthenticationPrincipal Actor me,
            @RequestParam("file") MultipartFile file,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/methodology/review", () -> {
            String name = file.getOriginalFilename() == null
                    ? ""
                    : file.getOriginalFilename().toLowerCase(Locale.ROOT);
            return "/methodology/review/"
                    + governance
                            .importDraft(me, () -> {
                                byte[] content;
                                try {
                                    content = file.getBytes();
                                } catch (IOException e) {
                                    throw Refusal.unacceptable("methodology-document-invalid", "file", "");
                                }
                                return name.endsWith(".zip")
                                        ? MethodologyReviewApiController.parseCsv(content)
                                        : MethodologyReviewApiController.parseJson(
                                                new String(content, StandardCharsets.UTF_8));
                            })
                            .version();
        });
    }

    @PostMapping("/methodology/review/{version}/factors")
    String editFactor(
            @AuthenticationPrincipal Actor me,
            @PathVariable String version,
            @RequestParam String factorId,
            @RequestParam BigDecimal value,
            @RequestParam int year,
            @RequestParam String sourceId,
            @RequestParam(required = false) @Nullable String sourceLocator,
            @RequestParam Confidence confidence,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/methodology/review/" + version, () -> {
            governance.editFactor(
                    me,
                    version,
                    factorId,
                    new FactorEdit(value, year, sourceId, blankToNull(sourceLocator), confidence, blankToNull(note)));
            return "/methodology/review/" + version;
        });
    }

    @PostMapping("/methodology/review/{version}/{decision:submit|approve|reject}")
    String decide(
            @AuthenticationPrincipal Actor me,
            @PathVariable String version,
            @PathVariable String decision,
            @RequestParam(required = false) @Nullable String comment,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/methodology/review/" + version, () -> {
            switch (decision) {
                case "submit" -> governance.submit(me, version, blankToNull(comment));
                case "approve" -> {
                    governance.approve(me, version, blankToNull(comment));
                    return "/methodology/versions/" + version;
                }
                default -> governance.reject(me, version, comment == null ? "" : comment);
            }
            return "/methodology/review/" + version;
        });
    }

    @PostMapping("/methodology/review/retire/{version}")
    String retire(
            @AuthenticationPrincipal Actor me,
            @PathVariable String version,
            @RequestParam String comment,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/methodology/review", () -> {
            governance.retire(me, version, comment);
            return "/methodology/versions/" + version;
        });
    }

    /** Runs a step; on a refused step, goes back with the localized reason. */
    private String attempt(RedirectAttributes redirect, Locale locale, String back, Supplier<String> step) {
        try {
            return "redirect:" + step.get();
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
            if (e.properties().get("problems") instanceof List<?> problems) {
                redirect.addFlashAttribute("problems", problems);
            }
            return "redirect:" + back;
        }
    }

    private static void requireReviewerOrAdmin(Actor me) {
        if (!me.hasRole(Role.REVIEWER) && !me.hasRole(Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
