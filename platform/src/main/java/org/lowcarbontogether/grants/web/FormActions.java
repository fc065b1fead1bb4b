package org.lowcarbontogether.grants.web;

import java.util.Locale;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The small forms of the grant pages (reviews, decisions, payments, links, reports, the office's settings): each does
 * its action and goes back to its page, where a problem the person can fix — what the form could not read, or what the
 * service refused, each field's message — is shown as the page's {@code problem}. A refusal that denies access is the
 * 404/403 error page ({@link PageRefusals}).
 */
@Component
class FormActions {

    private final ProblemWriter problems;
    private final PageForms forms;

    FormActions(ProblemWriter problems, PageForms forms) {
        this.problems = problems;
        this.forms = forms;
    }

    String act(String page, RedirectAttributes redirect, Locale locale, Runnable action) {
        PageRefusals.refusalOf(action)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problem(refusal, locale)));
        return "redirect:" + page;
    }

    /** As {@link #act(String, RedirectAttributes, Locale, Runnable)}, once the form's fields could be read. */
    String act(String page, BindingResult binding, RedirectAttributes redirect, Locale locale, Runnable action) {
        if (binding.hasErrors()) {
            redirect.addFlashAttribute("problem", forms.problem(binding, locale));
            return "redirect:" + page;
        }
        return act(page, redirect, locale, action);
    }

    /** A refusal as one text: each field's message, or the problem's own. */
    String problem(Refusal refusal, Locale locale) {
        return String.join(" ", problems.fieldMessages(refusal, locale).values());
    }
}
