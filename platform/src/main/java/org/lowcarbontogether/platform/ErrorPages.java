package org.lowcarbontogether.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that reaches the servlet container — an unknown path, a method or media type a handler does not take, a
 * body too large, a refused input, a failure — answered in the caller's terms: an RFC 9457 problem for the API (with
 * no internals in it), the error page in the reader's language for everything else.
 */
@Controller
class ErrorPages implements ErrorController {

    private final ProblemWriter problems;

    ErrorPages(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Locale locale) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String s
                ? s
                : request.getRequestURI();
        if (uri.startsWith("/api/")) {
            ProblemDetail problem = problems.problem(status, problemCode(status), locale);
            problem.setInstance(URI.create(uri));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        Object refused = request.getAttribute("lct.problem");
        page.addObject(
                "message",
                refused != null
                        ? refused
                        : status.is4xxClientError() && status != HttpStatus.NOT_FOUND
                                ? problems.problem(status, problemCode(status), locale)
                                        .getDetail()
                                : null);
        return page;
    }

    /** The problem type of a status the container answered on its own. */
    static String problemCode(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "authentication-required";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case CONTENT_TOO_LARGE -> "body-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case UNPROCESSABLE_CONTENT -> "invalid-input";
            case TOO_MANY_REQUESTS -> "rate-limited";
            case SERVICE_UNAVAILABLE -> "busy";
            default -> "internal";
        };
    }
}
