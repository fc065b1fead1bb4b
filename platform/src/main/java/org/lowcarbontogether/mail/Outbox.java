package org.lowcarbontogether.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table and its attachments. */
@Repository
class Outbox {

    /** A message the sender claimed: everything it needs to send it. */
    record Pending(
            UUID id,
            String recipient,
            String subject,
            String text,
            String html,
            @Nullable String listUnsubscribe,
            int attempts) {}

    /** A message to store as it will be sent. */
    record Row(
            UUID id,
            String recipient,
            String language,
            String template,
            MailTemplates.Written written,
            @Nullable String listUnsubscribe,
            OutboxState state,
            @Nullable String lastError,
            Instant now) {}

    private static final String ENTRY_COLUMNS =
            "id, recipient, subject, template, state, attempts, created_at, sent_at, next_attempt_at, last_error";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row row, List<Attachment> attachments) {
        boolean finished = row.state() != OutboxState.QUEUED;
        jdbc.sql("""
                        insert into mail_outbox (id, recipient, language, template, subject, text_body, html_body,
                            list_unsubscribe, state, attempts, next_attempt_at, last_error, created_at, finished_at)
                        values (:id, :recipient, :language, :template, :subject, :text, :html,
                            :unsubscribe, :state, 0, :now, :error, :now, :finished)""")
                .param("id", row.id())
                .param("recipient", row.recipient())
                .param("language", row.language())
                .param("template", row.template())
                .param("subject", row.written().subject())
                .param("text", row.written().text())
                .param("html", row.written().html())
                .param("unsubscribe", row.listUnsubscribe())
                .param("state", row.state().name())
                .param("now", Timestamp.from(row.now()))
                .param("error", row.lastError())
                .param("finished", finished ? Timestamp.from(row.now()) : null)
                .update();
        for (int i = 0; i < attachments.size(); i++) {
            var attachment = attachments.get(i);
            jdbc.sql("""
                            insert into mail_attachment (outbox_id, position, filename, content_type, content)
                            values (:id, :position, :filename, :type, :content)""")
                    .param("id", row.id())
                    .param("position", i)
                    .param("filename", attachment.filename())
                    .param("type", attachment.contentType())
                    .param("content", attachment.content())
                    .update();
        }
    }

    /**
     * Locks up to {@code limit} messages due by {@code now} for the caller's transaction. Messages another sender has
     * locked are skipped, not waited for: two senders never hold, and so never send, the same message.
     */
    List<Pending> claim(Instant now, int limit) {
        return jdbc.sql("""
                                select id, recipient, subject, text_body, html_body, list_unsubscribe, attempts
                                from mail_outbox where state = 'QUEUED' and next_attempt_at <= :now
                                order by next_attempt_at limit :limit
                                for update skip locked""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("text_body"),
                        rs.getString("html_body"),
                        rs.getString("list_unsubscribe"),
                        rs.getInt("attempts")))
                .list();
    }

    List<Attachment> attachments(UUID id) {
        return jdbc.sql("""
                        select filename, content_type, content from mail_attachment
                        where outbox_id = :id order by position""")
                .param("id", id)
                .query((rs, n) ->
                        new Attachment(rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content")))
                .list();
    }

    void sent(UUID id, int attempts, Instant now) {
        jdbc.sql("""
                        update mail_outbox set state = 'SENT', attempts = :attempts, sent_at = :now, finished_at = :now,
                            last_error = null where id = :id""")
                .param("id", id)
                .param("attempts", attempts)
                .param("now", Timestamp.from(now))
                .update();
    }

    void retry(UUID id, int attempts, Instant next, String error) {
        jdbc.sql("""
                        update mail_outbox set attempts = :attempts, next_attempt_at = :next, last_error = :error
                        where id = :id""")
                .param("id", id)
                .param("attempts", attempts)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .update();
    }

    void failed(UUID id, int attempts, String error, Instant now) {
        jdbc.sql("""
                        update mail_outbox set state = 'FAILED', attempts = :attempts, last_error = :error,
                            finished_at = :now where id = :id""")
                .param("id", id)
                .param("attempts", attempts)
                .param("error", error)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Deletes the messages (and their attachments) finished before {@code before}; returns how many. */
    int purge(Instant before) {
        return jdbc.sql("delete from mail_outbox where finished_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }

    /** Messages newest first; {@code address} matches any part of the recipient, ignoring case. */
    List<MailOutbox.Entry> list(@Nullable String address, @Nullable OutboxState state, int limit, int offset) {
        return jdbc.sql("select " + ENTRY_COLUMNS + """
                         from mail_outbox
                        where (cast(:address as text) is null or position(lower(:address) in lower(recipient)) > 0)
                          and (cast(:state as text) is null or state = :state)
                        order by created_at desc, id limit :limit offset :offset""")
                .param("address", address)
                .param("state", state == null ? null : state.name())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> entry(rs))
                .list();
    }

    Optional<MailOutbox.Message> find(UUID id) {
        var message = jdbc.sql("select " + ENTRY_COLUMNS
                        + ", language, text_body, html_body, list_unsubscribe from mail_outbox where id = :id")
                .param("id", id)
                .query((rs, n) -> new MailOutbox.Message(
                        entry(rs),
                        rs.getString("language"),
                        rs.getString("text_body"),
                        rs.getString("html_body"),
                        rs.getString("list_unsubscribe"),
                        List.of()))
                .optional();
        return message.map(m -> new MailOutbox.Message(
                m.entry(),
                m.language(),
                m.text(),
                m.html(),
                m.listUnsubscribe(),
                attachments(id).stream().map(Attachment::filename).toList()));
    }

    private static MailOutbox.Entry entry(ResultSet rs) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new MailOutbox.Entry(
                rs.getObject("id", UUID.class),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("template"),
                OutboxState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"));
    }
}
