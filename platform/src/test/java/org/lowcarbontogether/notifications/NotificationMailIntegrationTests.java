package org.lowcarbontogether.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notification email through the outbox to a real SMTP server (GreenMail): sent only where the person's preference
 * says so, in their language, with a one-click unsubscribe that works without a session and stops that kind at once;
 * an event reminder once, with a calendar entry ical4j reads back.
 */
@IntegrationTest
class NotificationMailIntegrationTests extends OrganiserScenario {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Autowired
    EventNotices eventNotices;

    @Autowired
    WeeklyDigests digests;

    @Autowired
    Preferences preferences;

    String community(Org org) {
        var created = api.post(
                "/api/v1/communities",
                "{\"organisationId\":\"%s\",\"name\":\"Green Campus %s\",\"kind\":\"CAMPUS\",\"visibility\":\"PUBLIC\"}"
                        .formatted(org.id(), UUID.randomUUID().toString().substring(0, 6)),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void announce(Org org, String community, String title) {
        var posted = api.post(
                "/api/v1/communities/" + community + "/announcements",
                "{\"title\":\"%s\",\"body\":\"Bring what you no longer wear to the library hall.\"}".formatted(title),
                "Authorization",
                org.organiser().bearer());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    }

    /** Waits until the newest announcement to the community was delivered. */
    void awaitDelivered(Org org, String community) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var newest = api.get(
                            "/api/v1/communities/" + community + "/announcements",
                            "Authorization",
                            org.organiser().bearer())
                    .json()
                    .get(0);
            return newest != null && !newest.get("recipients").isNull();
        });
    }

    long inApp(Person person, String titleEnd) {
        var count = 0L;
        for (var n : api.get("/api/v1/account/notifications", "Authorization", person.bearer())
                .json()
                .get("notifications")) {
            if (n.get("title").asString().endsWith(titleEnd)) {
                count++;
            }
        }
        return count;
    }

    ApiClient.Response postForm(String url, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void emailFollowsEachPersonsPreferenceAndTheOneClickUnsubscribeStopsItAtOnce() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String community = community(ngo);
        Person byEmail = organisers.person();
        Person appOnly = organisers.person();
        for (Person p : List.of(byEmail, appOnly)) {
            api.post("/api/v1/communities/" + community + "/members", "", "Authorization", p.bearer());
        }
        api.put(
                "/api/v1/account/notifications/preferences",
                "[{\"kind\":\"COMMUNITY_ANNOUNCEMENT\",\"email\":false}]",
                "Authorization",
                appOnly.bearer());

        announce(ngo, community, "Swap on Saturday");
        awaitDelivered(ngo, community);

        var mail = TestMail.await(byEmail.user().email(), "Swap on Saturday");
        assertThat(mail.text()).contains("Bring what you no longer wear to the library hall.");
        assertThat(mail.html()).contains("Bring what you no longer wear to the library hall.");
        String unsubscribe = mail.raw().getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<https?://[^>]+/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>");
        assertThat(mail.raw().getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.text()).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        assertThat(inApp(appOnly, "Swap on Saturday"))
                .as("in the app as chosen")
                .isEqualTo(1);
        assertThat(TestMail.to(appOnly.user().email())).as("email turned off").isEmpty();

        // The mail reader's one-click POST: no session, no CSRF token, the platform's own address (not the public one).
        String path =
                URI.create(unsubscribe.substring(1, unsubscribe.length() - 1)).getPath();
        var oneClick = postForm(api.base() + path, "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(preferences
                        .of(byEmail.id(), NotificationKind.COMMUNITY_ANNOUNCEMENT)
                        .email())
                .isFalse();

        announce(ngo, community, "Repair café next week");
        awaitDelivered(ngo, community);
        assertThat(inApp(byEmail, "Repair café next week"))
                .as("the app still tells")
                .isEqualTo(1);
        Thread.sleep(1500); // the sender polls every half second: anything enqueued would have arrived
        assertThat(TestMail.to(byEmail.user().email()))
                .extracting(TestMail.Mail::subject)
                .noneMatch(s -> s.contains("Repair café next week"));
    }

    @Test
    void anEventReminderIsMailedOnceInThePersonsLanguageWithACalendarEntry() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var starts = OffsetDateTime.now(CST).plusHours(22).withNano(0).withSecond(0);
        var created = api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"旧衣交换","kind":"CLOTHES_SWAP","place":"图书馆大厅",
                 "startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), starts, starts.plusHours(2)),
                "Authorization",
                ngo.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String event = created.json().get("id").asString();
        Person chinese = organisers.person();
        Person english = organisers.person();
        jdbc.sql("update app_user set language = 'zh-CN' where id = :id")
                .param("id", chinese.id())
                .update();
        for (Person p : List.of(chinese, english)) {
            api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", p.bearer());
        }

        Instant now = Instant.now();
        eventNotices.remind(now);
        eventNotices.remind(now.plusSeconds(60));

        var zh = TestMail.await(chinese.user().email(), "提醒：旧衣交换");
        assertThat(zh.text()).contains("将于").contains("图书馆大厅").contains("日历条目已附上");
        var en = TestMail.await(english.user().email(), "Reminder: 旧衣交换");
        assertThat(en.text()).contains("starts on").contains("China Standard Time");
        Thread.sleep(1500);
        assertThat(TestMail.to(chinese.user().email()))
                .as("once, though the job ran twice")
                .hasSize(1);

        Part ics = attachment(zh.raw(), "event.ics");
        assertThat(ics).as("a calendar entry is attached").isNotNull();
        assertThat(ics.getContentType()).startsWith("text/calendar");
        Calendar calendar;
        try (InputStream in = ics.getInputStream()) {
            calendar = new CalendarBuilder().build(in);
        }
        calendar.validate();
        VEvent entry = (VEvent) calendar.getComponents().getFirst();
        assertThat(entry.getSummary().getValue()).isEqualTo("旧衣交换");
        assertThat(entry.getLocation().getValue()).isEqualTo("图书馆大厅");
        assertThat(Instant.from(entry.getDateTimeStart().getDate())).isEqualTo(starts.toInstant());
        assertThat(Instant.from(entry.getDateTimeEnd().getDate()))
                .isEqualTo(starts.plusHours(2).toInstant());
        assertThat(entry.getRequiredProperty("UID").getValue()).contains(event);
    }

    @Test
    void theDigestIsMailedOnlyToThoseWhoChoseItByEmail() throws Exception {
        Person chose = organisers.person();
        Person didNot = organisers.person();
        api.put(
                "/api/v1/account/notifications/preferences",
                "[{\"kind\":\"WEEKLY_DIGEST\",\"inApp\":false,\"email\":true}]",
                "Authorization",
                chose.bearer());
        Instant monday = LocalDate.now(CST)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atTime(8, 0)
                .toInstant(CST);

        digests.send(monday);

        var mail = TestMail.await(chose.user().email(), "Your week from");
        assertThat(mail.text()).contains("0 behaviours, 0.0 kg CO2e reduced.").contains("Current streak: 0 days.");
        assertThat(mail.raw().getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/");
        assertThat(TestMail.to(didNot.user().email())).isEmpty();
    }

    private static @Nullable Part attachment(Part part, String filename) throws Exception {
        if (filename.equals(part.getFileName())) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Part found = attachment(body, filename);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
