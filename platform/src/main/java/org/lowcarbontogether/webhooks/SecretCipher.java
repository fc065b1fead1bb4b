package org.lowcarbontogether.webhooks;

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
 * Keeps signing secrets encrypted at rest. A secret must be read back to sign with, so it cannot be hashed: it is
 * encrypted with AES-256-GCM under {@code lct.webhooks.encryption-key} (base64 of 32 bytes), a fresh 12-byte nonce
 * each time and the endpoint's id as associated data, so a ciphertext copied onto another endpoint does not decrypt.
 * Stored as a version byte, the nonce and the ciphertext with its tag. Without a key a fixed development key is used
 * and a warning logged; in the {@code prod} profile start-up fails.
 */
@Component
class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Autowired
    SecretCipher(WebhookProperties properties, Environment environment) {
        this(key(properties.encryptionKey(), environment.acceptsProfiles(Profiles.of("prod"))));
    }

    SecretCipher(SecretKey key) {
        this.key = key;
    }

    static SecretKey key(String configured, boolean production) {
        if (configured.isBlank()) {
            if (production) {
                throw new IllegalStateException(
                        "lct.webhooks.encryption-key (LCT_WEBHOOKS_ENCRYPTION_KEY) must be set in production: base64 of"
                                + " 32 random bytes, e.g. `openssl rand -base64 32`");
            }
            log.warn("lct.webhooks.encryption-key is not set: webhook signing secrets are encrypted with a development"
                    + " key anyone can read in the source. Set LCT_WEBHOOKS_ENCRYPTION_KEY (openssl rand -base64 32)"
                    + " before any real partner registers an endpoint.");
            return new SecretKeySpec(sha256("low-carbon-together development webhook key"), "AES");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lct.webhooks.encryption-key is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    "lct.webhooks.encryption-key must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    byte[] encrypt(UUID endpoint, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(endpoint));
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

    String decrypt(UUID endpoint, byte[] stored) {
        if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("Not a webhook secret this platform encrypted");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(associated(endpoint));
            return new String(
                    cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A webhook secret does not decrypt: another lct.webhooks.encryption-key, or not this endpoint's",
                    e);
        }
    }

    private static byte[] associated(UUID endpoint) {
        return ByteBuffer.allocate(16)
                .putLong(endpoint.getMostSignificantBits())
                .putLong(endpoint.getLeastSignificantBits())
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
