package org.lowcarbontogether.training;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rotating code a trainer shows on a screen in a large room: six digits from an HMAC of the session and the current
 * 30-second window under a secret never shown. A code works in the window it is shown and the next one, so it is valid
 * for at most a minute; a photo sent to someone outside the room stops working almost at once.
 */
public final class RotatingCodes {

    /** How long one code is shown. */
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private RotatingCodes() {}

    /** The code on screen and when it is replaced. */
    public record Shown(String code, Instant changesAt) {}

    static Shown shown(String secret, UUID sessionId, Instant now) {
        long window = now.getEpochSecond() / PERIOD.toSeconds();
        return new Shown(code(secret, sessionId, window), Instant.ofEpochSecond((window + 1) * PERIOD.toSeconds()));
    }

    static boolean valid(String secret, UUID sessionId, String code, Instant now) {
        long window = now.getEpochSecond() / PERIOD.toSeconds();
        byte[] given = code.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(code(secret, sessionId, window).getBytes(StandardCharsets.UTF_8), given)
                || MessageDigest.isEqual(code(secret, sessionId, window - 1).getBytes(StandardCharsets.UTF_8), given);
    }

    static String code(String secret, UUID sessionId, long window) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((sessionId + ":" + window).getBytes(StandardCharsets.UTF_8));
            // RFC 4226's dynamic truncation: six digits people can type from the back of a room.
            int offset = digest[digest.length - 1] & 0x0f;
            int value = ((digest[offset] & 0x7f) << 24)
                    | ((digest[offset + 1] & 0xff) << 16)
                    | ((digest[offset + 2] & 0xff) << 8)
                    | (digest[offset + 3] & 0xff);
            return String.format("%06d", value % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
