package org.lowcarbontogether.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Keeps secrets the platform must read back encrypted at rest (webhook signing secrets, the authorisation server's
 * private keys): they cannot be hashed, so they are encrypted with AES-256-GCM under {@code lct.secrets.encryption-key}
 * (base64 of 32 bytes; {@code lct.webhooks.encryption-key}, its former name, is still read when it is not set), a fresh
 * 12-byte nonce each time and what the secret belongs to as associated data (an endpoint's id, a key's id), so a
 * ciphertext copied onto another row does not decrypt. Stored as a version byte, the nonce and the ciphertext with its
 * tag. Without a key a fixed development key is used and a warning logged; in the {@code prod} profile start-up fails.
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    static final String PROPERTY = "lct.secrets.encryption-key";
    static final String FORMER_PROPERTY = "lct.webhooks.encryption-key";

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Autowired
    SecretCipher(Environment environment) {
        this(key(
                configured(environment.getProperty(PROPERTY, ""), environment.getProperty(FORMER_PROPERTY, "")),
                environment.acceptsProfiles(Profiles.of("prod"))));
    }

    /** A cipher under the given key; for tests. */
    public SecretCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * The key as configured: {@code lct.secrets.encryption-key}, or the former {@code lct.webhooks.encryption-key} when
     * only that is set. Both set to different keys is refused: the secrets already stored are under the former one.
     */
    static String configured(String current, String former) {
        if (current.isBlank()) {
            return former;
        }
        if (!former.isBlank() && !former.strip().equals(current.strip())) {
            throw new IllegalStateException(PROPERTY + " and " + FORMER_PROPERTY + " are both set, to different keys:"
                    + " set only " + PROPERTY + ", to the key the secrets already stored were encrypted with");
        }
        return current;
    }

    /** The AES key from its configured base64 ({@code production}: an empty one is refused). */
    public static SecretKey key(String configured, boolean production) {
        if (configured.isBlank()) {
            if (production) {
                throw new IllegalStateException(PROPERTY + " (LCT_SECRETS_ENCRYPTION_KEY) must be set in production:"
                        + " base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
            }
            log.warn(PROPERTY + " is not set: webhook signing secrets and the partners' token signing keys are"
                    + " encrypted with a development key anyone can read in the source. Set LCT_SECRETS_ENCRYPTION_KEY"
                    + " (openssl rand -base64 32) before any real partner is onboarded.");
            // The same development key as when only webhooks used it, so development databases still decrypt.
            return new SecretKeySpec(sha256("low-carbon-together development webhook key"), "AES");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    PROPERTY + " must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Encrypts a secret that belongs to the row {@code owner} (its id is the associated data). */
    public byte[] encrypt(UUID owner, String secret) {
        return encrypt(associated(owner), secret);
    }

    /** The secret {@link #encrypt(UUID, String)} stored for {@code owner}; fails for another owner or another key. */
    public String decrypt(UUID owner, byte[] stored) {
        return decrypt(associated(owner), stored);
    }

    /** Encrypts a secret bound to {@code context} (e.g. {@code "partner-signing-key:" + kid}). */
    public byte[] encrypt(String context, String secret) {
        return encrypt(context.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The secret {@link #encrypt(String, String)} stored for {@code context}. */
    public String decrypt(String context, byte[] stored) {
        return decrypt(context.getBytes(StandardCharsets.UTF_8), stored);
    }

    private byte[] encrypt(byte[] associated, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    private String decrypt(byte[] associated, byte[] stored) {
        if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("Not a secret this platform encrypted");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(associated);
            return new String(
                    cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A secret does not decrypt: another " + PROPERTY + ", or not this row's secret", e);
        }
    }

    private static byte[] associated(UUID owner) {
        return ByteBuffer.allocate(16)
                .putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits())
                .array();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
