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
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Events over the API: capacity, QR check-in, organiser-verified credit once per attendee, and who may manage them. */
@IntegrationTest
class EventIntegrationTests extends OrganiserScenario {



    String createEvent(Org org, int startsInMinutes, String extra) {
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var created = api.post("/api/v1/events", """
                {"organisationId":"%s","title":"Campus clothes swap","kind":"CLOTHES_SWAP","place":"Library hall",
                 "startsAt":"%s","endsAt":"%s"%s}""".formatted(org.id(), now.plusMinutes(startsInMinutes),
                now.plusMinutes(startsInMinutes + 120), extra), "Authorization", org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    String checkInCode(Org org, String event) {
        var link = api.get("/api/v1/events/" + event + "/check-in-link", "Authorization", org.organiser().bearer()).json();
        return link.get("url").asString().replaceAll(".*code=", "");
    }

    JsonNode attendee(Org org, String event, UUID user) {
        for (var a : api.get("/api/v1/events/" + event + "/attendance", "Authorization", org.organiser().bearer()).json()) {
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

        assertThat(api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", first.bearer()).status()).isEqualTo(204);
        var full = api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", second.bearer());

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("type").asString()).endsWith("event-full");
        assertThat(api.delete("/api/v1/events/" + event + "/registrations/me", "Authorization", first.bearer()).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", second.bearer()).status())
                .as("a cancelled place is free again").isEqualTo(204);
    }

    @Test
    void scanningTheQrCodeChecksInAndCreditsTheBehaviourOnceAsOrganiserVerified() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, -30, ",\"behaviour\":\"DONATE_CLOTHES\",\"quantity\":2,\"unit\":\"kg\"");
        Person attendee = organisers.person();

        var link = api.get("/api/v1/events/" + event + "/check-in-link", "Authorization", ngo.organiser().bearer()).json();
        String url = link.get("url").asString();
        byte[] png = Base64.getDecoder().decode(link.get("qrCode").asString().replace("data:image/png;base64,", ""));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(decoded).as("the QR code carries the check-in link").isEqualTo(url);
        String code = url.replaceAll(".*code=", "");

        assertThat(api.post("/api/v1/events/" + event + "/check-ins", "{\"code\":\"wrong\"}", "Authorization", attendee.bearer())
                .status()).isEqualTo(403);
        var checkedIn = api.post("/api/v1/events/" + event + "/check-ins", "{\"code\":\"" + code + "\"}", "Authorization",
                attendee.bearer());
        assertThat(checkedIn.status()).isEqualTo(200);
        assertThat(checkedIn.json().get("checkedIn").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/events/" + event + "/check-ins", "{\"code\":\"" + code + "\"}", "Authorization",
                attendee.bearer()).json().get("checkedIn").asBoolean()).as("twice is harmless").isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> !attendee(ngo, event, attendee.id()).get("creditStatus").isNull());
        assertThat(attendee(ngo, event, attendee.id()).get("creditStatus").asString()).isEqualTo("CREDITED");
        var records = jdbc.sql("select evidence, channel, external_ref from activity_record where user_id = :u")
                .param("u", attendee.id()).query().listOfRows();
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).containsEntry("evidence", "ORGANISER_VERIFIED").containsEntry("channel", "ORGANISER")
                .containsEntry("external_ref", "event:" + event + ":" + attendee.id());
        assertThat(api.get("/api/v1/events/" + event).json().get("checkedIn").asLong()).isEqualTo(1);
    }

    @Test
    void checkInOpensAnHourBeforeTheStart() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String event = createEvent(ngo, 180, "");
        Person early = organisers.person();

        var refused = api.post("/api/v1/events/" + event + "/check-ins", "{\"code\":\"" + checkInCode(ngo, event) + "\"}",
                "Authorization", early.bearer());

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

        assertThat(api.post("/api/v1/events/" + event + "/check-ins/by-organiser", body, "Authorization", other.organiser().bearer())
                .status()).isEqualTo(403);
        assertThat(api.post("/api/v1/events/" + event + "/check-ins/by-organiser", body, "Authorization", attendee.bearer())
                .status()).isEqualTo(403);
        var unregistered = api.post("/api/v1/events/" + event + "/check-ins/by-organiser", body, "Authorization",
                ngo.organiser().bearer());
        assertThat(unregistered.status()).as("neither registered nor a member").isEqualTo(422);
        assertThat(api.post("/api/v1/events/" + event + "/check-ins/by-organiser", "{\"email\":\"" + ngo.organiser().user().email()
                + "\"}", "Authorization", ngo.organiser().bearer()).status()).as("not oneself").isEqualTo(409);
        api.post("/api/v1/events/" + event + "/registrations", "", "Authorization", attendee.bearer());
        assertThat(api.post("/api/v1/events/" + event + "/check-ins/by-organiser", body, "Authorization", ngo.organiser().bearer())
                .json().get("checkedIn").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/events/" + event + "/check-ins/by-organiser", "{\"email\":\"nobody@example.org\"}",
                "Authorization", ngo.organiser().bearer()).status()).isEqualTo(422);
    }

    @Test
    void anEventWhoseBehaviourCannotBeCreditedIsRefusedUpFront() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var refused = api.post("/api/v1/events", """
                {"organisationId":"%s","title":"Repair café","kind":"REPAIR_CAFE","startsAt":"%s","endsAt":"%s",
                 "onlineUrl":"javascript:alert(1)","behaviour":"EV_INSTEAD_OF_PETROL_CAR","quantity":10,"unit":"km"}"""
                .formatted(ngo.id(), now.plusDays(1), now.plusDays(1).minusHours(1)), "Authorization", ngo.organiser().bearer());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("endsAt", "onlineUrl", "parameters");
    }
}
