package org.lowcarbontogether.notifications.web;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.NotificationKind;
import org.lowcarbontogether.notifications.Notifications.Notification;
import org.lowcarbontogether.platform.TextLanguage;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A notification's title and text in the reader's language: as HTML for pages (content marked with its language), as plain text for the API. */
@Component
class NotificationTexts {

    /** A notification as a page shows it: title and text are HTML, every argument escaped. */
    record Shown(
            UUID id,
            NotificationKind kind,
            String titleHtml,
            String textHtml,
            @Nullable String link,
            Instant createdAt,
            boolean unread) {}

    private final MessageSource messages;
    private final TextLanguage text;

    NotificationTexts(MessageSource messages, TextLanguage text) {
        this.messages = messages;
        this.text = text;
    }

    Shown page(Notification n, Locale locale) {
        Object[] wrapped = n.args().stream()
                .map(a -> a instanceof Number ? a : (Object) text.wrap(a))
                .toArray();
        return new Shown(
                n.id(),
                n.kind(),
                messages.getMessage(n.titleKey(), wrapped, locale),
                messages.getMessage(n.textKey(), wrapped, locale),
                n.link(),
                n.createdAt(),
                n.unread());
    }

    String title(Notification n, Locale locale) {
        return messages.getMessage(n.titleKey(), n.arguments(), locale);
    }

    String text(Notification n, Locale locale) {
        return messages.getMessage(n.textKey(), n.arguments(), locale);
    }
}
