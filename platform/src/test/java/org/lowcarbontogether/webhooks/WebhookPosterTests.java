package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One attempt over real HTTP: the headers and body arrive as given, a redirect is not followed, only the first
 * kilobyte of an answer is kept, a receiver that does not answer in time is an error, and an address that is not
 * allowed is never called — not even when the name resolves to it only after the check (DNS rebinding).
 */
class WebhookPosterTests {

    static WebhookProperties properties(boolean allowPrivate, Duration timeout) {
        return new WebhookProperties(
                List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)),
                0,
                Duration.ofSeconds(5),
                timeout,
                timeout.multipliedBy(4),
                20,
                Duration.ofDays(30),
                Duration.ofHours(24),
                10,
                allowPrivate);
    }

    private static WebhookPoster poster(boolean allowPrivate, Duration timeout) {
        var properties = properties(allowPrivate, timeout);
        return new WebhookPoster(new EndpointAddresses(properties), properties);
    }

    @Test
    void postsTheBodyWithItsHeadersAndKeepsTheAnswer() throws Exception {
        try (var receiver = new Receiver().withBody("thanks")) {
            var answer = poster(true, Duration.ofSeconds(5))
                    .post(URI.create(receiver.url("/hook")), Map.of("webhook-id", "msg_1"), "{\"a\":1}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.error()).isNull();
            assertThat(answer.response()).isEqualTo("thanks");
            var request = receiver.received().getFirst();
            assertThat(request.body()).isEqualTo("{\"a\":1}");
            assertThat(request.id()).isEqualTo("msg_1");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void aRedirectIsAFailureAndNotFollowed() throws Exception {
        try (var receiver = new Receiver().answering(302)) {
            var answer = poster(true, Duration.ofSeconds(5)).post(URI.create(receiver.url("/hook")), Map.of(), "{}");

            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.error()).isEqualTo("HTTP 302");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void keepsOnlyTheFirstKilobyteOfTheAnswer() throws Exception {
        try (var receiver = new Receiver().answering(500).withBody("é".repeat(3000))) {
            var answer = poster(true, Duration.ofSeconds(5)).post(URI.create(receiver.url("/hook")), Map.of(), "{}");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.response()).startsWith("éé").hasSizeLessThanOrEqualTo(WebhookPoster.RESPONSE_BYTES);
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAnError() throws Exception {
        var release = new CountDownLatch(1);
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            var answer = poster(true, Duration.ofSeconds(1))
                    .post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow"), Map.of(), "{}");

            assertThat(answer.status()).isNull();
            assertThat(answer.error()).isEqualTo("no answer within 1 s");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void anAddressNoLongerAllowedIsNotCalled() throws Exception {
        try (var receiver = new Receiver()) {
            var answer = poster(false, Duration.ofSeconds(5)).post(URI.create(receiver.url("/hook")), Map.of(), "{}");

            assertThat(answer.status()).isNull();
            assertThat(answer.error()).isEqualTo("address not allowed (webhook-url-private)");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void aNameThatRebindsToAPrivateAddressAfterTheCheckIsNotCalled() throws Exception {
        try (var receiver = new Receiver()) {
            // The check sees a public address; the connection's own look-up is answered with the receiver on loopback.
            var lookups = new java.util.concurrent.atomic.AtomicInteger();
            EndpointAddresses.Resolver rebinding = host -> List.of(
                    lookups.getAndIncrement() == 0
                            ? InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})
                            : InetAddress.getLoopbackAddress());
            var properties = properties(false, Duration.ofSeconds(5));
            var poster = new WebhookPoster(new EndpointAddresses(false, rebinding), properties);
            int port = URI.create(receiver.url("/hook")).getPort();

            var answer = poster.post(URI.create("https://hooks.example.org:" + port + "/hook"), Map.of(), "{}");

            assertThat(lookups.get()).isEqualTo(2);
            assertThat(answer.status()).isNull();
            assertThat(answer.error()).isEqualTo("address not allowed (webhook-url-private)");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void readsRetryAfterInSecondsOnly() {
        assertThat(WebhookPoster.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookPoster.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
        assertThat(WebhookPoster.retryAfter(null)).isNull();
    }
}
