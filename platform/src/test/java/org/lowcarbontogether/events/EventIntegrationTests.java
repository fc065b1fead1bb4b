package org.lowcarbontogether.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import tools.jackson.databind.JsonNode;

/** Events over the API: capacity, QR check-in, organiser-verified credit once per attendee, and who may manage them. */
@IntegrationTest
class EventIntegrationTests extends OrganiserScenario {

    String createEvent(Org org, int startsInMinutes, String extra) {
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var created = api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"Campus clothes swap","kind":"CLOTHES_SWAP","place":"Library hall",
                 "startsAt":"%s","endsAt":"%s"%s}""".formatted(
                        org.id(), now.plusMinutes(startsInMinutes), now.plusMinutes(startsInMinutes + 120), extra),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    String checkInCode(Org org, String event) {
        var link = api.get(
                        "/api/v1/events/" + event + "/check-in-link",
                        "Authorization",
                        org.organiser().bearer())
                .json();
        return link.get("url").asString().replaceAll(".*code=", "");
    }

    JsonNode attendee(Org org, String event, UUID user) {
        for (var a : api.get(
                        "/api/v1/events/" + event + "/attendance",
                        "Authorization",
                        org.organiser().bearer())
                .json()) {
            if (a.get("userId").asString().equals(user.toString())) {
                return a;
            }
        }
        throw new AssertionError("not on the attendance list");
    }

    @Test
    void theLastPlaceGoesToOnePersonOnly() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, 60 * 24, ",\"capacity\":1");
        Person first = organisers.person();
        Person second = organisers.person();

        assertThat(api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", first.bearer())
                        .status())
                .isEqualTo(204);
        var full = api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", second.bearer());

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("type").asString()).endsWith("event-full");
        assertThat(api.delete("/api/v1/events/" + event + "/registrations/me", "Authorization", first.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", second.bearer())
                        .status())
                .as("a cancelled place is free again")
                .isEqualTo(204);
    }

    @Test
    void theRotatingScreenCodeChecksARegisteredAttendeeInAndCreditsOnceAsOrganiserVerified() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, -30, ",\"behaviour\":\"DONATE_CLOTHES\",\"quantity\":2,\"unit\":\"kg\"");
        Person attendee = organisers.person();
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", attendee.bearer());

        var screen = api.get(
                        "/api/v1/events/" + event + "/screen-code",
                        "Authorization",
                        ngo.organiser().bearer())
                .json();
        String url = screen.get("url").asString();
        assertThat(decode(screen.get("qrCode").asString()))
                .as("the QR code carries the check-in link")
                .isEqualTo(url);
        assertThat(api.get("/api/v1/events/" + event + "/screen-code", "Authorization", attendee.bearer())
                        .status())
                .as("only organisers see the screen code")
                .isEqualTo(403);
        String code = url.replaceAll(".*code=", "");

        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins",
                                "{\"code\":\"wrong\"}",
                                "Authorization",
                                attendee.bearer())
                        .status())
                .isEqualTo(403);
        var checkedIn = api.post(
                "/api/v1/events/" + event + "/check-ins",
                "{\"code\":\"" + code + "\"}",
                "Authorization",
                attendee.bearer());
        assertThat(checkedIn.status()).isEqualTo(200);
        assertThat(checkedIn.json().get("outcome").asString()).isEqualTo("CHECKED_IN");
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins",
                                "{\"code\":\"" + code + "\"}",
                                "Authorization",
                                attendee.bearer())
                        .json()
                        .get("outcome")
                        .asString())
                .as("twice is harmless")
                .isEqualTo("ALREADY_CHECKED_IN");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !attendee(ngo, event, attendee.id()).get("creditStatus").isNull());
        assertThat(attendee(ngo, event, attendee.id()).get("creditStatus").asString())
                .isEqualTo("CREDITED");
        var records = jdbc.sql("select evidence, channel, external_ref from activity_record where user_id = :u")
                .param("u", attendee.id())
                .query()
                .listOfRows();
        assertThat(records).hasSize(1);
        assertThat(records.get(0))
                .containsEntry("evidence", "ORGANISER_VERIFIED")
                .containsEntry("channel", "ORGANISER")
                .containsEntry("external_ref", "event:" + event + ":" + attendee.id());
        assertThat(api.get("/api/v1/events/" + event).json().get("checkedIn").asLong())
                .isEqualTo(1);
    }

    @Test
    void aPersonalCodeScannedByTheOrganiserChecksInItsRegistrantOnly() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, -30, ",\"behaviour\":\"DONATE_CLOTHES\",\"quantity\":2,\"unit\":\"kg\"");
        Person attendee = organisers.person();
        Person friend = organisers.person();
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", attendee.bearer());

        var personal = api.get("/api/v1/events/" + event + "/registrations/me/code", "Authorization", attendee.bearer())
                .json();
        assertThat(decode(personal.get("qrCode").asString()))
                .isEqualTo(personal.get("url").asString());
        String code = personal.get("code").asString();
        assertThat(api.get("/api/v1/events/" + event + "/registrations/me/code", "Authorization", friend.bearer())
                        .status())
                .as("no code without a registration")
                .isEqualTo(404);
        String body = "{\"code\":\"" + code + "\"}";
        assertThat(api.post("/api/v1/events/" + event + "/check-ins", body, "Authorization", friend.bearer())
                        .status())
                .as("a personal code is not a check-in code for anyone else")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-personal-code",
                                body,
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .as("another organisation's organiser")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-personal-code",
                                body,
                                "Authorization",
                                ngo.organiser().bearer())
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("CHECKED_IN");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !attendee(ngo, event, attendee.id()).get("creditStatus").isNull());
        assertThat(attendee(ngo, event, attendee.id()).get("creditStatus").asString())
                .isEqualTo("CREDITED");
        assertThat(jdbc.sql("select entered_by from activity_record where user_id = :u")
                        .param("u", attendee.id())
                        .query(UUID.class)
                        .single())
                .as("the organiser who vouched is recorded")
                .isEqualTo(ngo.organiser().id());
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :u")
                        .param("u", friend.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** The attack that succeeded: someone who never registered posted the poster's code from elsewhere and was credited. */
    @Test
    void thePostersCodeFromElsewhereCreditsNobodyWithoutTheOrganiser() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, -30, ",\"behaviour\":\"DONATE_CLOTHES\",\"quantity\":2,\"unit\":\"kg\"");
        String body = "{\"code\":\"" + checkInCode(ngo, event) + "\"}";
        Person stranger = organisers.person();
        Person registered = organisers.person();
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", registered.bearer());

        var walkIn = api.post("/api/v1/events/" + event + "/check-ins", body, "Authorization", stranger.bearer());
        assertThat(walkIn.status()).isEqualTo(409);
        assertThat(walkIn.json().get("type").asString()).endsWith("event-walk-in-needs-organiser");
        var poster = api.post("/api/v1/events/" + event + "/check-ins", body, "Authorization", registered.bearer())
                .json();
        assertThat(poster.get("outcome").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(poster.get("checkedIn").asBoolean()).isFalse();
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins",
                                body,
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("organisers do not vouch for themselves")
                .isEqualTo(409);

        sleep(Duration.ofMillis(500));
        assertThat(jdbc.sql("select count(*) from activity_record where user_id in (:a, :b)")
                        .param("a", stranger.id())
                        .param("b", registered.id())
                        .query(Long.class)
                        .single())
                .as("nothing credited yet")
                .isZero();
        assertThat(api.get("/api/v1/events/" + event).json().get("checkedIn").asLong())
                .isZero();

        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/confirmations",
                                "{\"userId\":\"" + registered.id() + "\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .json()
                        .get("confirmed")
                        .asInt())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !attendee(ngo, event, registered.id())
                        .get("creditStatus")
                        .isNull());
        assertThat(attendee(ngo, event, registered.id()).get("creditStatus").asString())
                .isEqualTo("CREDITED");
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :a")
                        .param("a", stranger.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static String decode(String dataUri) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUri.replace("data:image/png;base64,", ""));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new MultiFormatReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void checkInOpensAnHourBeforeTheStart() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, 180, "");
        Person early = organisers.person();

        var refused = api.post(
                "/api/v1/events/" + event + "/check-ins",
                "{\"code\":\"" + checkInCode(ngo, event) + "\"}",
                "Authorization",
                early.bearer());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("event-check-in-closed");
    }

    @Test
    void anOrganiserChecksInByEmailOnlyAtTheirOwnOrganisationsEvents() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.EMPLOYER);
        String event = createEvent(ngo, -10, "");
        Person attendee = organisers.person();
        String body = "{\"email\":\"" + attendee.user().email() + "\"}";

        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-organiser",
                                body,
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-organiser",
                                body,
                                "Authorization",
                                attendee.bearer())
                        .status())
                .isEqualTo(403);
        var unregistered = api.post(
                "/api/v1/events/" + event + "/check-ins/by-organiser",
                body,
                "Authorization",
                ngo.organiser().bearer());
        assertThat(unregistered.status()).as("neither registered nor a member").isEqualTo(422);
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-organiser",
                                "{\"email\":\"" + ngo.organiser().user().email() + "\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .as("not oneself")
                .isEqualTo(409);
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", attendee.bearer());
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-organiser",
                                body,
                                "Authorization",
                                ngo.organiser().bearer())
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("CHECKED_IN");
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/by-organiser",
                                "{\"email\":\"nobody@example.org\"}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(422);
    }

    @Test
    void anEventWhoseBehaviourCannotBeCreditedIsRefusedUpFront() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var refused = api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"Repair café","kind":"REPAIR_CAFE","startsAt":"%s","endsAt":"%s",
                 "onlineUrl":"javascript:alert(1)","behaviour":"EV_INSTEAD_OF_PETROL_CAR","quantity":10,"unit":"km"}""".formatted(ngo.id(), now.plusDays(1), now.plusDays(1).minusHours(1)),
                "Authorization",
                ngo.organiser().bearer());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("endsAt", "onlineUrl", "behaviour");
    }
}
