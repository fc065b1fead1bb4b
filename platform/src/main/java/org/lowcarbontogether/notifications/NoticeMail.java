package org.lowcarbontogether.notifications;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.lowcarbontogether.mail.Attachment;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.mail.Message;
import org.lowcarbontogether.mail.Recipient;
import org.lowcarbontogether.platform.PublicUrl;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * A notice as email, through the mail module's outbox in the delivering transaction: written in its person's language
 * from the notice's template, its subject the notice's title, with a one-click unsubscribe for its kind
 * ({@code List-Unsubscribe} and {@code List-Unsubscribe-Post}, RFC 8058) and the same link in its footer.
 */
@Component
class NoticeMail {

    private final Mail mail;
    private final Unsubscribe unsubscribe;
    private final PublicUrl publicUrl;

    NoticeMail(Mail mail, Unsubscribe unsubscribe, PublicUrl publicUrl) {
        this.mail = mail;
        this.unsubscribe = unsubscribe;
        this.publicUrl = publicUrl;
    }

    void send(Notice notice) {
        String titleKey = "notifications.message." + notice.message() + ".title";
        Object[] args = notice.args().toArray();
        String stop = publicUrl.of("/unsubscribe/" + unsubscribe.token(notice.userId(), notice.kind()));
        var message = Message.to(new Recipient.Person(notice.userId()), notice.mailTemplate())
                .with("kind", notice.kind().name())
                .with("titleKey", titleKey)
                .with("textKey", "notifications.message." + notice.message() + ".text")
                .with("args", args)
                .with("link", notice.link() == null ? publicUrl.base() : publicUrl.of(notice.link()))
                .with("unsubscribe", stop)
                .with("preferences", publicUrl.of("/account/notifications/preferences"))
                .subject(new DefaultMessageSourceResolvable(new String[] {titleKey}, args))
                .listUnsubscribe(URI.create(stop));
        notice.mailModel().forEach(message::with);
        for (var file : notice.files()) {
            message.attach(new Attachment(
                    file.filename(), file.contentType(), file.text().getBytes(StandardCharsets.UTF_8)));
        }
        mail.enqueue(message.build());
    }
}
