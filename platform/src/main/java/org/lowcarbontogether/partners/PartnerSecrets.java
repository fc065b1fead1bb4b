package org.lowcarbontogether.partners;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How partners' client secrets are kept and checked: hashed with the platform's password encoder (Argon2id), and during
 * a rotation two hashes in one entry — {@code {rotating}<until>|<new hash>|<previous hash>} — so the previous secret
 * keeps working until {@code until} (epoch seconds) while the partner deploys the new one, and not a moment later.
 */
final class PartnerSecrets {

    static final String ROTATING = "{rotating}";

    private final PasswordEncoder hashes;
    private final Clock clock;

    PartnerSecrets(PasswordEncoder hashes, Clock clock) {
        this.hashes = hashes;
        this.clock = clock;
    }

    /**
     * The secrets as the authorisation server's client authentication checks them. Not a bean of its own: the platform
     * has one password encoder, for people.
     */
    PasswordEncoder encoder() {
        return new PasswordEncoder() {
            @Override
            public @Nullable String encode(@Nullable CharSequence raw) {
                return hashes.encode(raw);
            }

            @Override
            public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
                return PartnerSecrets.this.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(@Nullable String encoded) {
                return false;
            }
        };
    }

    @Nullable
    String encode(CharSequence raw) {
        return hashes.encode(raw);
    }

    /** The entry holding a new secret's hash and the one in use until now, the latter accepted until {@code until}. */
    String rotate(String newHash, @Nullable String current, Instant until) {
        String previous = current == null ? null : current(current);
        if (previous == null) {
            return newHash;
        }
        return ROTATING + until.getEpochSecond() + "|" + newHash + "|" + previous;
    }

    /** The entry with only its newest hash (the previous secret's overlap ended). */
    static String current(String encoded) {
        if (!encoded.startsWith(ROTATING)) {
            return encoded;
        }
        return encoded.substring(ROTATING.length()).split("\\|", 3)[1];
    }

    boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        if (!encoded.startsWith(ROTATING)) {
            return hashes.matches(raw, encoded);
        }
        String[] parts = encoded.substring(ROTATING.length()).split("\\|", 3);
        if (parts.length != 3) {
            return false;
        }
        if (hashes.matches(raw, parts[1])) {
            return true;
        }
        long until;
        try {
            until = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        return clock.instant().isBefore(Instant.ofEpochSecond(until)) && hashes.matches(raw, parts[2]);
    }
}
