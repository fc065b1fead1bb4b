package org.lowcarbontogether.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details with localized title and detail, from message keys {@code problem.<code>.title} and
 * {@code problem.<code>.detail}. Used by the API exception handler and by filters that answer before MVC.
 */
@Component
public class ProblemWriter {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    ProblemWriter(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    public ProblemDetail problem(HttpStatus status, String code, Locale locale, Object... args) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("/problems/" + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, status.getReasonPhrase(), locale));
        String detail = messages.getMessage("problem." + code + ".detail", args, "", locale);
        if (detail != null && !detail.isEmpty()) {
            problem.setDetail(detail);
        }
        return problem;
    }

    /** The problem as one localized sentence, for showing on a page: its detail, or its title when it has none. */
    public String describe(ProblemException e, Locale locale) {
        return messages.getMessage("problem." + e.code() + ".detail", e.args(),
                messages.getMessage("problem." + e.code() + ".title", null, e.code(), locale), locale);
    }

    /**
     * The problem as messages per form field, for a page to show next to its inputs; problems about no field in
     * particular are under the key {@code ""}.
     */
    public java.util.Map<String, String> fieldMessages(ProblemException e, Locale locale) {
        var byField = new java.util.LinkedHashMap<String, String>();
        for (var v : e.violations()) {
            byField.merge(v.field(), messages.getMessage(v.messageKey(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b);
        }
        if (byField.isEmpty()) {
            byField.put("", describe(e, locale));
        }
        return byField;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code) throws IOException {
        ProblemDetail problem = problem(status, code, locales.resolveLocale(request));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
