package org.lowcarbontogether.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Notifications through the real paths: announcements reach the members who want them and no one else, each notice is
 * delivered once however often its job runs, preferences and the one-click unsubscribe are honoured at once, the
 * digest goes only to those who chose it, a reviewer hears of an assignment, and a goal's progress comes from the
 * ledger.
 */
@IntegrationTest
class NotificationsIntegrationTests extends OrganiserScenario {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Autowired
    EventNotices eventNotices;

    @Autowired
    WeeklyDigests digests;

    @Autowired
    StreakNudges nudges;

    @Autowired
    Unsubscribe unsubscribe;

    @Autowired
    Preferences preferences;

    @Autowired
    Recording recording;

    @Autowired
    GrantNotices grantNotices;

    JsonNode notifications(Person person) {
        var answer =
                api.get("/api/v1/account/notifications", "Authorization", person.bearer(), "Accept-Language", "en");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    List<String> titles(Person person) {
        var titles = new ArrayList<String>();
        notifications(person)
                .get("notifications")
                .forEach(n -> titles.add(n.get("title").asString()));
        return titles;
    }

    String community(Org org) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Dorm circle %s","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID().toString().substring(0, 6)),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void join(String community, Person person) {
        assertThat(api.post("/api/v1/communities/" + community + "/members", "", "Authorization", person.bearer())
                        .status())
                .isIn(200, 201, 204);
    }

