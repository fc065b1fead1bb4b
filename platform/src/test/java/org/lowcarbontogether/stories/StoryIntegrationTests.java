package org.lowcarbontogether.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/** Stories over the API: moderation and visibility, photo checks, and reach counted once per visitor per day. */
@IntegrationTest
class StoryIntegrationTests extends OrganiserScenario {

    static byte[] png(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(46, 125, 50));
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    ApiClient.Response upload(Person author, String story, byte[] bytes, String type) {
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/stories/" + story + "/photos"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .header("Content-Type", type),
                "Authorization",
                author.bearer());
    }

    /** A story posted to a community of the organisation, so that its organisers moderate it. */
    String communityStory(Org org, Person author) {
        String community = api.post(
                        "/api/v1/communities", """
                {"organisationId":"%s","name":"Riders %s","kind":"INTEREST","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID()),
                        "Authorization", org.organiser().bearer())
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", author.bearer());
        var story = api.post("/api/v1/communities/" + community + "/stories", """
                {"title":"A year without a car","body":"We sold the car and rode to work every day; here is how it went."}""", "Authorization", author.bearer());
        assertThat(story.status()).as(story.body()).isEqualTo(201);
        return story.json().get("id").asString();
    }

    @Test
    void anOrganiserDoesNotPublishTheirOwnStory() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String story = communityStory(ngo, ngo.organiser());
        var own = api.post(
                "/api/v1/stories/" + story + "/decision",
                "{\"publish\":true}",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("type").asString()).isEqualTo("/problems/story-own");
        assertThat(api.get(
                                "/api/v1/stories/moderation",
                                "Authorization",
                                ngo.organiser().bearer())
                        .json()
                        .valueStream()
                        .noneMatch(s -> s.get("id").asString().equals(story)))
                .as("not in their own queue")
                .isTrue();

        Person second = organisers.person(Role.ORGANISER);
        organisations.addMember(ngo.id(), second.id(), Organisations.MemberRole.ORGANISER);
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":true}",
                                "Authorization",
                                second.bearer())
                        .status())
                .as("another organiser of the organisation")
                .isEqualTo(200);
    }

    @Test
    void aPhotoOverThePixelBudgetIsRefusedBeforeItIsDecoded() throws IOException {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person author = organisers.person();
        String id = communityStory(ngo, author);
        // 7,000 × 7,000 is 49 megapixels: a few kilobytes as a one-bit PNG, about 200 MB once decoded in colour.
        var image = new BufferedImage(7_000, 7_000, BufferedImage.TYPE_BYTE_BINARY);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        var refused = upload(author, id, out.toByteArray(), "image/png");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).endsWith("photo-pixels");

        var large = new BufferedImage(6_000, 4_000, BufferedImage.TYPE_BYTE_BINARY);
        out.reset();
        ImageIO.write(large, "png", out);
        var accepted = upload(author, id, out.toByteArray(), "image/png");
        assertThat(accepted.status()).as("24 megapixels, decoded subsampled").isEqualTo(200);
        String photo = accepted.json().get("photoIds").get(0).asString();
        byte[] bytes = jdbc.sql("select bytes from story_photo where id = :id")
                .param("id", UUID.fromString(photo))
                .query(byte[].class)
                .single();
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(1_600);
    }

    @Test
    void aStoryIsSeenOnlyByItsAuthorAndModeratorsUntilItsOrganisationPublishesIt() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.NGO);
        Person author = organisers.person();
        String story = communityStory(ngo, author);

        assertThat(api.get("/api/v1/stories/" + story).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/stories/" + story, "Authorization", author.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/stories/moderation",
                                "Authorization",
                                other.organiser().bearer())
                        .json()
                        .valueStream()
                        .noneMatch(s -> s.get("id").asString().equals(story)))
                .isTrue();
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":true}",
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .as("another organisation's organiser")
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":true}",
                                "Authorization",
                                author.bearer())
                        .status())
                .as("the author cannot publish their own story")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":false}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("a rejection needs a reason")
                .isEqualTo(400);

        var published = api.post(
                "/api/v1/stories/" + story + "/decision",
                "{\"publish\":true}",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(published.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/stories/" + story).status()).isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/decision",
                                "{\"publish\":false,\"note\":\"x\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("decided once")
                .isEqualTo(409);
    }

    @Test
    void aStoryWithoutAnOrganisationIsModeratedByThePlatformsReviewers() {
        Person author = organisers.person();
        Person reviewer = organisers.person(Role.REVIEWER);
        var story = api.post("/api/v1/stories", """
                {"title":"Clean plates at home","body":"Our family finished every meal this month."}""", "Authorization", author.bearer());
        String id = story.json().get("id").asString();

        assertThat(api.get("/api/v1/stories/moderation", "Authorization", reviewer.bearer())
                        .json()
                        .valueStream()
                        .anyMatch(s -> s.get("id").asString().equals(id)))
                .isTrue();
        var rejected = api.post(
                "/api/v1/stories/" + id + "/decision",
                "{\"publish\":false,\"note\":\"Please add a photo\"}",
                "Authorization",
                reviewer.bearer());
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(api.get("/api/v1/stories/" + id, "Authorization", author.bearer())
                        .json()
                        .get("moderationNote")
                        .asString())
                .isEqualTo("Please add a photo");
    }

    @Test
    void photosAreCheckedByTheirContentAndStoredReEncodedAndScaledDown() throws IOException {
        Person author = organisers.person();
        String id = api.post("/api/v1/stories", """
                {"title":"My repaired bike","body":"Fixed the brakes myself at the repair café."}""", "Authorization", author.bearer())
                .json()
                .get("id")
                .asString();

        var notAnImage = upload(author, id, "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "image/png");
        assertThat(notAnImage.status()).isEqualTo(422);
        assertThat(notAnImage.json().get("type").asString()).endsWith("photo-type");
        var tooSmall = upload(author, id, png(20, 20), "image/png");
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.json().get("type").asString()).endsWith("photo-dimensions");
        assertThat(upload(organisers.person(), id, png(100, 100), "image/png").status())
                .as("someone else's story")
                .isEqualTo(404);

        byte[] original = png(3000, 2000);
        var accepted = upload(author, id, original, "image/png");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String photo = accepted.json().get("photoIds").get(0).asString();
        var stored = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/stories/" + id + "/photos/" + photo))
                        .GET(),
                "Authorization",
                author.bearer());
        assertThat(stored.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(stored.header("X-Content-Type-Options")).isEqualTo("nosniff");
        byte[] bytes = jdbc.sql("select bytes from story_photo where id = :id")
                .param("id", UUID.fromString(photo))
                .query(byte[].class)
                .single();
        var image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(1067);
        assertThat(api.get("/api/v1/stories/" + id + "/photos/" + photo).status())
                .as("not published yet")
                .isEqualTo(404);
    }

    @Test
    void viewsAndSharesCountOncePerVisitorPerDay() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person author = organisers.person();
        String story = communityStory(ngo, author);
        assertThat(api.post("/api/v1/stories/" + story + "/views", "").status())
                .as("unpublished stories have no reach")
                .isEqualTo(404);
        api.post(
                "/api/v1/stories/" + story + "/decision",
                "{\"publish\":true}",
                "Authorization",
                ngo.organiser().bearer());
        Person reader = organisers.person();

        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "Authorization", reader.bearer())
                        .json()
                        .get("counted")
                        .asBoolean())
                .isTrue();
        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "Authorization", reader.bearer())
                        .json()
                        .get("counted")
                        .asBoolean())
                .isFalse();
        // A browser: the story page gives it a visitor cookie, which counts once it has had the page a few seconds.
        String browser =
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        var page = api.get("/stories/" + story, "User-Agent", browser);
        String cookie = visitorCookie(page);
        assertThat(cookie).startsWith("lct_visitor=");
        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "Cookie", cookie, "User-Agent", browser)
                        .json()
                        .get("counted")
                        .asBoolean())
                .as("straight after the page: a script, not a reader")
                .isFalse();
        sleep(Reach.READING_TIME.plusMillis(300));
        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "Cookie", cookie, "User-Agent", browser)
                        .json()
                        .get("counted")
                        .asBoolean())
                .as("the browser, a few seconds later")
                .isTrue();
        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "Cookie", cookie, "User-Agent", browser)
                        .json()
                        .get("counted")
                        .asBoolean())
                .as("the same browser again the same day")
                .isFalse();
        assertThat(api.post("/api/v1/stories/" + story + "/views", "", "User-Agent", browser)
                        .json()
                        .get("counted")
                        .asBoolean())
                .as("the same address and agent without a cookie")
                .isFalse();
        assertThat(api.post(
                                "/api/v1/stories/" + story + "/views",
                                "",
                                "Cookie",
                                "lct_visitor=" + UUID.randomUUID() + ".1.forged",
                                "User-Agent",
                                browser)
                        .json()
                        .get("counted")
                        .asBoolean())
                .as("a cookie the platform did not sign is no visitor")
                .isFalse();
        assertThat(visitorCookie(api.get("/stories/" + story, "User-Agent", "curl/8.5.0")))
                .as("no cookie for a bot")
                .isNull();
        assertThat(api.post("/api/v1/stories/" + story + "/shares", "", "Authorization", reader.bearer())
                        .json()
                        .get("counted")
                        .asBoolean())
                .isTrue();

        var figures = api.get("/api/v1/stories/" + story).json();
        assertThat(figures.get("views").asLong()).isEqualTo(2);
        assertThat(figures.get("shares").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from story_reach_visit where visitor like '%@%' or visitor like 'u:%'")
                        .query(Long.class)
                        .single())
                .as("visitors are stored hashed only")
                .isZero();
    }

    /** The attack that inflated reach: anonymous API writes, each with a new User-Agent, were each counted. */
    @Test
    void anonymousViewsWithAFreshUserAgentEachTimeAreNotCounted() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String story = communityStory(ngo, organisers.person());
        api.post(
                "/api/v1/stories/" + story + "/decision",
                "{\"publish\":true}",
                "Authorization",
                ngo.organiser().bearer());
        for (int i = 0; i < 25; i++) {
            String agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/" + (100 + i)
                    + ".0 Safari/537.36";
            var view = api.post("/api/v1/stories/" + story + "/views", "", "User-Agent", agent);
            assertThat(view.json().get("counted").asBoolean()).isFalse();
            assertThat(visitorCookie(view))
                    .as("an API call never mints a visitor")
                    .isNull();
            assertThat(api.post("/api/v1/stories/" + story + "/shares", "", "User-Agent", agent)
                            .json()
                            .get("counted")
                            .asBoolean())
                    .isFalse();
        }
        var figures = api.get("/api/v1/stories/" + story).json();
        assertThat(figures.get("views").asLong()).isZero();
        assertThat(figures.get("shares").asLong()).isZero();
    }

    private static @Nullable String visitorCookie(ApiClient.Response response) {
        return response.raw().headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";")[0])
                .filter(c -> c.startsWith("lct_visitor="))
                .findFirst()
                .orElse(null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
