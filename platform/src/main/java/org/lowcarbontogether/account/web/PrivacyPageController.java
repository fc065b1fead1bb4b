package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AccountDeletion;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Consents;
import org.lowcarbontogether.account.DataExport;
import org.lowcarbontogether.account.PrivacyNotice;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A person's rights over their data, as pages: the public privacy notice, "your data" (consents given, download
 * everything, delete the account), the page that asks for the notice's new version, and deleting the account.
 */
@Controller
class PrivacyPageController {

    private final Consents consents;
    private final DataExport exports;
    private final AccountDeletion deletion;
    private final ProblemWriter problems;
    private final PageForms forms;
    private final String contact;

    PrivacyPageController(
            Consents consents,
            DataExport exports,
            AccountDeletion deletion,
            ProblemWriter problems,
            PageForms forms,
            @Value("${lct.privacy.contact:${lct.admin.email:}}") String contact) {
        this.consents = consents;
        this.exports = exports;
        this.deletion = deletion;
        this.problems = problems;
        this.forms = forms;
        this.contact = contact;
    }

    @ModelAttribute
    void notice(Model model) {
        model.addAttribute("noticeVersion", PrivacyNotice.VERSION);
        model.addAttribute("noticePublished", PrivacyNotice.PUBLISHED);
    }

    /** The privacy notice, for anyone; {@code ?deleted} after an account was deleted. */
    @GetMapping("/privacy")
    String privacy(Model model) {
        model.addAttribute("contact", contact);
        model.addAttribute("kinds", exports.kinds());
        return "account/privacy-notice";
    }

    /** What the person agreed to, and their rights: download everything, delete the account. */
    @GetMapping("/account/privacy")
    String mine(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("consents", consents.of(me.id()));
        model.addAttribute("current", consents.hasAcceptedCurrent(me.id()));
        model.addAttribute("kinds", exports.kinds());
        return "account/privacy";
    }

    /** Everything about me as one ZIP; a refusal (429 when used too often) shows on the error page. */
    @GetMapping("/account/export")
    ResponseEntity<Resource> export(@AuthenticationPrincipal AuthenticatedUser me, Locale locale) {
        return DataDownloads.archive(exports, me, locale);
    }

    /** The notice changed since the person last accepted it: they are sent here until they accept (or leave). */
    @GetMapping("/account/consent")
    String consent(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String next,
            Model model) {
        model.addAttribute("previous", consents.latest(me.id()).orElse(null));
        model.addAttribute("next", ConsentInterceptor.safeNext(next));
        return "account/consent";
    }

    @PostMapping("/account/consent")
    String accept(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) @Nullable String next) {
        consents.accept(me, Consents.How.CONSENT_PAGE);
        return "redirect:" + ConsentInterceptor.safeNext(next);
    }

    @GetMapping("/account/delete")
    String deleteForm(Model model) {
        return deletePage(model, forms.values(new DeletionInput()), Map.of());
    }

    /** Deletes the account and ends this session; a wrong password or a refusal comes back with the form. */
    @PostMapping("/account/delete")
    String delete(
            @AuthenticationPrincipal AuthenticatedUser me,
            @Valid DeletionInput input,
            BindingResult binding,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        if (binding.hasErrors()) {
            return deletePage(model, blankPassword(forms.values(binding)), forms.errors(binding, locale));
        }
        var refused = PageRefusals.refusalOf(
                () -> deletion.delete(me, request.getRemoteAddr(), input.getPassword(), input.keepPublishedStories()));
        if (refused.isPresent()) {
            var errors = problems.fieldMessages(refused.get(), locale);
            return deletePage(model, blankPassword(forms.values(binding)), errors);
        }
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/privacy?deleted";
    }

    private String deletePage(Model model, Map<String, @Nullable Object> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", exports.kinds());
        return "account/delete";
    }

    /** A password is never sent back to the page. */
    private static Map<String, @Nullable Object> blankPassword(Map<String, @Nullable Object> values) {
        var copy = new HashMap<String, @Nullable Object>(values);
        copy.put("password", "");
        return copy;
    }
}
