package org.lowcarbontogether.mail;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mail kept for a person's address ({@code mail_outbox}, which names people by address): exported without bodies —
 * they can hold links that still work, such as a password reset — and deleted with the account, attachments included.
 */
@Component
class MailPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    MailPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(Holding.of("mail_outbox", "mail", Treatment.DELETED, "recipient"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("mail", PersonalData.query(jdbc, """
                        select created_at, template, language, subject, state, attempts, sent_at
                        from mail_outbox where recipient = :email order by created_at""", Map.of("email", export.email())));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("delete from mail_outbox where recipient = :email")
                .param("email", erasure.email())
                .update();
    }
}
