package org.lowcarbontogether.platform;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every API error as an RFC 9457 problem ({@code application/problem+json}), localized, naming the offending field.
 * Server errors say nothing about internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemWriter problems;
    private final MessageSource messages;

    ApiExceptionHandler(ProblemWriter problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
        setMessageSource(messages);
    }

    /** A field error: the field's path and a localized message. */
    record FieldProblem(String field, String message) {}

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> onProblem(Refusal e, WebRequest request) {
        Locale locale = locale(request);
        if (e.kind() == Refusal.Kind.FORBIDDEN && request instanceof ServletWebRequest servlet) {
            SecurityEvents.refused(
                    403,
                    servlet.getRequest().getMethod(),
                    servlet.getRequest().getRequestURI(),
                    SecurityEvents.current(),
                    servlet.getRequest().getRemoteAddr(),
                    e.code());
        }
        ProblemDetail problem = problems.problem(Refusals.status(e), e.code(), locale, e.args());
        if (!e.violations().isEmpty()) {
            problem.setProperty(
                    "errors",
                    e.violations().stream()
                            .map(v -> new FieldProblem(v.field(), problems.message(v, locale)))
                            .toList());
        }
        e.properties().forEach(problem::setProperty);
        problem.setInstance(instance(request));
        var response = ResponseEntity.status(Refusals.status(e));
        if (e.kind() == Refusal.Kind.BUSY) {
            // Busy, restarting or slow to write: all passing; a second is enough for the writer to drain its queue.
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
            response.header(HttpHeaders.RETRY_AFTER, seconds.toString());
        }
        return response.body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e, WebRequest request) {
        if (Admission.poolExhausted(e)) {
            // No database connection in time (the pool's connection-timeout): overloaded, not broken — 503 at once.
            log.warn("No database connection in time for {}", instance(request));
            ProblemDetail problem = problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", locale(request));
            problem.setInstance(instance(request));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Admission.RETRY_AFTER_SECONDS)
                    .body(problem);
        }
        log.error("Unexpected error on {}", instance(request), e);
        ProblemDetail problem = problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", locale(request));
        problem.setInstance(instance(request));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale(request);
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), messages.getMessage(error, locale)))
                .toList();
        ProblemDetail problem = problems.problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                locale,
                String.join(", ", errors.stream().map(FieldProblem::field).toList()));
        problem.setProperty("errors", errors);
        problem.setInstance(instance(request));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale(request);
        ProblemDetail problem;
        if (causeOfType(e, LimitedBodyRequest.BodyTooLarge.class) != null) {
            problem = problems.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", locale);
            problem.setInstance(instance(request));
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
        }
        RefusedInput refused = causeOfType(e, RefusedInput.class);
        DatabindException databind = causeOfType(e, DatabindException.class);
        JacksonException jackson = causeOfType(e, JacksonException.class);
        if (refused != null) {
            String field = pathOf(refused);
            problem = problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", locale, field);
            problem.setProperty(
                    "errors",
                    List.of(new FieldProblem(
                            field,
                            Objects.requireNonNull(messages.getMessage(
                                    "problem." + refused.code() + ".detail", null, refused.code(), locale)))));
            problem.setInstance(instance(request));
            return ResponseEntity.unprocessableContent().body(problem);
        } else if (databind != null && !databind.getPath().isEmpty()) {
            String field = pathOf(databind);
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-field", locale, field);
            problem.setProperty(
                    "errors", List.of(new FieldProblem(field, problem.getDetail() == null ? "" : problem.getDetail())));
        } else if (jackson != null) {
            // Where the JSON breaks, never the parser's own words (they name classes).
            var location = jackson.getLocation();
            problem = problems.problem(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    locale,
                    location == null ? 0 : location.getLineNr(),
                    location == null ? 0 : location.getColumnNr());
        } else {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", locale);
        }
        problem.setInstance(instance(request));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale(request);
        ProblemDetail problem;
        if (e instanceof MissingRequestHeaderException missing) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "missing-header", locale, missing.getHeaderName());
        } else if (e instanceof TypeMismatchException mismatch) {
            // A parameter or path variable that does not convert: its name, never the converter's words.
            String field = mismatch instanceof MethodArgumentTypeMismatchException argument
                    ? argument.getName()
                    : String.valueOf(mismatch.getPropertyName());
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-field", locale, field);
            problem.setProperty(
                    "errors", List.of(new FieldProblem(field, problem.getDetail() == null ? "" : problem.getDetail())));
        } else if (e instanceof MissingServletRequestParameterException missing) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "field-required", locale, missing.getParameterName());
        } else if (e instanceof MissingServletRequestPartException missing) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "field-required", locale, missing.getRequestPartName());
        } else {
            // Every other refusal Spring makes itself (405, 406, 415 …): its status, in the caller's language.
            HttpStatus resolved = HttpStatus.resolve(status.value());
            problem = problems.problem(
                    resolved == null ? HttpStatus.BAD_REQUEST : resolved,
                    ErrorPages.problemCode(resolved == null ? HttpStatus.BAD_REQUEST : resolved),
                    locale);
        }
        problem.setInstance(instance(request));
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private static <T extends Throwable> @Nullable T causeOfType(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String pathOf(DatabindException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The locale the dispatcher resolved for this request (cookie, then Accept-Language). */
    private static Locale locale(WebRequest request) {
        return LocaleContextHolder.getLocale();
    }

    private static URI instance(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? URI.create(servlet.getRequest().getRequestURI())
                : URI.create("");
    }
}
