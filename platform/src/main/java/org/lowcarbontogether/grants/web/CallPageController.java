package org.lowcarbontogether.grants.web;

import jakarta.validation.Valid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** A call for proposals and the application form: an organisation's organisers apply, with attachments. */
@Controller
class CallPageController {

    private final Programmes programmes;
    private final GrantCalls calls;
    private final Applications applications;
    private final Organisations organisations;
    private final ProblemWriter problems;
    private final PageForms forms;

    CallPageController(
            Programmes programmes,
            GrantCalls calls,
            Applications applications,
            Organisations organisations,
            ProblemWriter problems,
            PageForms forms) {
        this.programmes = programmes;
        this.calls = calls;
        this.applications = applications;
        this.organisations = organisations;
        this.problems = problems;
        this.forms = forms;
    }

    @GetMapping("/calls/{id}")
    String call(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var call = calls.get(id);
        model.addAttribute("call", call);
        model.addAttribute("programme", programmes.get(call.programmeId()));
        model.addAttribute("open", call.openOn(GrantFilters.today()));
        model.addAttribute(
                "mayApply", me != null && !organisations.organisedBy(me.id()).isEmpty());
        return "grants/call";
    }

    @GetMapping("/calls/{id}/apply")
    String applyForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        return applyPage(me, model, calls.get(id), Map.of(), Map.of());
    }

    /** Applies and shows the application; a problem is said next to its field on the form. */
    @PostMapping("/calls/{id}/apply")
    String apply(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid ApplicationInput input,
            BindingResult binding,
            @RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> files,
            Model model,
            Locale locale)
            throws IOException {
        var call = calls.get(id);
        if (binding.hasErrors()) {
            return applyPage(me, model, call, forms.values(binding), forms.errors(binding, locale));
        }
        var uploads = uploads(files);
        return PageRefusals.attempt(() -> applications.submit(me, id, input.toApplicationForm(), uploads))
                .then(
                        application -> "redirect:/applications/" + application.id(),
                        refusal -> applyPage(
                                me, model, call, forms.values(binding), problems.fieldMessages(refusal, locale)));
    }

    private static List<Applications.Upload> uploads(@Nullable List<MultipartFile> files) throws IOException {
        var uploads = new ArrayList<Applications.Upload>();
        if (files != null) {
            for (var file : files) {
                if (!file.isEmpty()) {
                    uploads.add(new Applications.Upload(
                            file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(),
                            file.getBytes()));
                }
            }
        }
        return uploads;
    }

    private String applyPage(
            Actor me, Model model, GrantCalls.Call call, Map<String, ?> values, Map<String, String> errors) {
        model.addAttribute("call", call);
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "grants/apply";
    }
}
