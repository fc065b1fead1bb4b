package org.lowcarbontogether.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.NotReadablePropertyException;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
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
        String detail = messages.getMessage("problem." + code + ".detail", localize(args, locale), "", locale);
        if (detail != null && !detail.isEmpty()) {
            problem.setDetail(detail);
        }
        return problem;
    }

    /** The problem as one localized sentence, for showing on a page: its detail, or its title when it has none. */
    public String describe(Refusal e, Locale locale) {
        // With a default message, never null.
        return Objects.requireNonNull(messages.getMessage(
                "problem." + e.code() + ".detail",
                localize(e.args(), locale),
                messages.getMessage("problem." + e.code() + ".title", null, e.code(), locale),
                locale));
    }

    /**
     * The problem as messages per form field, for a page to show next to its inputs; problems about no field in
     * particular are under the key {@code ""}.
     */
    public Map<String, String> fieldMessages(Refusal e, Locale locale) {
        var byField = new LinkedHashMap<String, String>();
        for (var v : e.violations()) {
            byField.merge(v.field(), message(v, locale), (a, b) -> a + " " + b);
        }
        if (byField.isEmpty()) {
            byField.put("", describe(e, locale));
        }
        return byField;
    }

    /**
     * Puts a problem onto a page's form: each violation next to its field ({@code field} maps the problem's field name
     * to the form's, for example {@code parameters.occupancy} to {@code parameters[occupancy]}), in the reader's words;
     * one the form has no field for, and a problem about no field, at the top.
     */
    public void bind(Refusal e, Errors errors, Locale locale, UnaryOperator<String> field) {
        if (e.violations().isEmpty()) {
            errors.reject("problem." + e.code() + ".detail", localize(e.args(), locale), describe(e, locale));
        }
        for (var v : e.violations()) {
            Object[] args = localize(v.args().toArray(), locale);
            String message = message(v, locale);
            try {
                errors.rejectValue(field.apply(v.field()), v.messageKey(), args, message);
            } catch (NotReadablePropertyException | IllegalArgumentException notOnTheForm) {
                errors.reject(v.messageKey(), args, message);
            }
        }
    }

    /** A violation's message in the reader's language. */
    public String message(Refusal.Violation v, Locale locale) {
        return Objects.requireNonNull(
                messages.getMessage(v.messageKey(), localize(v.args().toArray(), locale), v.code(), locale));
    }

    /**
     * Arguments as the reader should see them: a {@link LocalizedText} in their language, a message key
     * ({@link MessageSourceResolvable}, for example an evidence level) resolved, a list joined after resolving each.
     */
    public Object[] localize(Object[] args, Locale locale) {
        var localized = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            localized[i] = localize(args[i], locale);
        }
        return localized;
    }

    private Object localize(Object arg, Locale locale) {
        return switch (arg) {
            case LocalizedText text -> text.in(locale);
            case MessageSourceResolvable resolvable -> messages.getMessage(resolvable, locale);
            case Collection<?> items ->
                String.join(
                        LocalizedText.isChinese(locale) ? "、" : ", ",
                        items.stream()
                                .map(item -> String.valueOf(localize(item, locale)))
                                .toList());
            default -> arg;
        };
    }

    /** Answers a request that the security chains refused with its problem (401, 403, 429), and logs the refusal. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED
                || status == HttpStatus.FORBIDDEN
                || status == HttpStatus.TOO_MANY_REQUESTS) {
            SecurityEvents.refused(
                    status.value(),
                    request.getMethod(),
                    request.getRequestURI(),
                    SecurityEvents.current(),
                    request.getRemoteAddr(),
                    code);
        }
        ProblemDetail problem = problem(status, code, locales.resolveLocale(request));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
