package org.lowcarbontogether.account;

import java.util.Optional;
import java.util.UUID;
import org.lowcarbontogether.mail.MailRecipients;
import org.lowcarbontogether.mail.Recipient;
import org.springframework.stereotype.Component;

/** Where the mail module writes to a person: their address, in the language they chose. */
@Component
class AccountRecipients implements MailRecipients {

    private final Users users;

    AccountRecipients(Users users) {
        this.users = users;
    }

    @Override
    public Optional<Recipient.Address> addressOf(UUID personId) {
        return users.findById(personId)
                .map(u -> new Recipient.Address(u.email(), AccountMail.locale(users.language(personId))));
    }
}
