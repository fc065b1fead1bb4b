package org.lowcarbontogether.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks' symmetric signature scheme, for the sender and as a reference for receivers: the secret is
 * {@code whsec_} followed by base64 of 24 to 64 random bytes; a signature is {@code v1,} followed by base64 of
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the decoded secret; the
 * {@code webhook-signature} header carries one or more signatures separated by spaces (two while a rotated secret is
 * still honoured). A receiver accepts a message when any {@code v1} signature matches one of its secrets and the
 * timestamp is within five minutes of its clock, and then deduplicates by {@code webhook-id}: a message may arrive
 * more than once.
 */
public final class WebhookSignatures {

    /** The prefix that marks a symmetric signing secret. */
    public static final String SECRET_PREFIX = "whsec_";

    /** How far a message's timestamp may be from the receiver's clock (the spec's libraries use five minutes). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {}

    /** A new random secret: {@code whsec_} and base64 of 32 bytes. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The signature ({@code v1,…}) of a message with this id, timestamp (seconds since the epoch) and body. */
    public static String sign(String secret, String webhookId, long timestamp, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), webhookId, timestamp, body));
    }

    /** The value of the {@code webhook-signature} header: a signature per secret, separated by spaces. */
    public static String signatureHeader(List<String> secrets, String webhookId, long timestamp, String body) {
        return String.join(
                " ",
                secrets.stream()
                        .map(secret -> sign(secret, webhookId, timestamp, body))
                        .toList());
    }

    /** The key in a secret, with or without its {@code whsec_} prefix and base64 padding. */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret is base64 after whsec_", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("A webhook secret must not be empty");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String webhookId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** A message that does not verify, and why. */
    public static final class InvalidSignature extends RuntimeException {
        InvalidSignature(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Verifies messages as a receiver does, against one or more secrets (a receiver may hold the old and the new one
     * while it switches).
     */
    public static final class Verifier {

        private final List<byte[]> keys;
        private final Duration tolerance;

        public Verifier(String... secrets) {
            this(TOLERANCE, List.of(secrets));
        }

        public Verifier(Duration tolerance, List<String> secrets) {
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("A verifier needs a secret");
            }
            this.keys = secrets.stream().map(WebhookSignatures::key).toList();
            this.tolerance = tolerance;
        }

        /**
         * Checks the message's headers (names in any case) and body at the receiver's time {@code now}; returns its
         * {@code webhook-id} (the key to deduplicate by), or throws {@link InvalidSignature}.
         */
        public String verify(Map<String, List<String>> headers, String body, Instant now) {
            String id = header(headers, ID);
            String timestampText = header(headers, TIMESTAMP);
            String signatures = header(headers, SIGNATURE);
            if (id == null || timestampText == null || signatures == null) {
                throw new InvalidSignature("missing webhook-id, webhook-timestamp or webhook-signature");
            }
            long timestamp;
            try {
                timestamp = Long.parseLong(timestampText.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSignature("webhook-timestamp is not a number of seconds");
            }
            long seconds = now.getEpochSecond();
            if (timestamp < seconds - tolerance.toSeconds()) {
                throw new InvalidSignature("message timestamp too old");
            }
            if (timestamp > seconds + tolerance.toSeconds()) {
                throw new InvalidSignature("message timestamp too new");
            }
            var expected = new ArrayList<byte[]>(keys.size());
            for (byte[] key : keys) {
                expected.add(hmac(key, id, timestamp, body));
            }
            for (var list = new StringTokenizer(signatures, " "); list.hasMoreTokens(); ) {
                String versioned = list.nextToken();
                int comma = versioned.indexOf(',');
                if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(versioned.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (byte[] candidate : expected) {
                    if (MessageDigest.isEqual(candidate, given)) {
                        return id;
                    }
                }
            }
            throw new InvalidSignature("no matching signature");
        }

        private static @Nullable String header(Map<String, List<String>> headers, String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey() != null
                        && entry.getKey().equalsIgnoreCase(name)
                        && !entry.getValue().isEmpty()) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }
    }
}
