package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Texts;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text boundary for form fields and query strings, the counterpart of {@link InputBoundary} for JSON: every value
 * is normalised to NFC, and a request carrying a value that {@link Texts} refuses (a NUL, a bidirectional override,
 * nothing visible, stacked marks) is answered 422 naming the field — problem+json on the API, the error page elsewhere —
 * before any controller sees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TextBoundaryFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;
    private final LocaleResolver locales;
    private final JsonMapper json;

    TextBoundaryFilter(ProblemWriter problems, LocaleResolver locales, JsonMapper json) {
        this.problems = problems;
        this.locales = locales;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/webjars/")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/images/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException unreadable) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, String[]> normalised = null;
        for (var entry : parameters.entrySet()) {
            String[] values = entry.getValue();
            for (int i = 0; i < values.length; i++) {
                var problem =
                        Texts.problem(values[i]) != null ? Texts.problem(values[i]) : Texts.problem(entry.getKey());
                if (problem != null) {
                    refuse(
                            request,
                            response,
                            entry.getKey(),
                            "text-" + problem.name().toLowerCase(Locale.ROOT));
                    return;
                }
                String value = Texts.normalise(values[i]);
                if (!value.equals(values[i])) {
                    if (normalised == null) {
                        normalised = new LinkedHashMap<>(parameters);
                    }
                    String[] copy = Objects.requireNonNull(normalised.get(entry.getKey()))
                            .clone();
                    copy[i] = value;
                    normalised.put(entry.getKey(), copy);
                }
            }
        }
        chain.doFilter(normalised == null ? request : new Normalised(request, normalised), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String field, String code)
            throws IOException {
        var locale = locales.resolveLocale(request);
        ProblemDetail problem = problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", locale, field);
        String message = problems.message(Refusal.Violation.of(field, code), locale);
        if (request.getRequestURI().startsWith("/api/")) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
        } else {
            request.setAttribute("lct.problem", problem.getDetail() + " " + message);
            response.sendError(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
    }

    /** The request with its parameters normalised. */
    private static final class Normalised extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        Normalised(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
