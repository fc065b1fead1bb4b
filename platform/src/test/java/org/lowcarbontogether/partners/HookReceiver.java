package org.lowcarbontogether.partners;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.lowcarbontogether.webhooks.WebhookSignatures;

/** A partner's webhook receiver on this machine (the JDK's HTTP server): keeps every request, answers 200. */
final class HookReceiver implements AutoCloseable {

    /** A request as it arrived. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElseThrow();
        }

        /** Verifies it with the secret as the partner would when it was signed; answers the webhook id. */
        String verify(String secret) {
            long timestamp = Long.parseLong(header(WebhookSignatures.TIMESTAMP));
            return new WebhookSignatures.Verifier(secret).verify(headers, body, Instant.ofEpochSecond(timestamp));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int status;

    HookReceiver() throws IOException {
        this(200);
    }

    /** A receiver answering every request with this status. */
    HookReceiver(int status) throws IOException {
        this.status = status;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            var headers = new LinkedHashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(headers, body));
            byte[] text = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(this.status, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