    /** Waits until the newest announcement to the community was delivered, and to how many people. */
    void awaitDelivered(Org org, String community, int recipients) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var newest = api.get(
                            "/api/v1/communities/" + community + "/announcements",
                            "Authorization",
                            org.organiser().bearer())
                    .json()
                    .get(0);
            return newest != null && newest.get("recipients").asInt(-1) == recipients;
        });
    }

    void setPreference(Person person, String kind, boolean inApp, boolean email) {
        var set = api.put(
                "/api/v1/account/notifications/preferences",
                "[{\"kind\":\"%s\",\"inApp\":%s,\"email\":%s}]".formatted(kind, inApp, email),
                "Authorization",
                person.bearer());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    void record(Person person, OffsetDateTime when) {
        record(person, when, "12");
    }

    void record(Person person, OffsetDateTime when, String km) {
        recording.submitInTransaction(
                person.id(),
                UUID.randomUUID().toString(),
                new RecordSubmission("METRO_INSTEAD_OF_CAR", new BigDecimal(km), "km", when, "CN-SH", null),
                Recording.Channel.API);
    }

    /** A form posted as a mail reader posts the one-click unsubscribe: no session, no CSRF token. */
    ApiClient.Response postForm(String path, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAnnouncementReachesTheMembersWhoWantItAndNobodyElse() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String community = community(ngo);
        Person member = organisers.person();
        Person notInterested = organisers.person();
        Person outsider = organisers.person();
        Person left = organisers.person();
        join(community, member);
        join(community, notInterested);
        join(community, left);
        api.delete("/api/v1/communities/" + community + "/members/me", "Authorization", left.bearer());
        setPreference(notInterested, "COMMUNITY_ANNOUNCEMENT", false, false);

        var posted = api.post(
                "/api/v1/communities/" + community + "/announcements",
                "{\"title\":\"Clothes swap on Saturday\",\"body\":\"Bring what you no longer wear to the library hall.\"}",
                "Authorization",
                ngo.organiser().bearer());

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> !titles(member).isEmpty());
        var got = notifications(member).get("notifications").get(0);
        assertThat(got.get("kind").asString()).isEqualTo("COMMUNITY_ANNOUNCEMENT");
        assertThat(got.get("title").asString()).endsWith(": Clothes swap on Saturday");
        assertThat(got.get("text").asString()).isEqualTo("Bring what you no longer wear to the library hall.");
        assertThat(got.get("link").asString()).isEqualTo("/communities/" + community);
        assertThat(notifications(member).get("unread").asLong()).isEqualTo(1);
        awaitDelivered(ngo, community, 1);
        assertThat(titles(notInterested)).as("turned off").isEmpty();
        assertThat(titles(outsider)).as("not a member").isEmpty();
        assertThat(titles(left)).as("left before").isEmpty();
        assertThat(titles(ngo.organiser())).as("the author").isEmpty();
    }

    @Test
    void onlyTheGroupsOwnOrganisersAnnounceAndNotTooOften() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String community = community(ngo);
        Person member = organisers.person();
        join(community, member);
        String body = "{\"title\":\"Meet-up\",\"body\":\"We meet at the gate at nine.\"}";

        assertThat(api.post(
                                "/api/v1/communities/" + community + "/announcements",
                                body,
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .as("another organisation's organiser")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/communities/" + community + "/announcements",
                                body,
                                "Authorization",
                                member.bearer())
                        .status())
                .as("a member")
                .isEqualTo(403);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(
                                    "/api/v1/communities/" + community + "/announcements",
                                    body,
                                    "Authorization",
                                    ngo.organiser().bearer())
                            .status())
                    .isEqualTo(201);
        }
        var fourth = api.post(
                "/api/v1/communities/" + community + "/announcements",
                body,
                "Authorization",
                ngo.organiser().bearer());
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().get("type").asString()).endsWith("announcement-too-frequent");
    }

    @Test
    void anEventReminderIsSentOnceEvenWhenTheJobRunsTwiceAtOnce() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var starts = OffsetDateTime.now(CST).plusHours(20).withNano(0);
        var created = api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"Repair café","kind":"REPAIR_CAFE","place":"Library hall",
                 "startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), starts, starts.plusHours(2)),
                "Authorization",
                ngo.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String event = created.json().get("id").asString();
        Person attendee = organisers.person();
        Person cancelled = organisers.person();
        for (Person p : List.of(attendee, cancelled)) {
            api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", p.bearer());
        }
        api.delete("/api/v1/events/" + event + "/registrations/me", "Authorization", cancelled.bearer());

        Instant now = Instant.now();
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> eventNotices.remind(now);
            pool.invokeAll(List.of(run, run));
        } finally {
            pool.shutdown();
        }
        eventNotices.remind(now.plusSeconds(600));

        var got = notifications(attendee).get("notifications");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).get("title").asString()).isEqualTo("Reminder: Repair café");
        assertThat(got.get(0).get("text").asString())
                .isEqualTo("Repair café starts on " + starts.toLocalDate() + " "
                        + starts.toLocalTime().toString().substring(0, 5)
                        + " (China Standard Time). Where: Library hall.");
        assertThat(titles(cancelled)).as("cancelled").isEmpty();
    }

    @Test
    void theDigestGoesOnlyToThoseWhoChoseItOncePerWeek() {
        Person chose = organisers.person();
        Person didNot = organisers.person();
        setPreference(chose, "WEEKLY_DIGEST", true, false);
        record(chose, OffsetDateTime.now(CST).minusDays(7));

        Instant monday = LocalDate.now(CST)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .atTime(8, 0)
                .toInstant(CST);
        digests.send(monday);
        digests.send(monday.plusSeconds(3600));

        var got = notifications(chose).get("notifications");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).get("kind").asString()).isEqualTo("WEEKLY_DIGEST");
        assertThat(got.get(0).get("title").asString())
                .startsWith("Your week from " + LocalDate.ofInstant(monday, CST).minusWeeks(1));
        assertThat(titles(didNot)).isEmpty();
    }

    @Test
    void aKindTurnedOffInTheAppIsNotShownThereAndTheListCanBeRead() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String community = community(ngo);
        Person member = organisers.person();
        join(community, member);
        setPreference(member, "COMMUNITY_ANNOUNCEMENT", false, true);
        api.post(
                "/api/v1/communities/" + community + "/announcements",
                "{\"title\":\"First news\",\"body\":\"Only by email for this member.\"}",
                "Authorization",
                ngo.organiser().bearer());
        // Preferences count when a notice is delivered, after the post commits.
        awaitDelivered(ngo, community, 1);
        setPreference(member, "COMMUNITY_ANNOUNCEMENT", true, true);
        api.post(
                "/api/v1/communities/" + community + "/announcements",
                "{\"title\":\"Second news\",\"body\":\"In the app for this member.\"}",
                "Authorization",
                ngo.organiser().bearer());

        await().atMost(Duration.ofSeconds(20)).until(() -> !titles(member).isEmpty());
        assertThat(titles(member)).hasSize(1).first().asString().endsWith("Second news");
        var page = new WebSession(port).signIn(member.user().email(), AccountFixtures.PASSWORD);
        var list = page.get("/account/notifications");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .contains("Second news")
                .contains("notification-unread")
                .contains("id=\"unread-badge\"");
        assertThat(page.post("/account/notifications/read", java.util.Map.of()).status())
                .isEqualTo(302);
        assertThat(notifications(member).get("unread").asLong()).isZero();
        assertThat(page.get("/account/notifications").body()).doesNotContain("id=\"unread-badge\"");
    }

    @Test
    void aOneClickUnsubscribeTurnsThatKindsEmailOffWithoutSigningInAndAForgedTokenDoesNothing() {
        Person person = organisers.person();
        Person other = organisers.person();
        String token = unsubscribe.token(person.id(), NotificationKind.EVENT_REMINDER);
        String forged = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                (other.id() + ":EVENT_REMINDER").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        String otherKind = unsubscribe.token(person.id(), NotificationKind.REVIEW_ASSIGNED);

        assertThat(new WebSession(port).get("/unsubscribe/" + token).body())
                .as("the confirmation page")
                .contains("unsubscribe-button")
                .contains("Event reminders");
        assertThat(preferences.of(person.id(), NotificationKind.EVENT_REMINDER).email())
                .as("looking changes nothing")
                .isTrue();

        var forgedPost = postForm("/unsubscribe/" + forged, "List-Unsubscribe=One-Click");
        assertThat(forgedPost.status()).isEqualTo(404);
        assertThat(preferences.of(other.id(), NotificationKind.EVENT_REMINDER).email())
                .isTrue();
        assertThat(postForm("/unsubscribe/not-a-token", "List-Unsubscribe=One-Click")
                        .status())
                .isEqualTo(404);

        var oneClick = postForm("/unsubscribe/" + token, "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(preferences.of(person.id(), NotificationKind.EVENT_REMINDER).email())
                .isFalse();
        assertThat(preferences.of(person.id(), NotificationKind.EVENT_REMINDER).inApp())
                .as("the app keeps it")
                .isTrue();
        assertThat(preferences.of(person.id(), NotificationKind.REVIEW_ASSIGNED).email())
                .as("other kinds stay")
                .isTrue();
        assertThat(otherKind).isNotEqualTo(token);
    }

    /** A programme with an officer and an open call, and an application to it by an NGO. */
    record Applied(Person officer, Org applicant, String application) {}

    Applied application() {
        Person admin = organisers.person(Role.ADMIN);
        Person officer = organisers.person();
        Org applicant = organisers.organisation(Organisations.Kind.NGO);
        var office = organisations.create("Programme office " + UUID.randomUUID(), Organisations.Kind.COALITION);
        String programme = api.post(
                        "/api/v1/programmes",
                        "{\"name\":\"Small grants\",\"description\":\"Small grants for NGOs\",\"organisationId\":\"%s\"}"
                                .formatted(office.id()),
                        "Authorization",
                        admin.bearer())
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/programmes/" + programme + "/officers",
                "{\"email\":\"" + officer.user().email() + "\"}",
                "Authorization",
                admin.bearer());
        LocalDate today = LocalDate.now(CST);
        String call = api.post(
                        "/api/v1/programmes/" + programme + "/calls",
                        """
                        {"title":"2026 call","themes":["DAILY_RECORDING"],"budgetFen":10000000,"maxGrantFen":5000000,
                         "opensOn":"%s","closesOn":"%s","criteria":[{"name":"Reach","weight":100}]}""".formatted(today.minusDays(1), today.plusDays(30)),
                        "Authorization",
                        officer.bearer())
                .json()
                .get("id")
                .asString();
        var applied = api.post(
                "/api/v1/calls/" + call + "/applications",
                """
                {"organisationId":"%s","title":"Dormitory circles","proposal":"Daily recording circles in twelve dormitories.",
                 "requestedFen":3000000}""".formatted(applicant.id()),
                "Authorization",
                applicant.organiser().bearer());
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        return new Applied(officer, applicant, applied.json().get("id").asString());
    }

    @Test
    void aReviewerHearsOfAnAssignment() {
        Person reviewer = organisers.person(Role.REVIEWER);
        var applied = application();
        Person officer = applied.officer();
        String application = applied.application();

        var assigned = api.post(
                "/api/v1/applications/" + application + "/reviewers",
                "{\"email\":\"" + reviewer.user().email() + "\"}",
                "Authorization",
                officer.bearer());
        assertThat(assigned.status()).as(assigned.body()).isIn(200, 201);

        await().atMost(Duration.ofSeconds(20)).until(() -> !titles(reviewer).isEmpty());
        var got = notifications(reviewer).get("notifications").get(0);
        assertThat(got.get("kind").asString()).isEqualTo("REVIEW_ASSIGNED");
        assertThat(got.get("title").asString()).isEqualTo("Review requested: Dormitory circles");
        assertThat(got.get("link").asString()).isEqualTo("/applications/" + application);
    }

    @Test
    void granteesHearOfReportsFallingDueAndOfTranchesHeldOrPaidEachOnce() {
        var applied = application();
        LocalDate today = LocalDate.now(CST);
        var decided = api.post(
                "/api/v1/applications/" + applied.application() + "/decision",
                """
                {"award":true,"note":"Funded in full","amountFen":3000000,"startsOn":"%s","endsOn":"%s",
                 "tranches":[{"amountFen":2000000,"condition":"On signature","dueOn":"%s"},
                             {"amountFen":1000000,"condition":"After the final report","dueOn":"%s"}],
                 "milestones":[{"title":"Midterm","dueOn":"%s"}]}""".formatted(
                                today.minusDays(10),
                                today.plusMonths(6),
                                today.minusDays(1),
                                today.plusMonths(6),
                                today.plusDays(7)),
                "Authorization",
                applied.officer().bearer());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        String project = api.get(
                        "/api/v1/applications/" + applied.application(),
                        "Authorization",
                        applied.officer().bearer())
                .json()
                .get("project")
                .get("id")
                .asString();
        Person grantee = applied.applicant().organiser();

        grantNotices.remind(today);
        grantNotices.remind(today);

        assertThat(titles(grantee))
                .containsExactlyInAnyOrder(
                        "Report due on " + today.plusDays(7) + ": Dormitory circles",
                        "Tranche 1 not paid yet: Dormitory circles");
        var due = notifications(grantee).get("notifications").findValues("text").stream()
                .map(JsonNode::asString)
                .filter(t -> t.startsWith("The report for the milestone"))
                .findFirst()
                .orElseThrow();
        assertThat(due).contains("Midterm").contains("in 7 days");
        assertThat(titles(applied.officer())).isEmpty();

        var paid = api.post(
                "/api/v1/projects/" + project + "/tranches/1/payment",
                "{\"paidOn\":\"%s\",\"reference\":\"TX-2026-1\"}".formatted(today),
                "Authorization",
                applied.officer().bearer());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> titles(grantee).size() == 3);
        assertThat(titles(grantee).getFirst()).isEqualTo("Tranche 1 paid: Dormitory circles");
        assertThat(notifications(grantee)
                        .get("notifications")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("Tranche 1 of Dormitory circles, ¥20,000.00, was paid on " + today + ".");
    }

    @Test
    void anAttendeeIsToldWhenTheirCheckInIsConfirmed() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var starts = OffsetDateTime.now(CST).minusMinutes(30).withNano(0);
        String event = api.post(
                        "/api/v1/events",
                        """
                        {"organisationId":"%s","title":"Clean-up walk","kind":"CLEAN_UP","place":"River bank",
                         "startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), starts, starts.plusHours(2)),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();
        Person attendee = organisers.person();
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", attendee.bearer());

        var checkedIn = api.post(
                "/api/v1/events/" + event + "/check-ins/by-organiser",
                "{\"email\":\"" + attendee.user().email() + "\"}",
                "Authorization",
                ngo.organiser().bearer());

        assertThat(checkedIn.status()).as(checkedIn.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !titles(attendee).isEmpty());
        assertThat(titles(attendee)).containsExactly("Checked in: Clean-up walk");
    }

    @Test
    void aGoalsProgressComesFromTheWeeksLedgerAndShowsOnTheAccountPage() {
        Person person = organisers.person();
        var monday = LocalDate.now(CST)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        var now = OffsetDateTime.now(CST);
        record(person, now.minusMinutes(40), "12");
        record(person, now.minusMinutes(2), "5");
        if (!monday.equals(LocalDate.now(CST))) {
            // Last week's record does not count this week.
            record(person, monday.minusDays(1).atTime(12, 0).atOffset(CST));
        }

        var set = api.put(
                "/api/v1/account/goal", "{\"measure\":\"BEHAVIOURS\",\"target\":4}", "Authorization", person.bearer());

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        var goal = set.json();
        assertThat(goal.get("behaviours").asLong()).isEqualTo(2);
        assertThat(goal.get("percent").asInt()).isEqualTo(50);
        assertThat(goal.get("weekStart").asString()).isEqualTo(monday.toString());
        assertThat(goal.get("reductionGrams").asLong()).isPositive();
        var page = new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);
        assertThat(page.get("/account").body()).contains("2 of 4 behaviours").contains("50%");
        assertThat(api.put(
                                "/api/v1/account/goal",
                                "{\"measure\":\"BEHAVIOURS\",\"target\":0.5}",
                                "Authorization",
                                person.bearer())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theStreakNudgeComesOnceToThoseWhoChoseItWhenTheirStreakIsAboutToBreak() {
        Person chose = organisers.person();
        Person didNot = organisers.person();
        var page = new WebSession(port).signIn(chose.user().email(), AccountFixtures.PASSWORD);
        assertThat(page.post(
                                "/account/goal",
                                java.util.Map.of("measure", "BEHAVIOURS", "target", "5", "streakNudge", "true"))
                        .status())
                .isEqualTo(302);
        var noon = LocalDate.now(CST).atTime(12, 0).atOffset(CST);
        for (Person p : List.of(chose, didNot)) {
            for (int day = 1; day <= 3; day++) {
                record(p, noon.minusDays(day));
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/account/goal", "Authorization", chose.bearer())
                                .json()
                                .get("streak")
                                .asInt()
                        == 3);

        nudges.nudge(LocalDate.now(CST));
        nudges.nudge(LocalDate.now(CST));

        assertThat(titles(chose)).containsExactly("Keep your 3-day streak");
        assertThat(titles(didNot)).isEmpty();
    }
}
