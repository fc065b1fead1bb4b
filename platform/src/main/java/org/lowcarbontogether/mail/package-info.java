/**
 * Email: a message to a person or an address, rendered from templates in the recipient's language (HTML and plain text),
 * is kept in a durable outbox in the caller's transaction and sent by a scheduled job over SMTP, with retries. Without a
 * mail server, messages stay in the outbox, where administrators read them at {@code /admin/outbox}.
 * <p>
 * Modules that write to people call {@link org.lowcarbontogether.mail.Mail}; the module that knows people's addresses
 * provides {@link org.lowcarbontogether.mail.MailRecipients}.
 */
@ApplicationModule(
        displayName = "Email",
        allowedDependencies = {"shared", "platform"})
@NullMarked
package org.lowcarbontogether.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
