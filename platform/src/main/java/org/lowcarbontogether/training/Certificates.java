package org.lowcarbontogether.training;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.mail.MailRecipients;
import org.lowcarbontogether.platform.Pdfs;
import org.lowcarbontogether.platform.PublicUrl;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates of completed courses. A trainee completes a course by attending one of its sessions; the certificate is
 * issued then, in the trainee's language, keeping the holder's name, the course and the organisation as printed, with
 * a verification code anyone can check on the public verification page. A code that was never issued (or was altered)
 * finds nothing.
 */
@Service
public class Certificates {

    /** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public record Certificate(
            String code,
            UUID courseId,
            UUID userId,
            String holderName,
            String courseTitle,
            String organisationName,
            String language,
            Instant issuedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Registration accounts;
    private final MailRecipients recipients;
    private final ApplicationEventPublisher publisher;
    private final Pdfs pdfs;
    private final MessageSource messages;
    private final PublicUrl urls;
    private final SecureRandom random = new SecureRandom();

    Certificates(
            JdbcClient jdbc,
            Clock clock,
            Registration accounts,
            MailRecipients recipients,
            ApplicationEventPublisher publisher,
            Pdfs pdfs,
            MessageSource messages,
            PublicUrl urls) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
        this.recipients = recipients;
        this.publisher = publisher;
        this.pdfs = pdfs;
        this.messages = messages;
        this.urls = urls;
    }

    /**
     * Completes the enrolment if the trainee attended a session and it is not completed yet: marks it, issues the
     * certificate and publishes {@link CourseCompleted} (the incentives module gives the badge).
     */
    @Transactional
    void completeIfDue(UUID courseId, UUID userId) {
        Instant now = clock.instant();
        int completed = jdbc.sql("""
                        update course_enrolment set completed_at = :now
                        where course_id = :course and user_id = :user and cancelled_at is null and completed_at is null
                          and exists (select 1 from course_attendance a where a.course_id = :course and a.user_id = :user)""")
                .param("course", courseId)
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .update();
        if (completed == 0) {
            return;
        }
        var course = jdbc.sql("""
                        select c.title, c.organisation_id, o.name from course c join organisation o on o.id = c.organisation_id
                        where c.id = :id""")
                .param("id", courseId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)})
                .single();
        String name = accounts.principal(userId).map(p -> p.displayName()).orElse("");
        Locale language = recipients.addressOf(userId).map(a -> a.language()).orElse(Locale.ENGLISH);
        jdbc.sql("""
                        insert into course_certificate (code, course_id, user_id, holder_name, course_title, organisation_name,
                            language, issued_at)
                        values (:code, :course, :user, :name, :title, :org, :language, :now)
                        on conflict (course_id, user_id) do nothing""")
                .param("code", newCode())
                .param("course", courseId)
                .param("user", userId)
                .param("name", name)
                .param("title", course[0])
                .param("org", course[2])
                .param("language", language.getLanguage().equals("zh") ? "zh-CN" : "en")
                .param("now", Timestamp.from(now))
                .update();
        publisher.publishEvent(new CourseCompleted(courseId, (UUID) course[1], userId, now));
    }

    /** The certificate with this verification code; empty for a code never issued. */
    public Optional<Certificate> verify(String code) {
        String normalised = code.strip().toUpperCase(Locale.ROOT);
        return jdbc.sql(SELECT + " where code = :code")
                .param("code", normalised)
                .query(Certificate.class)
                .optional();
    }

    /** The caller's certificate for a course (404 until they complete it). */
    public Certificate mine(Actor me, UUID courseId) {
        return jdbc.sql(SELECT + " where course_id = :course and user_id = :user")
                .param("course", courseId)
                .param("user", me.id())
                .query(Certificate.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("course-certificate-unknown", "id", courseId));
    }

    /** The certificate as a PDF in its holder's language, in the platform's font (Chinese embedded). */
    public byte[] pdf(Certificate certificate) {
        Locale locale = Locale.forLanguageTag(certificate.language());
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4.rotate(), 60, 60, 60, 60);
        var writer = PdfWriter.getInstance(document, out);
        document.addTitle(messages.getMessage("training.certificate.title", null, locale));
        document.open();
        paragraph(document, messages.getMessage("app.name", null, locale), pdfs.green(16), 30);
        paragraph(document, messages.getMessage("training.certificate.title", null, locale), pdfs.bold(28), 30);
        paragraph(document, messages.getMessage("training.certificate.certifies", null, locale), pdfs.font(13), 10);
        paragraph(document, certificate.holderName(), pdfs.green(26), 10);
        paragraph(document, messages.getMessage("training.certificate.completed", null, locale), pdfs.font(13), 10);
        paragraph(document, certificate.courseTitle(), pdfs.bold(18), 6);
        paragraph(
                document,
                messages.getMessage(
                        "training.certificate.by",
                        new Object[] {
                            certificate.organisationName(),
                            DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                    .withLocale(locale)
                                    .format(ProgrammeCalendar.dayOf(certificate.issuedAt()))
                        },
                        locale),
                pdfs.font(12),
                36);
        paragraph(
                document,
                messages.getMessage("training.certificate.code", new Object[] {certificate.code()}, locale),
                pdfs.bold(12),
                4);
        paragraph(
                document,
                messages.getMessage(
                        "training.certificate.verify",
                        new Object[] {urls.of("/training/certificates/" + certificate.code())},
                        locale),
                pdfs.muted(10),
                4);
        document.close();
        writer.close();
        return out.toByteArray();
    }

    private static void paragraph(Document document, String text, org.openpdf.text.Font font, float after) {
        var paragraph = new Paragraph(text, font);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        paragraph.setSpacingAfter(after);
        document.add(paragraph);
    }

    private String newCode() {
        var code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static final String SELECT = """
            select code, course_id, user_id, holder_name, course_title, organisation_name, language, issued_at
            from course_certificate""";
}
