package org.lowcarbontogether;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real SMTP server (GreenMail) for the whole test JVM, started once on a free port, and the shared application
 * context pointed at it ({@code spring.mail.host}/{@code port}): every {@link IntegrationTest} sends its mail there.
 * Registered as an initializer of {@link IntegrationTest}, so all integration tests still share one context.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail server;

    /** A received message, read: who it was for, its subject, its plain text and its HTML. */
    public record Mail(MimeMessage raw, String to, String subject, String text, String html) {

        /** The first absolute link in the text whose path starts with {@code path}. */
        public String link(String path) {
            Matcher link = Pattern.compile("https?://[^\\s\"<>]+" + Pattern.quote(path) + "[^\\s\"<>]*")
                    .matcher(text);
            if (!link.find()) {
                throw new AssertionError("No link to " + path + " in: " + text);
            }
            return link.group();
        }

        /** The {@code token} parameter of the first link to {@code path}. */
        public String token(String path) {
            Matcher token = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)").matcher(link(path));
            if (!token.find()) {
                throw new AssertionError("No token in the link to " + path);
            }
            return token.group(1);
        }
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            var started = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + server().getSmtp().getPort())
                .applyTo(context);
    }

    /** Every message received so far for this address (sent to it, whatever the case). */
    public static List<Mail> to(String address) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage message : server().getReceivedMessages()) {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                if (recipients != null
                        && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
                    found.add(read(message, address));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** Waits (up to 20 s) until {@code count} messages for this address whose subject contains {@code subject} arrived. */
    public static List<Mail> await(String address, String subject, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var found = to(address).stream()
                    .filter(m -> m.subject().toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT)))
                    .toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " message(s) to " + address + " about '" + subject
                        + "', got " + to(address).stream().map(Mail::subject).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The one message for this address about {@code subject}, once it arrived. */
    public static Mail await(String address, String subject) {
        return await(address, subject, 1).getFirst();
    }

    private static Mail read(MimeMessage message, String to) {
        try {
            var parts = new String[2];
            collect(message, parts);
            return new Mail(
                    message,
                    to,
                    message.getSubject(),
                    parts[0] == null ? "" : parts[0],
                    parts[1] == null ? "" : parts[1]);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain text (parts[0]) and the HTML (parts[1]) of a message, wherever they are in its multiparts. */
    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html")) {
            parts[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
