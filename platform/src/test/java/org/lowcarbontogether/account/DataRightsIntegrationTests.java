package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.grants.ProgrammeScenario;
import org.lowcarbontogether.incentives.IncentivesFixtures;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.platform.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's rights over their data, end to end over the API and the pages: the archive of everything about a person
 * who did a bit of everything; deleting an account, after which its ledger still verifies under the pseudonym, the
 * programme's figures are unchanged, the old email cannot sign in but may register anew; stories unpublished or kept
 * as chosen; the privacy notice asked for again when its version changed; downloads limited; and the time an archive of
 * 5,000 records takes, logged.
 */
@IntegrationTest
class DataRightsIntegrationTests extends ProgrammeScenario {

    private static final Logger log = LoggerFactory.getLogger(DataRightsIntegrationTests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Ledger ledger;

    @Autowired
    Rewards rewards;

    @Autowired
    DataExport exports;

    /** A downloaded archive: its files by name. */
    record Archive(Map<String, byte[]> files) {

        JsonNode json(String kind) {
            assertThat(files).containsKey(kind + ".json");
            return JSON.readTree(files.get(kind + ".json"));
        }

        List<CSVRecord> csv(String kind) {
            byte[] bytes = files.get(kind + ".csv");
            assertThat(bytes).as(kind + ".csv").isNotNull();
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as("a byte-order mark for spreadsheets").startsWith("\uFEFF");
            try {
                return CSVFormat.DEFAULT
                        .parse(new java.io.StringReader(text.substring(1)))
                        .getRecords();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text(String name) {
            return new String(files.get(name), StandardCharsets.UTF_8);
        }
    }

    static Archive unzip(byte[] zip) {
        var files = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Archive(files);
    }

    HttpResponse<byte[]> download(Person person, String language) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account/export"))
                                    .header("Authorization", person.bearer())
                                    .header("Accept-Language", language)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Archive archive(Person person, String language) {
        var response = download(person, language);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        return unzip(response.body());
    }

    ApiClient.Response deleteAccount(Person person, String password, boolean keepStories) {
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account"))
                        .method(
                                "DELETE",
                                HttpRequest.BodyPublishers.ofString("{\"password\":\"%s\",\"keepPublishedStories\":%s}"
                                        .formatted(password, keepStories)))
                        .header("Content-Type", "application/json"),
                "Authorization",
                person.bearer());
    }

    void record(Person person, String behaviour, double km, OffsetDateTime when) {
        var response = api.post(
                "/api/v1/records",
                """
                {"behaviour":"%s","quantity":%s,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(behaviour, km, when),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    String community(Org org) {
        return id(api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Dorm circle %s","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID()),
                "Authorization",
                org.organiser().bearer()));
    }

    /** A story by a member of the community, with a photo, published by the community's organiser. */
    String publishedStory(Org org, String community, Person author) {
        String story =
                id(api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"A year without a car","body":"We sold the car and rode to work every day."}""", "Authorization", author.bearer()));
        var photo = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/stories/" + story + "/photos"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(png()))
                        .header("Content-Type", "image/png"),
                "Authorization",
                author.bearer());
        assertThat(photo.status()).as(photo.body()).isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":true}",
                                "Authorization",
                                org.organiser().bearer())
                        .status())
                .isEqualTo(200);
        return story;
    }

    static byte[] png() {
        var image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(46, 125, 50));
        g.fillRect(0, 0, 320, 120);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    long count(String sql, UUID person) {
        return jdbc.sql(sql).param("person", person).query(Long.class).single();
    }

    static String id(ApiClient.Response created) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void theArchiveHoldsEveryKindOfDataOfAPersonWhoDidABitOfEverything() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person me = organisers.person();
        // An organiser of the NGO by invitation; another organisation's invitation still waits.
        organisations.addMember(ngo.organiser().user(), ngo.id(), me.user().email(), "ORGANISER");
        organisations.accept(me.user(), ngo.id());
        Org employer = organisers.organisation(Organisations.Kind.EMPLOYER);
        organisations.addMember(
                employer.organiser().user(), employer.id(), me.user().email(), "MEMBER");
        String title = "Bike circles " + UUID.randomUUID();
        apply(setup, new Org(ngo.id(), me), title);

        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String community = community(campus);
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", me.bearer());
        String campaign = id(api.post(
                "/api/v1/campaigns",
                """
                {"organisationId":"%s","name":"Graduation %s","template":"GREEN_GRADUATION","behaviours":[],"startsOn":"%s","endsOn":"%s","replacementRate":0.6}""".formatted(
                                campus.id(),
                                UUID.randomUUID(),
                                LocalDate.now(CST).minusDays(1),
                                LocalDate.now(CST).plusDays(29)),
                "Authorization",
                campus.organiser().bearer()));
        api.post("/api/v1/campaigns/" + campaign + "/participants", "{}", "Authorization", me.bearer());
        id(api.post("/api/v1/campaigns/" + campaign + "/items", """
                {"category":"BOOKS","title":"Calculus, third edition","weightKg":1.2}""", "Authorization", me.bearer()));
        var now = OffsetDateTime.now(CST);
        String event = id(api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"Repair café","kind":"REPAIR_CAFE","place":"Library hall","startsAt":"%s","endsAt":"%s","capacity":40}""".formatted(campus.id(), now.minusMinutes(30), now.plusHours(2)),
                "Authorization",
                campus.organiser().bearer()));
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", me.bearer());
        var checkedIn = api.post(
                "/api/v1/events/" + event + "/check-ins/by-organiser",
                "{\"email\":\"" + me.user().email() + "\"}",
                "Authorization",
                campus.organiser().bearer());
        assertThat(checkedIn.status()).as(checkedIn.body()).isEqualTo(200);

        // A group counts records from the day its member joined: joined yesterday, so the records of the last hours
        // count
        // even just after midnight (programme calendar).
        jdbc.sql("update participant set joined_at = joined_at - interval '1 day' where user_id = :me")
                .param("me", me.id())
                .update();
        record(me, "METRO_INSTEAD_OF_CAR", 12, now.minusHours(3));
        record(me, "BUS_INSTEAD_OF_CAR", 7.5, now.minusHours(2));
        record(me, "METRO_INSTEAD_OF_CAR", 9, now.minusHours(1));
        String story = publishedStory(campus, community, me);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from points_entry where user_id = :person", me.id()) >= 3
                        && count("select count(*) from participation_activity where user_id = :person", me.id()) >= 3);
        var reward = rewards.create(
                campus.organiser().id(), campus.id(), IncentivesFixtures.draft(Rewards.Kind.GOODS, 1, 5));
        assertThat(api.post(
                                "/api/v1/rewards/" + reward.id() + "/redemptions",
                                "",
                                "Authorization",
                                me.bearer(),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(201);

        Archive archive = archive(me, "zh-CN");

        assertThat(archive.text("README.txt"))
                .as("the README is in the person's language")
                .contains("你在低碳同行的数据")
                .contains("ledger-entries.json");
        JsonNode profile = archive.json("profile").get(0);
        assertThat(profile.get("email").asString()).isEqualTo(me.user().email());
        assertThat(profile.get("id").asString()).isEqualTo(me.id().toString());
        assertThat(archive.json("consents").get(0).get("version").asString()).isEqualTo(PrivacyNotice.VERSION);
        assertThat(archive.json("tokens").get(0).get("name").asString()).isEqualTo("api");
        String everything = archive.files().values().stream()
                .map(b -> new String(b, StandardCharsets.ISO_8859_1))
                .collect(Collectors.joining());
        assertThat(everything)
                .as("never a token's secret or hash, nor the password's")
                .doesNotContain(me.token())
                .doesNotContain("token_hash")
                .doesNotContain("password_hash")
                .doesNotContain("$argon2");
        assertThat(archive.json("memberships").get(0).get("organisation_id").asString())
                .isEqualTo(ngo.id().toString());
        assertThat(archive.json("memberships").get(0).get("role").asString()).isEqualTo("ORGANISER");
        assertThat(archive.json("invitations").get(0).get("organisation_id").asString())
                .isEqualTo(employer.id().toString());
        assertThat(archive.json("grant-applications").get(0).get("title").asString())
                .isEqualTo(title);

        JsonNode records = archive.json("records");
        JsonNode entries = archive.json("ledger-entries");
        assertThat(records.size()).isEqualTo(3);
        assertThat(entries.size()).isEqualTo(3);
        for (JsonNode r : records) {
            String entry = r.get("ledger_entry_id").asString();
            assertThat(entries.valueStream().map(e -> e.get("id").asString())).contains(entry);
        }
        for (JsonNode e : entries) {
            assertThat(e.get("provenance").isObject())
                    .as("provenance is JSON, not a string")
                    .isTrue();
            assertThat(e.get("provenance").get("factors").isArray()).isTrue();
            assertThat(e.get("hash").asString()).hasSize(64);
            assertThat(e.get("prev_hash").asString()).hasSize(64);
        }
        assertThat(entries.get(0).get("prev_hash").asString())
                .as("the chain starts from the genesis hash in ledger-account")
                .isEqualTo(archive.json("ledger-account")
                        .get(0)
                        .get("genesis_hash")
                        .asString());
        assertThat(archive.json("ledger-account").get(0).get("balance_grams").asLong())
                .isEqualTo(entries.valueStream()
                        .mapToLong(e -> e.get("grams").asLong())
                        .sum());
        List<CSVRecord> csv = archive.csv("records");
        assertThat(csv).hasSize(4);
        assertThat(csv.getFirst().toList()).contains("id", "behaviour", "ledger_entry_id", "status");

        assertThat(archive.json("points-entries")
                        .valueStream()
                        .map(e -> e.get("kind").asString()))
                .contains("EARNED", "REDEEMED");
        assertThat(archive.json("points-entries").get(0).get("reason").isObject())
                .isTrue();
        assertThat(archive.json("redemptions").size()).isEqualTo(1);
        assertThat(archive.json("stories").get(0).get("id").asString()).isEqualTo(story);
        assertThat(archive.json("stories").get(0).get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(archive.files().keySet())
                .as("the story's photo")
                .anyMatch(name -> name.startsWith("photos/" + story + "-"));
        assertThat(archive.json("group-memberships")
                        .valueStream()
                        .map(m -> m.get("scope_kind").asString()))
                .containsExactlyInAnyOrder("COMMUNITY", "CAMPAIGN");
        assertThat(archive.json("group-activity").size()).isGreaterThanOrEqualTo(3);
        JsonNode registration = archive.json("event-registrations").get(0);
        assertThat(registration.get("event_id").asString()).isEqualTo(event);
        assertThat(registration.get("checked_in_at").isNull()).isFalse();
        assertThat(archive.json("handover-items").get(0).get("role").asString()).isEqualTo("GIVER");
        for (var kind : exports.kinds()) {
            assertThat(archive.files()).containsKeys(kind.name() + ".json", kind.name() + ".csv");
        }
    }

    @Test
    void deletingAnAccountKeepsItsLedgerVerifiableAndTheProgrammeFiguresUnchanged() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        LocalDate start = LocalDate.now(CST).minusDays(3);
        String project = award(setup, apply(setup, ngo, "Recording circles " + UUID.randomUUID()), start);
        String community = community(ngo);
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/links",
                                "{\"kind\":\"COMMUNITY\",\"scopeId\":\"" + community + "\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(200);
        Person leaving = organisers.person();
        Person staying = organisers.person();
        for (Person p : List.of(leaving, staying)) {
            api.post("/api/v1/communities/" + community + "/members", "", "Authorization", p.bearer());
        }
        organisations.addMember(ngo.organiser().user(), ngo.id(), leaving.user().email(), "MEMBER");
        organisations.accept(leaving.user(), ngo.id());
        Org other = organisers.organisation(Organisations.Kind.EMPLOYER);
        organisations.addMember(
                other.organiser().user(), other.id(), leaving.user().email(), "MEMBER");
        // The project's link and the members count records from today; linked and joined yesterday instead, the records
        // of
        // the last hours count even just after midnight (programme calendar).
        jdbc.sql("update rollup_source set counts_from = counts_from - 1 where scope_id = cast(:c as uuid)")
                .param("c", community)
                .update();
        jdbc.sql("update participant set joined_at = joined_at - interval '1 day' where scope_id = cast(:c as uuid)")
                .param("c", community)
                .update();
        var now = OffsetDateTime.now(CST).minusMinutes(10);
        record(leaving, "BUS_INSTEAD_OF_CAR", 9, now);
        record(leaving, "METRO_INSTEAD_OF_CAR", 14, now.minusHours(3));
        record(staying, "BUS_INSTEAD_OF_CAR", 5, now.minusHours(1));

        String figuresPath =
                "/api/v1/programmes/" + setup.programme() + "/impact?from=" + start + "&to=" + LocalDate.now(CST);
        String office = setup.officer().bearer();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get(figuresPath, "Authorization", office)
                                        .json()
                                        .get("figures")
                                        .get("behaviours")
                                        .asLong()
                                == 3
                        && count("select count(*) from points_entry where user_id = :person", leaving.id()) == 2
                        && count(
                                        "select count(*) from incentive_community_member where user_id = :person",
                                        leaving.id())
                                == 1);
        JsonNode figuresBefore =
                api.get(figuresPath, "Authorization", office).json().get("figures");
        Ledger.Verification before = ledger.verify(leaving.id());
        assertThat(before.valid()).isTrue();
        assertThat(before.entries()).isEqualTo(2);
        Map<String, Long> rowsBefore = rowsOf(leaving.id());

        var wrong = deleteAccount(leaving, "not my password at all", false);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(ledger.verify(leaving.id())).isEqualTo(before);
        assertThat(deleteAccount(leaving, AccountFixtures.PASSWORD, false).status())
                .isEqualTo(204);

        assertThat(ledger.verify(leaving.id()))
                .as("the pseudonymised account's chain verifies as before")
                .isEqualTo(before);
        assertThat(api.get(figuresPath, "Authorization", office).json().get("figures"))
                .as("the programme's figures do not change")
                .isEqualTo(figuresBefore);
        var account = jdbc.sql(
                        "select email, display_name, deleted_at is not null as deleted from app_user where id = :id")
                .param("id", leaving.id())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3)})
                .single();
        assertThat(account[0]).isEqualTo("deleted:" + leaving.id());
        assertThat(account[1]).isEqualTo(PersonalData.DELETED_NAME);
        assertThat(account[2]).isEqualTo(true);

        Map<String, Long> rowsAfter = rowsOf(leaving.id());
        for (var holding : exports.holdings()) {
            for (String column : holding.columns()) {
                String key = holding.table() + "." + column;
                if (!rowsBefore.containsKey(key)) {
                    continue;
                }
                switch (holding.treatment()) {
                    case DELETED ->
                        assertThat(rowsAfter.get(key)).as(key + " deleted").isZero();
                    case KEPT, CLEARED ->
                        assertThat(rowsAfter.get(key)).as(key + " kept").isGreaterThanOrEqualTo(rowsBefore.get(key));
                }
            }
        }
        assertThat(rowsBefore.get("personal_access_token.user_id")).isPositive();
        assertThat(rowsBefore.get("membership.user_id")).isPositive();
        assertThat(rowsBefore.get("membership_invitation.user_id")).isPositive();
        assertThat(rowsAfter.get("ledger_entry.user_id")).isEqualTo(rowsBefore.get("ledger_entry.user_id"));
        assertThat(rowsAfter.get("activity_record.user_id")).isEqualTo(rowsBefore.get("activity_record.user_id"));
        assertThat(count("select count(*) from participant where user_id = :person and left_at is null", leaving.id()))
                .as("memberships of groups ended")
                .isZero();

        assertThat(api.get("/api/v1/account", "Authorization", leaving.bearer()).status())
                .as("the token is gone")
                .isEqualTo(401);
        String basic = java.util.Base64.getEncoder()
                .encodeToString(
                        (leaving.user().email() + ":" + AccountFixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(api.post("/api/v1/tokens", "{}", "Authorization", "Basic " + basic)
                        .status())
                .as("the old email and password sign in no more")
                .isEqualTo(401);
        var signIn = new WebSession(port)
                .post("/login", Map.of("username", leaving.user().email(), "password", AccountFixtures.PASSWORD));
        assertThat(signIn.location()).contains("error");
        var again = api.post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Back again\"}"
                        .formatted(leaving.user().email(), AccountFixtures.PASSWORD));
        assertThat(again.status()).as("the address may register anew").isEqualTo(201);
        assertThat(again.json().get("id").asString()).isNotEqualTo(leaving.id().toString());
    }

    /** How many rows name the person in each declared table and uuid column. */
    Map<String, Long> rowsOf(UUID person) {
        var rows = new HashMap<String, Long>();
        for (var holding : exports.holdings()) {
            for (String column : holding.columns()) {
                boolean uuid = jdbc.sql("""
                                select count(*) from information_schema.columns where table_schema = current_schema()
                                  and table_name = :table and column_name = :column and data_type = 'uuid'""")
                                .param("table", holding.table())
                                .param("column", column)
                                .query(Long.class)
                                .single()
                        == 1;
                if (uuid) {
                    rows.put(
                            holding.table() + "." + column,
                            count(
                                    "select count(*) from " + holding.table() + " where " + column + " = :person",
                                    person));
                }
            }
        }
        return rows;
    }

    @Test
    void publishedStoriesAreUnpublishedOrKeptWithoutTheirAuthorsNameAsChosen() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String community = community(ngo);
        Person unpublishing = organisers.person();
        Person keeping = organisers.person();
        for (Person p : List.of(unpublishing, keeping)) {
            api.post("/api/v1/communities/" + community + "/members", "", "Authorization", p.bearer());
        }
        String gone = publishedStory(ngo, community, unpublishing);
        String kept = publishedStory(ngo, community, keeping);

        assertThat(deleteAccount(unpublishing, AccountFixtures.PASSWORD, false).status())
                .isEqualTo(204);
        assertThat(deleteAccount(keeping, AccountFixtures.PASSWORD, true).status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/stories/" + gone).status()).isEqualTo(404);
        var story = api.get("/api/v1/stories/" + kept);
        assertThat(story.status()).isEqualTo(200);
        assertThat(story.json().get("authorName").asString()).isEqualTo(PersonalData.DELETED_NAME);
        assertThat(story.json().get("title").asString()).isEqualTo("A year without a car");
        assertThat(story.json().get("photoIds"))
                .as("photos are deleted either way")
                .isEmpty();
        assertThat(new WebSession(port).get("/stories/" + kept).body()).contains("Deleted participant");
        for (Person p : List.of(unpublishing, keeping)) {
            assertThat(count(
                            "select count(*) from story_photo p join story s on s.id = p.story_id where s.author_id = :person",
                            p.id()))
                    .isZero();
        }
    }

    @Test
    void pagesAskForTheNoticeAgainWhenItsVersionChangedWhileTheApiKeepsWorking() {
        Person person = organisers.person();
        // The notice changed since this person accepted it: their acceptance is of an earlier version.
        jdbc.sql("update consent set version = '0.9' where user_id = :person")
                .param("person", person.id())
                .update();
        var web = new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);

        var page = web.get("/records");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/account/consent?next=%2Frecords");
        var asked = web.get("/account/consent?next=%2Frecords");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("0.9").contains(PrivacyNotice.VERSION);
        assertThat(web.get("/account/privacy").status())
                .as("their data page stays open")
                .isEqualTo(200);
        assertThat(web.get("/privacy").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", "Authorization", person.bearer()).status())
                .as("the API keeps working for tokens")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/account/consents", "Authorization", person.bearer())
                        .json()
                        .get("acceptedCurrent")
                        .asBoolean())
                .isFalse();

        var accepted = web.post("/account/consent", Map.of("next", "/records"), "/account/consent");
        assertThat(accepted.status()).isEqualTo(302);
        assertThat(accepted.location()).endsWith("/records");
        assertThat(web.get("/records").status()).isEqualTo(200);
        assertThat(web.get("/account").body()).contains("consent-status");
        JsonNode consents = api.get("/api/v1/account/consents", "Authorization", person.bearer())
                .json();
        assertThat(consents.get("acceptedCurrent").asBoolean()).isTrue();
        assertThat(consents.get("consents")
                        .valueStream()
                        .map(c -> c.get("version").asString()))
                .containsExactly(PrivacyNotice.VERSION, "0.9");
        assertThat(consents.get("consents").get(0).get("how").asString()).isEqualTo("CONSENT_PAGE");
        assertThat(web.post("/account/consent", Map.of("next", "https://elsewhere.example/"), "/account/consent")
                        .location())
                .as("never sent to another site")
                .endsWith("/account");
    }

    @Test
    void thePageAsksForThePasswordAndTheChoiceThenEndsEverySession() {
        Person person = organisers.person();
        var web = new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);
        var elsewhere = new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);
        var form = web.get("/account/delete");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"stories\"").contains("name=\"password\"");
        var unsure = web.post("/account/delete", Map.of("password", AccountFixtures.PASSWORD, "stories", "unpublish"));
        assertThat(unsure.status()).isEqualTo(200);
        assertThat(unsure.body()).contains("Confirm that you understand this cannot be undone.");
        var wrong = web.post(
                "/account/delete",
                Map.of("password", "not my password at all", "stories", "keep", "understood", "true"));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("This is not your current password.");
        assertThat(wrong.body()).doesNotContain("not my password at all");

        var deleted = web.post(
                "/account/delete",
                Map.of("password", AccountFixtures.PASSWORD, "stories", "unpublish", "understood", "true"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.location()).endsWith("/privacy?deleted");
        assertThat(web.get("/privacy?deleted").body()).contains("account-deleted");
        assertThat(web.get("/account").location()).as("signed out here").contains("/login");
        assertThat(elsewhere.get("/account").location()).as("and everywhere").contains("/login");
        assertThat(new WebSession(port)
                        .post("/login", Map.of("username", person.user().email(), "password", AccountFixtures.PASSWORD))
                        .location())
                .contains("error");
    }

    @Test
    void theLastOrganiserOfAnOrganisationHandsItOverFirst() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        var refused = deleteAccount(org.organiser(), AccountFixtures.PASSWORD, false);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/account-last-organiser");
        assertThat(api.get("/api/v1/account", "Authorization", org.organiser().bearer())
                        .status())
                .as("nothing was deleted")
                .isEqualTo(200);
    }

    @Test
    void aPersonDownloadsTheirDataAFewTimesAnHour() {
        Person person = organisers.person();
        for (int i = 0; i < 5; i++) {
            assertThat(download(person, "en").statusCode()).isEqualTo(200);
        }
        var refused = download(person, "en");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("/problems/export-too-frequent");
        assertThat(download(organisers.person(), "en").statusCode())
                .as("the budget is each person's")
                .isEqualTo(200);
    }

    @Test
    void anArchiveOfFiveThousandRecordsIsWrittenInSeconds() {
        Person person = organisers.person();
        var now = OffsetDateTime.now(CST).minusHours(1).withNano(0);
        List<String> behaviours =
                List.of("METRO_INSTEAD_OF_CAR", "BUS_INSTEAD_OF_CAR", "CYCLE_INSTEAD_OF_CAR", "WALK_INSTEAD_OF_CAR");
        // Short trips, so that 170 a day stay within every daily cap: nothing is held for review, where 800 flagged
        // records would fill the reviewers' queue (oldest first) that other tests look into.
        String body = IntStream.range(0, 5_000)
                .mapToObj(i ->
                        """
                        {"key":"perf-%05d","behaviour":"%s","quantity":0.%d,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(i, behaviours.get(i % behaviours.size()), 1 + i % 4, now.minusMinutes(8L * i)))
                .collect(Collectors.joining("\n"));
        var batch = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records:batch"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/x-ndjson"),
                "Authorization",
                person.bearer());
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(count(
                        "select count(*) from activity_record where user_id = :person and status = 'FLAGGED'",
                        person.id()))
                .as("none held for review")
                .isZero();
        long entries = count("select count(*) from ledger_entry where user_id = :person", person.id());
        // Measured once the listeners have counted the credits (points, groups, figures), not while they compete.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(
                                "select count(*) from event_publication where completion_date is null"
                                        + " and strpos(serialized_event, cast(:person as text)) > 0",
                                person.id())
                        == 0);

        long started = System.nanoTime();
        var zip = new ByteArrayOutputStream();
        exports.write(person.id(), Locale.ENGLISH, zip);
        long written = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        var downloaded = download(person, "en");
        long served = (System.nanoTime() - started) / 1_000_000;
        log.info(
                "Data export of a person with 5,000 records and {} ledger entries: {} bytes written in {} ms; "
                        + "downloaded through the API in {} ms",
                entries,
                zip.size(),
                written,
                served);

        var archive = unzip(downloaded.body());
        assertThat(archive.json("records").size()).isEqualTo(5_000);
        assertThat(archive.csv("records")).hasSize(5_001);
        assertThat(archive.json("ledger-entries").size()).isEqualTo((int) entries);
    }
}
