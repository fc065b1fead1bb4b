package org.lowcarbontogether.account;

import java.util.Optional;
import java.util.UUID;
import org.lowcarbontogether.mail.MailRecipients;
import org.lowcarbontogether.mail.Recipient;
import org.springframework.stereotype.Component;

/** Where the mail module writes to a person: their address, in the language they chose; nowhere for a pupil. */
@Component
class AccountRecipients implements MailRecipients {

    private final Users users;

    AccountRecipients(Users users) {
        this.users = users;
    }

    @Override
    public Optional<Recipient.Address> addressOf(UUID personId) {
        // A pupil's account has no address of its own (nor has a deleted one): nothing is mailed to it.
        return users.findById(personId)
                .filter(u -> u.email().contains("@"))
                .map(u -> new Recipient.Address(u.email(), AccountMail.locale(users.language(personId))));
    }
}
