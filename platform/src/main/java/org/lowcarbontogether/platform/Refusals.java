package org.lowcarbontogether.platform;

import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpStatus;

/** The one place a domain refusal becomes an HTTP status, for problem+json answers and error pages alike. */
public final class Refusals {

    private Refusals() {}

    public static HttpStatus status(Refusal refusal) {
        return status(refusal.kind());
    }

    public static HttpStatus status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNACCEPTABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_FREQUENT -> HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
