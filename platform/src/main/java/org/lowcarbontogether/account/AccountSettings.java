package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's address as the account page shows it, and the language the platform writes to them in. */
@Service
public class AccountSettings {

    /** The languages mail is written in. */
    public static final List<String> LANGUAGES = List.of("en", "zh-CN");

    /** The address, whether it is proven, the language, and an address change waiting for its link. */
    public record Settings(
            String email,
            boolean verified,
            String language,
            @Nullable String pendingEmail) {}

    private final Users users;
    private final AccountLinks links;
    private final Clock clock;

    AccountSettings(Users users, AccountLinks links, Clock clock) {
        this.users = users;
        this.links = links;
        this.clock = clock;
    }

    public Settings of(UUID userId) {
        var user = users.findById(userId).orElseThrow(() -> Refusal.notFound("not-found", null));
        return new Settings(
                user.email(),
                users.isVerified(userId),
                users.language(userId),
                links.pendingChange(userId, clock.instant()).orElse(null));
    }

    /** Chooses the language of mail: {@code en} or {@code zh-CN}. */
    @Transactional
    public void setLanguage(Actor me, @Nullable String language) {
        String chosen = LANGUAGES.stream()
                .filter(l -> l.equalsIgnoreCase(language == null ? "" : language.strip()))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid(
                        List.of(Violation.of("language", "value-unknown", language == null ? "" : language))));
        users.setLanguage(me.id(), chosen);
    }
}
