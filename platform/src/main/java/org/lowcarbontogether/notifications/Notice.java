package org.lowcarbontogether.notifications;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One notice to one person: its kind (whose preferences decide the channels), the key that makes it once per person
 * ({@code event-reminder:<event>}, {@code digest:<week>}), the message that tells it
 * ({@code notifications.message.<message>.title} and {@code .text}) with its arguments — text and numbers, written in
 * each reader's language when shown — and the platform path it leads to. Its email is written from
 * {@code mailTemplate} (the plain notice unless a kind has its own, as the digest has) with {@code mailModel} added,
 * and carries {@code files}.
 */
record Notice(
        UUID userId,
        NotificationKind kind,
        String key,
        String message,
        List<Object> args,
        @Nullable String link,
        String mailTemplate,
        Map<String, Object> mailModel,
        List<File> files) {

    static final String PLAIN = "notifications/notice";

    /** A text file sent with the email (an event's calendar entry). */
    record File(String filename, String contentType, String text) {}

    Notice {
        args = List.copyOf(args);
        mailModel = Map.copyOf(mailModel);
        files = List.copyOf(files);
    }

    Notice(UUID userId, NotificationKind kind, String key, String message, List<Object> args, @Nullable String link) {
        this(userId, kind, key, message, args, link, PLAIN, Map.of(), List.of());
    }

    Notice with(File file) {
        var all = new java.util.ArrayList<>(files);
        all.add(file);
        return new Notice(userId, kind, key, message, args, link, mailTemplate, mailModel, all);
    }

    Notice mailedAs(String template, Map<String, Object> model) {
        return new Notice(userId, kind, key, message, args, link, template, model, files);
    }
}
