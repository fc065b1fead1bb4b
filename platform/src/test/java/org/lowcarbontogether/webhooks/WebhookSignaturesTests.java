package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signing and verifying against the Standard Webhooks specification's published test vectors. The vectors (secret
 * {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}, id {@code msg_p5jXN8AQM9LWM0D4loKWxJek}, timestamp
 * {@code 1614265330}, body <code>{"test": 2432232314}</code>, signature
 * {@code v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=}) and the verification scenarios (several signatures, a
 * {@code v2} signature, a malformed one, missing headers, timestamps beyond the five-minute tolerance, secrets with and
 * without the prefix or base64 padding, headers in any case) come from github.com/standard-webhooks/standard-webhooks
 * at commit b2fa7b8: {@code libraries/java/src/test/java/com/standardwebhooks/TestScenario.java} and
 * {@code WebhookTest.java}, {@code libraries/python/tests/test_webhooks.py} ({@code test_sign_function},
 * {@code test_multi_sig_payload_is_valid}, {@code test_signature_verification_with_unpadded_secret}) and
 * {@code libraries/javascript/src/webhook.test.ts} ("sign function works").
 */
class WebhookSignaturesTests {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant THEN = Instant.ofEpochSecond(TIMESTAMP);

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        var headers = new HashMap<String, List<String>>();
        headers.put("webhook-id", List.of(id));
        headers.put("webhook-timestamp", List.of(Long.toString(timestamp)));
        headers.put("webhook-signature", List.of(signature));
        return headers;
    }

    private static Map<String, List<String>> valid() {
        return headers(ID, TIMESTAMP, SIGNATURE);
    }

    @Test
    void signsTheSpecificationsVector() {
        assertThat(WebhookSignatures.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void verifiesTheSpecificationsVectorAndAnswersItsId() {
        assertThat(new WebhookSignatures.Verifier(SECRET).verify(valid(), BODY, THEN))
                .isEqualTo(ID);
    }

    @Test
    void aSecretWorksWithOrWithoutItsPrefix() {
        String bare = SECRET.substring("whsec_".length());
        assertThat(WebhookSignatures.sign(bare, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(new WebhookSignatures.Verifier(bare).verify(valid(), BODY, THEN))
                .isEqualTo(ID);
    }

    @Test
    void aSecretWorksWithoutItsBase64Padding() {
        // test_signature_verification_with_unpadded_secret: one and two padding characters left off
        for (String unpadded : List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr")) {
            String padded = unpadded + "=".repeat((4 - unpadded.length() % 4) % 4);
            String signature = WebhookSignatures.sign(padded, ID, TIMESTAMP, BODY);
            assertThat(new WebhookSignatures.Verifier(unpadded).verify(headers(ID, TIMESTAMP, signature), BODY, THEN))
                    .isEqualTo(ID);
            assertThat(new WebhookSignatures.Verifier("whsec_" + unpadded)
                            .verify(headers(ID, TIMESTAMP, signature), BODY, THEN))
                    .isEqualTo(ID);
        }
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        String several = String.join(
                " ",
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                SIGNATURE,
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        assertThat(new WebhookSignatures.Verifier(SECRET).verify(headers(ID, TIMESTAMP, several), BODY, THEN))
                .isEqualTo(ID);
    }

    @Test
    void headerNamesAreReadInAnyCase() {
        var mixed = new HashMap<String, List<String>>();
        mixed.put("Webhook-Id", List.of(ID));
        mixed.put("WEBHOOK-TIMESTAMP", List.of(Long.toString(TIMESTAMP)));
        mixed.put("webhook-SIGNATURE", List.of(SIGNATURE));
        assertThat(new WebhookSignatures.Verifier(SECRET).verify(mixed, BODY, THEN))
                .isEqualTo(ID);
    }

    @Test
    void refusesMissingHeaders() {
        var verifier = new WebhookSignatures.Verifier(SECRET);
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            var headers = valid();
            headers.remove(header);
            assertThatThrownBy(() -> verifier.verify(headers, BODY, THEN))
                    .as(header)
                    .isInstanceOf(WebhookSignatures.InvalidSignature.class)
                    .hasMessageContaining("missing");
        }
    }

    @Test
    void refusesAnotherVersionAMalformedSignatureAndAWrongOne() {
        var verifier = new WebhookSignatures.Verifier(SECRET);
        for (String signature : List.of(
                "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", // withWrongVersion
                "invalid_signature", // withInvalidSignatureFormat
                "v1,invalid_signature", // withInvalidSignatureValue
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", // test_invalid_signature_raises_error
                "v1,")) {
            assertThatThrownBy(() -> verifier.verify(headers(ID, TIMESTAMP, signature), BODY, THEN))
                    .as(signature)
                    .isInstanceOf(WebhookSignatures.InvalidSignature.class)
                    .hasMessage("no matching signature");
        }
    }

    @Test
    void refusesAnotherBodyIdOrSecret() {
        assertThatThrownBy(() -> new WebhookSignatures.Verifier(SECRET).verify(valid(), "{\"test\": 2432232315}", THEN))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class);
        assertThatThrownBy(() -> new WebhookSignatures.Verifier(SECRET)
                        .verify(headers("msg_other", TIMESTAMP, SIGNATURE), BODY, THEN))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class);
        assertThatThrownBy(
                        () -> new WebhookSignatures.Verifier(WebhookSignatures.newSecret()).verify(valid(), BODY, THEN))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class);
    }

    @Test
    void refusesTimestampsBeyondTheToleranceAndOneThatIsNotANumber() {
        var verifier = new WebhookSignatures.Verifier(SECRET);
        Duration beyond = WebhookSignatures.TOLERANCE.plusSeconds(1);
        assertThatThrownBy(() -> verifier.verify(valid(), BODY, THEN.plus(beyond)))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class)
                .hasMessage("message timestamp too old");
        assertThatThrownBy(() -> verifier.verify(valid(), BODY, THEN.minus(beyond)))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class)
                .hasMessage("message timestamp too new");
        assertThat(verifier.verify(valid(), BODY, THEN.plus(WebhookSignatures.TOLERANCE)))
                .isEqualTo(ID);
        var notANumber = valid();
        notANumber.put("webhook-timestamp", List.of("hello"));
        assertThatThrownBy(() -> verifier.verify(notANumber, BODY, THEN))
                .isInstanceOf(WebhookSignatures.InvalidSignature.class);
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new WebhookSignatures.Verifier("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSignatures.Verifier("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSecretsAreThirtyTwoRandomBytesWithThePrefix() {
        String one = WebhookSignatures.newSecret();
        assertThat(one).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(one);
    }

    @Test
    void aRotatedEndpointsHeaderCarriesOneSignaturePerSecretEachVerifyingAlone() {
        String other = WebhookSignatures.newSecret();
        String header = WebhookSignatures.signatureHeader(List.of(other, SECRET), ID, TIMESTAMP, BODY);
        String[] signatures = header.split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[1]).isEqualTo(SIGNATURE);
        assertThat(new WebhookSignatures.Verifier(other).verify(headers(ID, TIMESTAMP, signatures[0]), BODY, THEN))
                .isEqualTo(ID);
        assertThat(new WebhookSignatures.Verifier(SECRET).verify(headers(ID, TIMESTAMP, header), BODY, THEN))
                .isEqualTo(ID);
    }
}
