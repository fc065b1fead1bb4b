package org.lowcarbontogether.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on this machine (the JDK's HTTP server) for tests: it keeps every request and answers with the
 * statuses it is told, one per request, then with its default status.
 */
final class Receiver implements AutoCloseable {

    /** A request as it arrived. */
    record Received(Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElseThrow();
        }

        String id() {
            return header(WebhookSignatures.ID);
        }

        long timestamp() {
            return Long.parseLong(header(WebhookSignatures.TIMESTAMP));
        }

        String signatures() {
            return header(WebhookSignatures.SIGNATURE);
        }

        /** Verifies it with these secrets as a receiver would at the moment it was signed for. */
        String verify(String... secrets) {
            return new WebhookSignatures.Verifier(secrets).verify(headers, body, Instant.ofEpochSecond(timestamp()));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile int defaultStatus = 200;
    private volatile String answer = "ok";

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            var headers = new LinkedHashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(headers, body, Instant.now()));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? defaultStatus : statuses.removeFirst();
            }
            if (status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", url("/elsewhere"));
            }
            byte[] text = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    Receiver answering(int... next) {
        synchronized (statuses) {
            for (int status : next) {
                statuses.addLast(status);
            }
        }
        return this;
    }

    /** Every request after those queued is answered with this status. */
    Receiver otherwise(int status) {
        defaultStatus = status;
        return this;
    }

    Receiver withBody(String body) {
        answer = body;
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
