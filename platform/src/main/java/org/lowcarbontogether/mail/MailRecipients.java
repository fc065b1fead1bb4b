package org.lowcarbontogether.mail;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a person is written to: their address and language. Provided by the module that keeps people's accounts, so
 * this module needs no dependency on it.
 */
public interface MailRecipients {

    /** The person's address and language; empty when there is no such person. */
    Optional<Recipient.Address> addressOf(UUID personId);
}
