package org.lowcarbontogether.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A problem raised while serving a page (an unknown object, another organisation's object) becomes the error page
 * with its status and a localized explanation, instead of a server error. Pages let refusals they do not show with
 * their form come here ({@link PageRefusals}).
 */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

    private final ProblemWriter problems;

    PageExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView onProblem(Refusal e, HttpServletResponse response, Locale locale) {
        response.setStatus(Refusals.status(e).value());
        var page = new ModelAndView("error");
        page.setStatus(Refusals.status(e));
        page.addObject("status", Refusals.status(e).value());
        page.addObject("message", problems.describe(e, locale));
        return page;
    }
}
