package org.lowcarbontogether.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.io.ClassPathResource;

/**
 * Passwords after OWASP ASVS 5 (V6.2): at least 10 characters, up to 128, any characters, no composition rules, and not
 * a commonly used password (every password of 10 or more characters among zxcvbn's 49,233 most common leaked ones, and
 * our own list of keyboard and digit runs) or one built from the account's own email or name.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Stream.concat(
                    load("account/common-passwords.txt").stream(), load("account/common-passwords-leaked.txt").stream())
            .collect(Collectors.toUnmodifiableSet());

    private PasswordPolicy() {}

    /** The problem code of a weak password, or empty when the password is acceptable. */
    static Optional<String> problem(String password, String email, String displayName) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("password-too-short");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("password-too-long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart =
                email.contains("@") ? email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT) : email;
        if (COMMON.contains(lower)
                || lower.equals(email.toLowerCase(Locale.ROOT))
                || (localPart.length() >= 4 && lower.contains(localPart))
                || lower.equals(displayName.toLowerCase(Locale.ROOT))
                || password.chars().distinct().count() < 4) {
            return Optional.of("password-too-common");
        }
        return Optional.empty();
    }

    private static Set<String> load(String resource) {
        try (var reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
