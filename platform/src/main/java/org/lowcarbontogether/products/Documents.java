package org.lowcarbontogether.products;

import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;

/**
 * Evidence documents (receipt photos are {@link org.lowcarbontogether.platform.Photos}), checked by what they contain (never by the name or type a browser sends): a
 * PDF, JPEG, PNG or WebP of at most {@link #MAX_BYTES}. Answers the content type the bytes are.
 */
final class Documents {

    static final int MAX_BYTES = 5 * 1024 * 1024;

    private Documents() {}

    static String check(byte @Nullable [] content, String field) {
        if (content == null || content.length == 0) {
            throw Refusal.invalid("document-required", field);
        }
        if (content.length > MAX_BYTES) {
            throw new Refusal(
                    Refusal.Kind.TOO_LARGE,
                    "document-too-large",
                    java.util.List.of(Refusal.Violation.of(field, "document-too-large", MAX_BYTES / 1024 / 1024)),
                    java.util.Map.of(),
                    MAX_BYTES / 1024 / 1024);
        }
        String type = type(content);
        if (type == null) {
            throw Refusal.unacceptable("document-type", field);
        }
        return type;
    }

    static @Nullable String type(byte[] c) {
        if (starts(c, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (starts(c, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(c, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (c.length > 12
                && starts(c, 0x52, 0x49, 0x46, 0x46)
                && c[8] == 'W'
                && c[9] == 'E'
                && c[10] == 'B'
                && c[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
