package org.lowcarbontogether.account;

import java.time.LocalDate;

/**
 * The privacy notice people accept (its text: the {@code privacy.notice.*} messages, shown at {@code /privacy}).
 * Bump {@link #VERSION} and {@link #PUBLISHED} whenever that text changes: every signed-in person is then asked to
 * accept the new version on their next page.
 */
public final class PrivacyNotice {

    /** The version of the notice's current text. */
    public static final String VERSION = "1.1";

    /** The day the current text took effect. */
    public static final LocalDate PUBLISHED = LocalDate.of(2026, 12, 7);

    private PrivacyNotice() {}
}
