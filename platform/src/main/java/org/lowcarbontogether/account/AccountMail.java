package org.lowcarbontogether.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.mail.Message;
import org.lowcarbontogether.mail.Recipient;
import org.lowcarbontogether.platform.PublicUrl;
import org.springframework.stereotype.Component;

/** The account's messages: each written by its template in {@code templates/mail/}, with absolute links. */
@Component
class AccountMail {

    private final Mail mail;
    private final PublicUrl urls;

    AccountMail(Mail mail, PublicUrl urls) {
        this.mail = mail;
        this.urls = urls;
    }

    /** A person writes in {@code en} or {@code zh-CN}; mail follows. */
    static Locale locale(String language) {
        return Locale.forLanguageTag(language);
    }

    void verification(String email, String language, String name, String token, Duration lifetime) {
        mail.enqueue(Message.to(Recipient.address(email, locale(language)), "verify-email")
                .with("name", name)
                .with("link", link("/email/verify", token))
                .with("hours", lifetime.toHours())
                .build());
    }

    void passwordReset(String email, String language, String name, String token, Duration lifetime) {
        mail.enqueue(Message.to(Recipient.address(email, locale(language)), "password-reset")
                .with("name", name)
                .with("link", link("/password-reset/new", token))
                .with("minutes", lifetime.toMinutes())
                .build());
    }

    void emailChange(String newEmail, String language, String name, String token, Duration lifetime) {
        mail.enqueue(Message.to(Recipient.address(newEmail, locale(language)), "email-change")
                .with("name", name)
                .with("email", newEmail)
                .with("link", link("/email/change/confirm", token))
                .with("hours", lifetime.toHours())
                .build());
    }

    void emailChangeNotice(String oldEmail, String language, String name, String newEmail, String token) {
        mail.enqueue(Message.to(Recipient.address(oldEmail, locale(language)), "email-change-notice")
                .with("name", name)
                .with("email", newEmail)
                .with("link", link("/email/change/cancel", token))
                .build());
    }

    /** To the guardian of a person under 14, in the person's language: what the platform records, and the link to decide. */
    void guardianConsent(String guardianEmail, String language, String name, String token, Duration lifetime) {
        mail.enqueue(Message.to(Recipient.address(guardianEmail, locale(language)), "guardian-consent")
                .with("name", name)
                .with("link", link("/guardian/consent", token))
                .with("privacy", urls.of("/privacy"))
                .with("days", lifetime.toDays())
                .subject(name)
                .build());
    }

    void invitation(
            String email,
            String language,
            String name,
            String organisation,
            Organisations.MemberRole role,
            String invitedBy) {
        mail.enqueue(Message.to(Recipient.address(email, locale(language)), "organisation-invitation")
                .with("name", name)
                .with("organisation", organisation)
                .with("role", role.name())
                .with("invitedBy", invitedBy)
                .with("link", urls.of("/account/organisations"))
                .subject(organisation)
                .build());
    }

    private String link(String path, String token) {
        return urls.of(path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
