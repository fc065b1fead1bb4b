package org.lowcarbontogether.mail;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A message to enqueue: its recipient, the template that writes it ({@code templates/mail/<template>.html} and
 * {@code .txt}, subject {@code mail.<template>.subject} in {@code messages*.properties}, with '/' read as '.'), the
 * values the template shows, the subject's arguments, attachments and, for notifications people can stop, the
 * one-click unsubscribe address sent as {@code List-Unsubscribe}.
 */
public record Message(
        Recipient to,
        String template,
        Map<String, Object> model,
        List<Object> subjectArguments,
        List<Attachment> attachments,
        @Nullable URI listUnsubscribe) {

    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");

    public Message {
        if (!TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("Not a mail template name: " + template);
        }
        model = Map.copyOf(model);
        subjectArguments = List.copyOf(subjectArguments);
        attachments = List.copyOf(attachments);
    }

    /** A message from this template to this recipient; add what it shows with {@link Builder#with}. */
    public static Builder to(Recipient to, String template) {
        return new Builder(to, template);
    }

    /** The message key of the subject. */
    String subjectKey() {
        return "mail." + template.replace('/', '.') + ".subject";
    }

    /** Builds a {@link Message}. */
    public static final class Builder {
        private final Recipient to;
        private final String template;
        private final Map<String, Object> model = new LinkedHashMap<>();
        private final List<Object> subjectArguments = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private @Nullable URI listUnsubscribe;

        private Builder(Recipient to, String template) {
            this.to = to;
            this.template = template;
        }

        /** A value the templates show as {@code ${name}}. */
        public Builder with(String name, Object value) {
            model.put(name, value);
            return this;
        }

        /** The subject message's arguments ({0}, {1} …). */
        public Builder subject(Object... arguments) {
            subjectArguments.addAll(List.of(arguments));
            return this;
        }

        public Builder attach(Attachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /** The one-click unsubscribe address (RFC 8058), for messages a person may choose not to receive. */
        public Builder listUnsubscribe(URI address) {
            listUnsubscribe = address;
            return this;
        }

        public Message build() {
            return new Message(to, template, model, subjectArguments, attachments, listUnsubscribe);
        }
    }
}
