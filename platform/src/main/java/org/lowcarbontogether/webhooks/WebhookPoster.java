package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.Failures;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt: checks the address again (it may resolve elsewhere than at registration), then POSTs the body
 * with its headers — connecting within {@code lct.webhooks.connect-timeout}, done within {@code lct.webhooks.timeout},
 * following no redirect — and keeps the status, the first kilobyte of the answer and any {@code Retry-After}.
 */
@Component
class WebhookPoster {

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
    private final HttpClient client;

    WebhookPoster(EndpointAddresses addresses, WebhookProperties properties) {
        this.addresses = addresses;
        this.timeout = properties.timeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer post(URI url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        String refused = addresses.problem(url);
        if (refused != null) {
            return Answer.error("address not allowed (" + refused + ")", millisSince(start));
        }
        var request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request.build(), info -> new FirstBytes(RESPONSE_BYTES));
        try {
            var response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(
                    response.statusCode(),
                    response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(),
                    millisSince(start),
                    text(response.body()),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return Answer.error("no answer within " + timeout.toSeconds() + " s", millisSince(start));
        } catch (ExecutionException e) {
            // The client's own request timeout and ours race: whichever fires first, it is the same failure.
            if (e.getCause() instanceof HttpTimeoutException
                    && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                return Answer.error("no answer within " + timeout.toSeconds() + " s", millisSince(start));
            }
            return Answer.error(Failures.describe(e.getCause() == null ? e : e.getCause()), millisSince(start));
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return Answer.error("interrupted", millisSince(start));
        }
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

    /** Keeps the first {@code limit} bytes of a body and stops reading there. */
    static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final byte[] kept;
        private int size;
        private Flow.@Nullable Subscription subscription;

        FirstBytes(int limit) {
            this.kept = new byte[limit];
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), kept.length - size);
                item.get(kept, size, take);
                size += take;
            }
            if (size == kept.length && !result.isDone()) {
                result.complete(kept.clone());
                if (subscription != null) {
                    subscription.cancel();
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(java.util.Arrays.copyOf(kept, size));
        }
    }
}
