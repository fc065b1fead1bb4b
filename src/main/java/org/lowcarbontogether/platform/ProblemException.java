package org.lowcarbontogether.platform;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request the platform refuses for a reason the caller can fix. {@code code} names the problem type and its message
 * keys ({@code problem.<code>.title} and {@code .detail}); each {@link Violation} names an offending input field.
 */
public class ProblemException extends RuntimeException {

    /** One offending field, with its own problem code (message key {@code problem.<code>.detail}) and arguments. */
    public record Violation(String field, String code, List<Object> args) {
        public Violation {
            args = List.copyOf(args);
        }

        public static Violation of(String field, String code, Object... args) {
            return new Violation(field, code, List.of(args));
        }

        public String messageKey() {
            return "problem." + code + ".detail";
        }
    }

    private final HttpStatus status;
    private final String code;
    private final List<Violation> violations;
    private final List<Object> args;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String code, List<Violation> violations, Map<String, Object> properties, Object... args) {
        super(code + (violations.isEmpty() ? "" : " " + violations.stream().map(Violation::field).toList()));
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.args = List.of(args);
        this.properties = Map.copyOf(properties);
    }

    public ProblemException(HttpStatus status, String code, @Nullable String field, Object... args) {
        this(status, code, field == null ? List.of() : List.of(Violation.of(field, code, args)), Map.of(), args);
    }

    public static ProblemException unprocessable(String code, @Nullable String field, Object... args) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, field, args);
    }

    public static ProblemException badRequest(String code, @Nullable String field, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, field, args);
    }

    /** Several invalid fields at once, reported together as a 400 validation problem. */
    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", violations, Map.of(),
                String.join(", ", violations.stream().map(Violation::field).toList()));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Object[] args() {
        return args.toArray();
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
