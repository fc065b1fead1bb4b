package org.lowcarbontogether.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mail through the shared context to a real SMTP server (GreenMail): written in the reader's language as text and HTML,
 * attachments and List-Unsubscribe kept, never sent twice by concurrent senders, and kept for administrators when
 * there is no mail server.
 */
@IntegrationTest
class MailIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Mail mail;

    @Autowired
    MailTemplates templates;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxSender sender;

    @Autowired
    MailRecipients recipients;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    private String register(String language) {
        String email = "mail-" + UUID.randomUUID() + "@example.org";
        var registered = api.post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"walk to school every day\",\"displayName\":\"Mei\"}".formatted(email),
                "Accept-Language",
                language);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return email;
    }

    @Test
    void aChineseReaderIsWrittenToInChineseAndAnEnglishOneInEnglishAsTextAndHtml() throws Exception {
        String chinese = register("zh-CN");
        String english = register("en");

        var zh = TestMail.await(chinese, "确认您的邮箱地址");
        assertThat(zh.text()).contains("Mei，您好").contains("欢迎加入低碳同行").contains("48 小时");
        assertThat(zh.html()).contains("确认我的邮箱").contains("lang=\"zh-CN\"");
        assertThat(zh.link("/email/verify")).startsWith("http://localhost:8080/email/verify?token=");

        var en = TestMail.await(english, "Confirm your email address");
        assertThat(en.text())
                .contains("Hello Mei,")
                .contains("Welcome to Low Carbon Together")
                .contains("48 hours");
        assertThat(en.html())
                .contains("Confirm my address")
                .contains("href=\"http://localhost:8080/email/verify?token=");
        assertThat(en.raw().isMimeType("multipart/mixed")).isTrue();
        var alternative =
                (Multipart) ((Multipart) en.raw().getContent()).getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(en.raw().getFrom()[0].toString()).contains("no-reply@localhost");
    }

    @Test
    void aPersonIsWrittenToAtTheirAddressInTheirLanguageWithAttachmentsAndUnsubscribe() throws Exception {
        String email = register("zh-CN");
        UUID person = registration.idOf(email).orElseThrow();
        assertThat(recipients.addressOf(person).orElseThrow().language().getLanguage())
                .isEqualTo("zh");
        var calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);

        var id = mail.enqueue(Message.to(Recipient.person(person), "password-reset")
                .with("name", "Mei")
                .with("link", "http://localhost:8080/password-reset/new?token=abc")
                .with("minutes", 30)
                .attach(new Attachment("event.ics", "text/calendar", calendar))
                .listUnsubscribe(URI.create("http://localhost:8080/unsubscribe/xyz"))
                .build());

        assertThat(id).isPresent();
        var received = TestMail.await(email, "设置新密码");
        assertThat(received.text()).contains("30 分钟");
        assertThat(received.raw().getHeader("List-Unsubscribe")[0])
                .isEqualTo("<http://localhost:8080/unsubscribe/xyz>");
        assertThat(received.raw().getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        var parts = (Multipart) received.raw().getContent();
        var attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("event.ics");
        assertThat(Part.ATTACHMENT).isEqualToIgnoringCase(attachment.getDisposition());
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(calendar);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbox.find(id.get()).orElseThrow().entry().state() == OutboxState.SENT);
        assertThat(mail.enqueue(Message.to(Recipient.person(UUID.randomUUID()), "password-reset")
                        .with("name", "x")
                        .with("link", "x")
                        .with("minutes", 1)
                        .build()))
                .as("nobody to write to")
                .isEmpty();
    }

    @Test
    void concurrentSendersNeverSendAMessageTwice() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String address = "race-" + i + "-" + UUID.randomUUID() + "@example.org";
            addresses.add(address);
            mail.enqueue(Message.to(Recipient.address(address, Locale.ENGLISH), "verify-email")
                    .with("name", "Racer")
                    .with("link", "http://localhost:8080/email/verify?token=r" + i)
                    .with("hours", 48)
                    .build());
        }
        // Four claimers at once, besides the scheduled one: each takes what the others have not locked.
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> claimers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimers.add(pool.submit(() -> {
                    start.await();
                    sender.sendDue();
                    return null;
                }));
            }
            start.countDown();
            for (var claimer : claimers) {
                claimer.get();
            }
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> addresses.stream().allMatch(a -> TestMail.to(a).size() >= 1));
        Thread.sleep(1500); // a second send would have arrived by now
        for (String address : addresses) {
            assertThat(TestMail.to(address)).as(address).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient like 'race-%' and state <> 'SENT'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void withoutAMailServerMessagesWaitInTheOutboxForAdministratorsOnly() {
        // The same Mail as the application's, but with no mail server configured.
        var noServer = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        var offline = new Mail(
                templates,
                outbox,
                noServer,
                new StaticListableBeanFactory().getBeanProvider(MailRecipients.class),
                clock);
        String address = "offline-" + UUID.randomUUID() + "@example.org";
        UUID id = offline.enqueue(Message.to(Recipient.address(address, Locale.ENGLISH), "verify-email")
                        .with("name", "Offline <b>reader</b>")
                        .with("link", "http://localhost:8080/email/verify?token=offline-token")
                        .with("hours", 48)
                        .build())
                .orElseThrow();
        assertThat(outbox.find(id).orElseThrow().entry().state()).isEqualTo(OutboxState.NO_SERVER);

        var admin = new WebSession(port)
                .signIn(AccountFixtures.person(registration, jdbc, Role.ADMIN).email(), AccountFixtures.PASSWORD);
        var list = admin.get("/admin/outbox?address=" + address);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .contains("mail-" + id)
                .contains("not sent: no mail server")
                .contains(address);
        var page = admin.get("/admin/outbox/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("<a href=\"http://localhost:8080/email/verify?token=offline-token\"")
                .contains("Offline &lt;b&gt;reader&lt;/b&gt;")
                .doesNotContain("<b>reader</b>");
        assertThat(admin.get("/admin/outbox?state=NO_SERVER", "zh-CN").body()).contains("未发送：没有邮件服务器");

        var participant = AccountFixtures.person(registration, jdbc);
        var member = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        assertThat(member.get("/admin/outbox").status()).isEqualTo(403);
        assertThat(member.get("/admin/outbox/" + id).status()).isEqualTo(403);
        assertThat(new WebSession(port).get("/admin/outbox").status()).isEqualTo(302);
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        assertThat(new WebSession(port)
                        .signIn(organiser.email(), AccountFixtures.PASSWORD)
                        .get("/admin/outbox")
                        .status())
                .isEqualTo(403);
        // The sender never takes a message kept for want of a server.
        sender.sendDue();
        assertThat(outbox.find(id).orElseThrow().entry().state()).isEqualTo(OutboxState.NO_SERVER);
        assertThat(TestMail.to(address)).isEmpty();
    }

    @Test
    void failuresAreKeptWithTheirErrorAndOldMessagesArePurged() {
        var noServer = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        var offline = new Mail(
                templates,
                outbox,
                noServer,
                new StaticListableBeanFactory().getBeanProvider(MailRecipients.class),
                clock);
        UUID failing = offline.enqueue(Message.to(
                                Recipient.address("fail-" + UUID.randomUUID() + "@example.org", Locale.ENGLISH),
                                "verify-email")
                        .with("name", "F")
                        .with("link", "http://localhost:8080/x")
                        .with("hours", 48)
                        .build())
                .orElseThrow();
        Instant now = clock.instant();
        outbox.retry(failing, 1, now.plusSeconds(60), "MailSendException: Connection refused");
        var retried = outbox.find(failing).orElseThrow().entry();
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).contains("Connection refused");
        outbox.failed(failing, 6, "MailSendException: Connection refused", now);
        var failed = outbox.find(failing).orElseThrow().entry();
        assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(6);

        var admin = new WebSession(port)
                .signIn(AccountFixtures.person(registration, jdbc, Role.ADMIN).email(), AccountFixtures.PASSWORD);
        assertThat(admin.get("/admin/outbox/" + failing).body())
                .contains("failed, given up")
                .contains("Connection refused");

        jdbc.sql("update mail_outbox set finished_at = :old where id = :id")
                .param("old", Timestamp.from(now.minus(Duration.ofDays(31))))
                .param("id", failing)
                .update();
        sender.purge();
        assertThat(outbox.find(failing)).isEmpty();
    }
}
