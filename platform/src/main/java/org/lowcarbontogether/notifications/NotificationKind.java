package org.lowcarbontogether.notifications;

import java.util.Locale;
import java.util.Optional;

/**
 * What a notification is about. Each kind is delivered in the app and by email as the person chose; until they choose,
 * its defaults hold. The weekly digest and the streak nudge are off unless chosen.
 */
public enum NotificationKind {
    COMMUNITY_ANNOUNCEMENT(true, true),
    CAMPAIGN_ANNOUNCEMENT(true, true),
    EVENT_REMINDER(true, true),
    EVENT_CHECK_IN(true, false),
    WEEKLY_DIGEST(false, false),
    STREAK_NUDGE(false, false),
    REPORT_DUE(true, true),
    TRANCHE(true, true),
    REVIEW_ASSIGNED(true, true);

    private final boolean inAppByDefault;
    private final boolean emailByDefault;

    NotificationKind(boolean inAppByDefault, boolean emailByDefault) {
        this.inAppByDefault = inAppByDefault;
        this.emailByDefault = emailByDefault;
    }

    public boolean inAppByDefault() {
        return inAppByDefault;
    }

    public boolean emailByDefault() {
        return emailByDefault;
    }

    /** The kind named by its code, in any case ({@code weekly_digest}, {@code WEEKLY_DIGEST}). */
    public static Optional<NotificationKind> parse(String code) {
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
