package org.lowcarbontogether.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The platform refuses what it was asked, for a reason the caller can fix. {@code code} names the problem type and
 * its message keys ({@code problem.<code>.title} and {@code .detail}); each {@link Violation} names an offending input
 * field. The {@link Kind} says what sort of refusal it is; the web edge turns it into an HTTP status, once, in
 * {@code platform.Refusals}.
 */
public class Refusal extends RuntimeException {

    /** What sort of refusal: the caller's input, the object's state, who asks, or the platform's load. */
    public enum Kind {
        /** Input missing or malformed (HTTP 400). */
        INVALID,
        /** Input well formed but not acceptable (422). */
        UNACCEPTABLE,
        /** No such object, or none the caller may know of (404). */
        NOT_FOUND,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** The object's state does not allow it now (409). */
        CONFLICT,
        /** Too many attempts; wait before trying again (429). */
        TOO_FREQUENT,
        /** More than the platform takes at once (413). */
        TOO_LARGE,
        /** The platform cannot take it now; try again shortly (503). */
        BUSY
    }

    /** One offending field, with its own problem code (message key {@code problem.<code>.detail}) and arguments. */
    public record Violation(String field, String code, List<Object> args) {
        public Violation {
            args = List.copyOf(args);
        }

        public static Violation of(String field, String code, @Nullable Object... args) {
            return new Violation(field, code, shown(args));
        }

        public String messageKey() {
            return "problem." + code + ".detail";
        }
    }

    private final Kind kind;
    private final String code;
    private final List<Violation> violations;
    private final List<Object> args;
    private final Map<String, Object> properties;

    public Refusal(
            Kind kind,
            String code,
            List<Violation> violations,
            Map<String, Object> properties,
            @Nullable Object... args) {
        super(
                code
                        + (violations.isEmpty()
                                ? ""
                                : " "
                                        + violations.stream()
                                                .map(Violation::field)
                                                .toList()),
                null,
                false,
                false);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.args = shown(args);
        this.properties = Map.copyOf(properties);
    }

    public Refusal(Kind kind, String code, @Nullable String field, @Nullable Object... args) {
        this(kind, code, field == null ? List.of() : List.of(Violation.of(field, code, args)), Map.of(), args);
    }

    public static Refusal unacceptable(String code, @Nullable String field, @Nullable Object... args) {
        return new Refusal(Kind.UNACCEPTABLE, code, field, args);
    }

    public static Refusal invalid(String code, @Nullable String field, @Nullable Object... args) {
        return new Refusal(Kind.INVALID, code, field, args);
    }

    public static Refusal notFound(String code, @Nullable String field, @Nullable Object... args) {
        return new Refusal(Kind.NOT_FOUND, code, field, args);
    }

    public static Refusal forbidden(String code, @Nullable String field, @Nullable Object... args) {
        return new Refusal(Kind.FORBIDDEN, code, field, args);
    }

    public static Refusal conflict(String code, @Nullable String field, @Nullable Object... args) {
        return new Refusal(Kind.CONFLICT, code, field, args);
    }

    /** Several invalid fields at once, reported together as one validation problem. */
    public static Refusal invalid(List<Violation> violations) {
        return new Refusal(
                Kind.INVALID,
                "validation",
                violations,
                Map.of(),
                String.join(", ", violations.stream().map(Violation::field).toList()));
    }

    /** A message's arguments; one that is absent shows as nothing. */
    private static List<Object> shown(@Nullable Object[] args) {
        return Arrays.stream(args).map(a -> a == null ? "" : a).toList();
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the refusal means "no such thing here" or "not yours": pages answer it with their 404 or 403. */
    public boolean deniesAccess() {
        return kind == Kind.NOT_FOUND || kind == Kind.FORBIDDEN;
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
