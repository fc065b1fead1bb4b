package org.lowcarbontogether.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What makes the platform installable on a phone: the web app manifest, in the reader's language, and the page the
 * service worker ({@code /sw.js}) shows when there is no network and the page asked for was never saved.
 */
@Controller
class AppShell {

    private final MessageSource messages;

    AppShell(MessageSource messages) {
        this.messages = messages;
    }

    @GetMapping(value = "/manifest.webmanifest", produces = "application/manifest+json")
    ResponseEntity<Map<String, Object>> manifest(Locale locale) {
        String name = messages.getMessage("app.name", null, locale);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/manifest+json"))
                .cacheControl(CacheControl.noCache())
                .body(Map.of(
                        "name",
                        name,
                        "short_name",
                        name,
                        "description",
                        messages.getMessage("footer.tagline", null, locale),
                        "lang",
                        locale.toLanguageTag(),
                        "start_url",
                        "/record?source=app",
                        "scope",
                        "/",
                        "display",
                        "standalone",
                        "background_color",
                        "#ffffff",
                        "theme_color",
                        "#2e7d32",
                        "icons",
                        List.of(
                                Map.of("src", "/images/icon-192.png", "sizes", "192x192", "type", "image/png"),
                                Map.of("src", "/images/icon-512.png", "sizes", "512x512", "type", "image/png"),
                                Map.of("src", "/images/logo.svg", "sizes", "any", "type", "image/svg+xml"))));
    }

    @GetMapping("/offline")
    String offline() {
        return "offline";
    }
}
