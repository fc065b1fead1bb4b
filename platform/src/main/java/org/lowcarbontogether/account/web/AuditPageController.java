package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.account.AuditTrail;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log: administrators search it (person, action, organisation, days) a page at a time, newest first, and
 * download a search as CSV; an organisation's organisers read their organisation's entries.
 */
@Controller
class AuditPageController {

    private final AuditTrail trail;
    private final Organisations organisations;
    private final ProblemWriter problems;
    private final PageForms forms;

    AuditPageController(AuditTrail trail, Organisations organisations, ProblemWriter problems, PageForms forms) {
        this.trail = trail;
        this.organisations = organisations;
        this.problems = problems;
        this.forms = forms;
    }

    @GetMapping("/admin/audit")
    String search(
            @AuthenticationPrincipal AuthenticatedUser me,
            AuditFilterForm filter,
            BindingResult binding,
            Model model,
            Locale locale) {
        if (!me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        model.addAttribute("actions", trail.actions());
        model.addAttribute("organisations", organisations.all());
        model.addAttribute("values", forms.values(binding));
        String query = query(filter);
        model.addAttribute("query", query);
        model.addAttribute("exportLink", "/admin/audit.csv" + (query.isEmpty() ? "" : "?" + query));
        if (binding.hasErrors()) {
            model.addAttribute("problem", forms.problem(binding, locale));
            model.addAttribute("lines", new AuditTrail.Lines(List.of(), 0, false));
            return "admin/audit";
        }
        PageRefusals.attempt(() -> trail.search(me, filter.toFilter(), filter.getPage()))
                .handle(lines -> model.addAttribute("lines", lines), refusal -> {
                    model.addAttribute(
                            "problem",
                            String.join(
                                    " ", problems.fieldMessages(refusal, locale).values()));
                    model.addAttribute("lines", new AuditTrail.Lines(List.of(), 0, false));
                });
        return "admin/audit";
    }

    /** The search as CSV, every matching entry (not only one page), written as it is read. */
    @GetMapping("/admin/audit.csv")
    void export(
            @AuthenticationPrincipal AuthenticatedUser me,
            AuditFilterForm filter,
            BindingResult binding,
            HttpServletResponse response)
            throws IOException {
        if (binding.hasErrors()) {
            throw Refusal.invalid(binding.getFieldErrors().stream()
                    .map(e -> Refusal.Violation.of(e.getField(), "value-unknown", String.valueOf(e.getRejectedValue())))
                    .toList());
        }
        var export = trail.export(me, filter.toFilter());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("audit.csv").build().toString());
        export.writeTo(response.getWriter());
    }

    @GetMapping("/organisations/{id}/audit")
    String organisation(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("lines", trail.ofOrganisation(me, id, Math.min(page, 100_000)));
        model.addAttribute("organisation", organisations.get(id));
        return "account/organisation-audit";
    }

    /** The filter as query parameters, for the pages' links and the export (without the page). */
    private static String query(AuditFilterForm filter) {
        var query = new StringBuilder();
        append(query, "person", filter.getPerson());
        append(query, "action", filter.getAction());
        append(query, "organisation", filter.getOrganisation() == null ? "" : String.valueOf(filter.getOrganisation()));
        append(query, "from", filter.getFrom() == null ? "" : String.valueOf(filter.getFrom()));
        append(query, "to", filter.getTo() == null ? "" : String.valueOf(filter.getTo()));
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!value.isBlank()) {
            query.append(query.isEmpty() ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }
}
