package org.lowcarbontogether.mail;

import java.util.Arrays;
import java.util.Objects;

/** A file sent with a message (an event's ICS, say), kept with it in the outbox until it is purged. */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content below
public record Attachment(String filename, String contentType, byte[] content) {

    public Attachment {
        Objects.requireNonNull(filename);
        Objects.requireNonNull(contentType);
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that
                && that.filename.equals(filename)
                && that.contentType.equals(contentType)
                && Arrays.equals(that.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
    }
}
