package org.lowcarbontogether;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for integration tests: raw requests in, status, headers and parsed JSON out. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, the body as text and as JSON (when it is JSON), and the headers. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public @Nullable String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    public Response post(String path, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        return send(builder, headers);
    }

    public Response put(String path, String body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        return send(builder, headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
    }

    public String base() {
        return base;
    }

    public Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh participant and returns a personal access token for them. */
    public String newParticipantToken() {
        String email = "p-" + UUID.randomUUID() + "@example.org";
        String password = "green steps every day";
        var registered = post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Tester\"}".formatted(email, password));
        if (registered.status() != 201) {
            throw new IllegalStateException("Registration failed: " + registered.body());
        }
        return token(email, password);
    }

    public String token(String email, String password) {
        String basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        var issued = post("/api/v1/tokens", "{}", "Authorization", "Basic " + basic);
        if (issued.status() != 201) {
            throw new IllegalStateException("Token failed: " + issued.status() + " " + issued.body());
        }
        return issued.json().get("token").asString();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
