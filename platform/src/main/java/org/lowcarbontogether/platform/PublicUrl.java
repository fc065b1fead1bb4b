package org.lowcarbontogether.platform;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where people reach the platform from outside ({@code lct.public-url}): links in email and other messages read away
 * from the site are absolute, built on it.
 */
@Component
public class PublicUrl {

    private final String base;

    PublicUrl(@Value("${lct.public-url:http://localhost:8080}") String base) {
        String trimmed = base.strip();
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        URI.create(this.base); // a malformed setting stops the start, not the first message
    }

    /** The platform's address, without a trailing slash. */
    public String base() {
        return base;
    }

    /** An absolute link to a path of the platform ({@code /account}, {@code /password-reset/new?token=…}). */
    public String of(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
