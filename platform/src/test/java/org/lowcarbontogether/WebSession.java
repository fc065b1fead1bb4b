package org.lowcarbontogether;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like session for page tests: keeps cookies, signs in through the form, sends CSRF tokens with posts. */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;

    public WebSession(int port) {
        this(port, new CookieManager());
    }

    /** A browser on this port keeping its cookies in {@code cookies}: two sessions sharing them are one browser. */
    public WebSession(int port, CookieHandler cookies) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public record Page(int status, String body, HttpResponse<String> raw) {
        public String location() {
            return raw.headers().firstValue("Location").orElse("");
        }
    }

    public WebSession signIn(String email, String password) {
        var page = post("/login", Map.of("username", email, "password", password));
        if (page.status() != 302 || page.location().contains("error")) {
            throw new IllegalStateException("Sign-in failed: " + page.status() + " " + page.location());
        }
        return this;
    }

    public Page get(String path) {
        return get(path, "en");
    }

    /** A page as a reader of this language (en, zh-CN) asks for it. */
    public Page get(String path, String language) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", language)
                .GET());
    }

    /** A download (a PDF, a spreadsheet) as bytes, for a reader of this language. */
    public byte[] bytes(String path, String language) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Accept-Language", language)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form with the CSRF token of a freshly loaded page. */
    public Page post(String path, Map<String, String> fields) {
        return post(path, fields, path.startsWith("/login") ? "/login" : "/");
    }

    /** Posts a form with the CSRF token of the page it is on (for a person the home page would send elsewhere). */
    public Page post(String path, Map<String, String> fields, String formPage) {
        String token = csrf(get(formPage));
        var all = new LinkedHashMap<>(fields);
        all.put("_csrf", token);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String csrf(Page page) {
        Matcher meta = CSRF.matcher(page.body());
        if (meta.find()) {
            return meta.group(1);
        }
        Matcher form = FORM_CSRF.matcher(page.body());
        if (form.find()) {
            return form.group(1);
        }
        throw new IllegalStateException("No CSRF token on the page");
    }

    private Page send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
