package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest: encrypted, bound to their row, tamper-evident; production cannot start without a key; the former
 * webhook property still gives the key.
 */
class SecretCipherTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final SecretCipher cipher = new SecretCipher(SecretCipher.key(KEY, true));

    @Test
    void aSecretComesBackForItsEndpointOnly() {
        UUID endpoint = UUID.randomUUID();
        String secret = "whsec_"
                + Base64.getEncoder()
                        .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

        byte[] stored = cipher.encrypt(endpoint, secret);

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6, 20));
        assertThat(cipher.decrypt(endpoint, stored)).isEqualTo(secret);
        assertThat(cipher.encrypt(endpoint, secret))
                .as("a fresh nonce each time")
                .isNotEqualTo(stored);
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), stored)).isInstanceOf(IllegalStateException.class);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(endpoint, stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherKeyCannotReadIt() {
        UUID endpoint = UUID.randomUUID();
        byte[] stored = cipher.encrypt(endpoint, "whsec_c2VjcmV0");
        byte[] other = new byte[32];
        other[0] = 1;
        var otherCipher = new SecretCipher(SecretCipher.key(Base64.getEncoder().encodeToString(other), true));
        assertThatThrownBy(() -> otherCipher.decrypt(endpoint, stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void productionNeedsAKeyOfThirtyTwoBytesAndDevelopmentGetsOne() {
        assertThatThrownBy(() -> SecretCipher.key("", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lct.secrets.encryption-key");
        assertThatThrownBy(() -> SecretCipher.key(Base64.getEncoder().encodeToString(new byte[16]), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.key("not base64!", false)).isInstanceOf(IllegalStateException.class);
        var development = new SecretCipher(SecretCipher.key("", false));
        UUID endpoint = UUID.randomUUID();
        assertThat(development.decrypt(endpoint, development.encrypt(endpoint, "whsec_c2VjcmV0")))
                .isEqualTo("whsec_c2VjcmV0");
    }

    @Test
    void aSecretBoundToAContextComesBackForThatContextOnly() {
        byte[] stored = cipher.encrypt("partner-signing-key:a", "{\"d\":\"private\"}");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("\"d\":");
        assertThat(cipher.decrypt("partner-signing-key:a", stored)).isEqualTo("{\"d\":\"private\"}");
        assertThatThrownBy(() -> cipher.decrypt("partner-signing-key:b", stored))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFormerWebhookPropertyStillGivesTheKeyButNotBesideAnotherOne() {
        assertThat(SecretCipher.configured("", KEY)).isEqualTo(KEY);
        assertThat(SecretCipher.configured(KEY, "")).isEqualTo(KEY);
        assertThat(SecretCipher.configured(KEY, KEY)).isEqualTo(KEY);
        assertThat(SecretCipher.configured("", "")).isEmpty();
        assertThatThrownBy(
                        () -> SecretCipher.configured(KEY, Base64.getEncoder().encodeToString(new byte[] {1})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lct.webhooks.encryption-key");
    }
}
