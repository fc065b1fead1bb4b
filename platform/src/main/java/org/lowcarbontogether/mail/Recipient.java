package org.lowcarbontogether.mail;

import java.util.Locale;
import java.util.UUID;

/** Who a message is for: a person (their address and language looked up when it is enqueued) or an address. */
public sealed interface Recipient permits Recipient.Person, Recipient.Address {

    /** A person with an account, written to at their address in their language. */
    record Person(UUID id) implements Recipient {}

    /** An address, written to in the given language ({@code en} or {@code zh-CN}). */
    record Address(String email, Locale language) implements Recipient {}

    static Recipient person(UUID id) {
        return new Person(id);
    }

    static Recipient address(String email, Locale language) {
        return new Address(email, language);
    }
}
