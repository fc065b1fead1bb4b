package org.lowcarbontogether.training;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.mail.Message;
import org.lowcarbontogether.mail.Recipient;
import org.lowcarbontogether.platform.Allowances;
import org.lowcarbontogether.platform.PublicUrl;
import org.lowcarbontogether.platform.RateLimitProperties.Budget;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An employer invites its staff to a course by a list of email addresses (up to 200 at once): each address is stored
 * (so its holder may enrol in a course for employees) and mailed, through the outbox, a link to the course — in its
 * account's language, or the inviting page's for an address without an account. An address invited before is skipped.
 * An organiser may send {@code lct.training.invitations-per-day} (500) invitations a day.
 */
@Service
public class CourseInvitations {

    public static final int MAX_ADDRESSES = 200;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** What inviting did: the addresses invited, and those invited before. */
    public record Sent(List<String> invited, List<String> skipped) implements Serializable {}

    private final JdbcClient jdbc;
    private final Courses courses;
    private final Registration accounts;
    private final Mail mail;
    private final PublicUrl urls;
    private final Clock clock;
    private final Budget perOrganiser;
    private final Allowances allowances;

    CourseInvitations(
            JdbcClient jdbc,
            Courses courses,
            Registration accounts,
            Mail mail,
            PublicUrl urls,
            Clock clock,
            Allowances allowances,
            @Value("${lct.training.invitations-per-day:500}") int perDay) {
        this.allowances = allowances;
        this.perOrganiser = new Budget(perDay, Duration.ofDays(1));
        this.jdbc = jdbc;
        this.courses = courses;
        this.accounts = accounts;
        this.mail = mail;
        this.urls = urls;
        this.clock = clock;
    }

    /** Splits what an organiser pasted (one address a line, or separated by commas, semicolons or spaces). */
    public static List<String> split(String text) {
        return List.of(text.split("[\\s,;，；]+")).stream()
                .filter(s -> !s.isBlank())
                .toList();
    }

    @Transactional
    public Sent invite(Actor me, UUID courseId, List<String> emails, Locale language) {
        var course = courses.manageable(me, courseId);
        var addresses = new LinkedHashSet<String>();
        var violations = new ArrayList<Refusal.Violation>();
        for (String raw : emails) {
            String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (email.isEmpty()) {
                continue;
            }
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                violations.add(Refusal.Violation.of("emails", "course-invitation-email-malformed", email));
            } else {
                addresses.add(email);
            }
        }
        if (addresses.isEmpty() && violations.isEmpty()) {
            violations.add(Refusal.Violation.of("emails", "course-invitation-emails-required"));
        }
        if (addresses.size() > MAX_ADDRESSES) {
            violations.add(Refusal.Violation.of("emails", "course-invitation-too-many", MAX_ADDRESSES));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        var before = new HashSet<>(
                jdbc.sql("select email from course_invitation where course_id = :course and email in (:emails)")
                        .param("course", courseId)
                        .param("emails", List.copyOf(addresses))
                        .query(String.class)
                        .list());
        allowances.spend(
                "course-invitations:" + me.id(),
                perOrganiser,
                (int) addresses.stream().filter(a -> !before.contains(a)).count(),
                "course-invitations-too-frequent");
        var invited = new ArrayList<String>();
        var skipped = new ArrayList<String>();
        for (String email : addresses) {
            int stored = jdbc.sql("""
                            insert into course_invitation (course_id, email, invited_by, invited_at)
                            values (:course, :email, :by, :now) on conflict do nothing""")
                    .param("course", courseId)
                    .param("email", email)
                    .param("by", me.id())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            if (stored == 0) {
                skipped.add(email);
                continue;
            }
            invited.add(email);
            UUID account = accounts.idOf(email).orElse(null);
            String link = urls.of("/training/courses/" + courseId);
            mail.enqueue(Message.to(
                            account == null ? Recipient.address(email, language) : Recipient.person(account),
                            "course-invitation")
                    .with("course", course.title())
                    .with("organisation", course.organisationName())
                    .with("hasAccount", account != null)
                    .with(
                            "link",
                            account == null
                                    ? urls.of("/register?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
                                    : link)
                    .subject(course.title())
                    .build());
        }
        return new Sent(invited, skipped);
    }
}
