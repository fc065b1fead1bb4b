package org.lowcarbontogether.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rotating check-in code an organiser shows on a screen at the door: an HMAC of the event and the current minute
 * under a secret that is never printed or shown, so a photo of the screen stops working within two minutes and the
 * code cannot be worked out from the poster. A code is accepted during the minute it is shown and the next one, so a
 * slow scan still counts.
 */
public final class ScreenCodes {

    /** How long one code is shown. */
    public static final Duration PERIOD = Duration.ofSeconds(60);

    private ScreenCodes() {}

    /** The code on screen and when it is replaced. */
    public record Shown(String code, Instant changesAt) {}

    static Shown shown(String secret, UUID eventId, Instant now) {
        long window = now.getEpochSecond() / PERIOD.toSeconds();
        return new Shown(code(secret, eventId, window), Instant.ofEpochSecond((window + 1) * PERIOD.toSeconds()));
    }

    static boolean valid(String secret, UUID eventId, String code, Instant now) {
        long window = now.getEpochSecond() / PERIOD.toSeconds();
        byte[] given = code.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(code(secret, eventId, window).getBytes(StandardCharsets.UTF_8), given)
                || MessageDigest.isEqual(code(secret, eventId, window - 1).getBytes(StandardCharsets.UTF_8), given);
    }

    static String code(String secret, UUID eventId, long window) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((eventId + ":" + window).getBytes(StandardCharsets.UTF_8));
            // 12 bytes (96 bits) are plenty for a code that lives two minutes, and keep the QR code small.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
