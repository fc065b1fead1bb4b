package org.lowcarbontogether.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.platform.ClusterJobs;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The sender against real SMTP: a server that answers gets the message; one that does not (nothing listens on the
 * port) makes the sender try again later, each wait twice the one before, and give up after the last attempt with the
 * error kept.
 */
class OutboxSenderTests {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private final OutboxProperties properties = new OutboxProperties(
            "Test <no-reply@example.org>", 4, Duration.ofMinutes(1), Duration.ofMinutes(5), null, null);

    private OutboxSender sender() {
        return new OutboxSender(
                mock(Outbox.class),
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                properties,
                Clock.fixed(NOW, ZoneOffset.UTC),
                mock(PlatformTransactionManager.class),
                mock(ClusterJobs.class));
    }

    private static Outbox.Pending message(int attempts) {
        return new Outbox.Pending(
                UUID.randomUUID(), "mei@example.org", "Subject", "Text", "<p>HTML</p>", null, attempts);
    }

    private static JavaMailSenderImpl smtp(int port) {
        var smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(port);
        smtp.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        smtp.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return smtp;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aServerThatAnswersGetsTheMessage() throws Exception {
        var server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            var outcome = sender().deliver(smtp(server.getSmtp().getPort()), message(2), List.of());

            assertThat(outcome).isEqualTo(new OutboxSender.Outcome.Sent(3));
            assertThat(server.getReceivedMessages()).hasSize(1);
            assertThat(server.getReceivedMessages()[0].getSubject()).isEqualTo("Subject");
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatDoesNotAnswerMeansRetriesWithDoublingWaitsThenFailed() throws Exception {
        var down = smtp(freePort());
        var sender = sender();

        var first = sender.deliver(down, message(0), List.of());
        var second = sender.deliver(down, message(1), List.of());
        var third = sender.deliver(down, message(2), List.of());
        var last = sender.deliver(down, message(3), List.of());

        assertThat(first).isInstanceOfSatisfying(OutboxSender.Outcome.Retry.class, retry -> {
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.next()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            assertThat(retry.error()).containsIgnoringCase("connect");
        });
        assertThat(second)
                .isInstanceOfSatisfying(
                        OutboxSender.Outcome.Retry.class,
                        retry -> assertThat(retry.next()).isEqualTo(NOW.plus(Duration.ofMinutes(2))));
        assertThat(third)
                .isInstanceOfSatisfying(
                        OutboxSender.Outcome.Retry.class,
                        retry -> assertThat(retry.next()).isEqualTo(NOW.plus(Duration.ofMinutes(4))));
        assertThat(last).isInstanceOfSatisfying(OutboxSender.Outcome.Failed.class, failed -> {
            assertThat(failed.attempts()).isEqualTo(4);
            assertThat(failed.error()).containsIgnoringCase("connect");
        });
    }

    @Test
    void waitsDoubleUpToTheLongest() {
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(properties.backoff(4)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoff(60)).isEqualTo(Duration.ofMinutes(5));
    }
}
