package org.lowcarbontogether.platform;

import org.jspecify.annotations.Nullable;

/**
 * Why something failed, as kept with what failed (an unsent email, a webhook attempt) for people to read: the
 * exception's own message and its causes', without stack traces.
 */
public final class Failures {

    private Failures() {}

    /** The failure and its causes (at most five, so no loop on a cause that is its own cause), in at most 1,000 characters. */
    public static String describe(Throwable failure) {
        var text = new StringBuilder();
        @Nullable Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 5 && text.length() < 1000; depth++) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().strip());
            }
            cause = cause.getCause();
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }
}
