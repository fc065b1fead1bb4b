package org.lowcarbontogether.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.Failures;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt: checks the address again (it may resolve elsewhere than at registration), then POSTs the body
 * with its headers — connecting within {@code lct.webhooks.connect-timeout}, done within {@code lct.webhooks.timeout},
 * following no redirect — and keeps the status, the first kilobyte of the answer and any {@code Retry-After}.
 * <p>
 * The connection resolves the host through {@link EndpointAddresses#connecting()}, so it goes only to addresses that
 * pass the same check at the moment of connecting: a name that answered a public address to the check and a private one
 * to the connection (DNS rebinding) is refused, not called. (The JDK's client resolves names itself, hence Apache
 * HttpClient.)
 */
@Component
class WebhookPoster implements DisposableBean {

    /** What came back: a status, or an error when nothing did. */
    record Answer(
            @Nullable Integer status,
            @Nullable String error,
            long durationMillis,
            @Nullable String response,
            @Nullable Duration retryAfter) {

        static Answer error(String error, long durationMillis) {
            return new Answer(null, error, durationMillis, null, null);
        }
    }

    /** How much of an answer is kept. */
    static final int RESPONSE_BYTES = 1024;

    private static final String USER_AGENT = "LowCarbonTogether-Webhooks/1";

    private final EndpointAddresses addresses;
    private final Duration timeout;
    private final CloseableHttpClient client;
    /** Cancels an attempt still running at its deadline (the client's timeouts bound each read, not the whole). */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookPoster(EndpointAddresses addresses, WebhookProperties properties) {
        this.addresses = addresses;
        this.timeout = properties.timeout();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(addresses.connecting())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(timeout))
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .setMaxConnTotal(100)
                .setMaxConnPerRoute(10)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    Answer post(URI url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        String refused = addresses.problem(url);
        if (refused != null) {
            return Answer.error(notAllowed(refused), millisSince(start));
        }
        var request = new HttpPost(url);
        request.setEntity(
                new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.create("application/json")));
        headers.forEach(request::setHeader);
        var late = new AtomicBoolean();
        var deadline = deadlines.schedule(
                () -> {
                    late.set(true);
                    request.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        @Nullable ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            byte[] first = firstBytes(response);
            if (first.length == RESPONSE_BYTES) {
                request.cancel(); // more may follow: drop the connection rather than read it to the end
            }
            int status = response.getCode();
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(
                    status,
                    status / 100 == 2 ? null : "HTTP " + status,
                    millisSince(start),
                    text(first),
                    retryAfter(retryAfter == null ? null : retryAfter.getValue()));
        } catch (IOException | RuntimeException e) {
            if (late.get() || e instanceof SocketTimeoutException) {
                return Answer.error("no answer within " + timeout.toSeconds() + " s", millisSince(start));
            }
            String code = EndpointAddresses.refusedAtConnection(e);
            return Answer.error(code != null ? notAllowed(code) : Failures.describe(e), millisSince(start));
        } finally {
            deadline.cancel(false);
            if (response != null) {
                try {
                    response.close(); // releases the connection, or, once cancelled, just lets go of it
                } catch (IOException | RuntimeException ignored) {
                    // the attempt's answer is already decided
                }
            }
        }
    }

    private static String notAllowed(String code) {
        return "address not allowed (" + code + ")";
    }

    /** The answer's first {@link #RESPONSE_BYTES} bytes (fewer if it is shorter). */
    private static byte[] firstBytes(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return new byte[0];
        }
        InputStream in = response.getEntity().getContent();
        if (in == null) {
            return new byte[0];
        }
        byte[] kept = new byte[RESPONSE_BYTES];
        int size = 0;
        for (int n; size < kept.length && (n = in.read(kept, size, kept.length - size)) >= 0; ) {
            size += n;
        }
        return size == kept.length ? kept : Arrays.copyOf(kept, size);
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The answer's first bytes as text (UTF-8, anything else replaced), without NUL, which text columns refuse. */
    static @Nullable String text(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body))
                    .toString()
                    .replace('\0', '\uFFFD');
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** A {@code Retry-After} of a number of seconds; an HTTP date is ignored (the schedule's wait stands). */
    static @Nullable Duration retryAfter(@Nullable String value) {
        if (value == null || !value.strip().matches("\\d{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }
}
