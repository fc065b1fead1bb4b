package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.recording.BatchResult;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People under 14 and their guardian's consent, end to end with the mail read from the SMTP server: registering names
 * a guardian (not oneself), the guardian is mailed in the person's language, every record door refuses the person's
 * records (403 {@code guardian-consent-required}) until the guardian consents, the link works once and not after it
 * expires, a refusal deletes the account, and clients that say nothing register someone 14 or older as before.
 */
@IntegrationTest
class GuardianConsentIntegrationTests extends OrganiserScenario {

    @Autowired
    Recording recording;

    /** A person who registered through the API as under 14, their token and their guardian's address. */
    record Child(UUID id, String email, String name, String token, String guardian) {
        String bearer() {
            return ApiClient.bearer(token);
        }
    }

    Child registerChild(String language) {
        String email = "child-" + UUID.randomUUID() + "@example.org";
        String guardian = "guardian-" + UUID.randomUUID() + "@example.org";
        String name = "Xiaoming " + UUID.randomUUID().toString().substring(0, 4);
        var registered = api.post(
                "/api/v1/users",
                """
                {"email":"%s","password":"%s","displayName":"%s","under14":true,"guardianEmail":"%s"}""".formatted(email, AccountFixtures.PASSWORD, name, guardian),
                "Accept-Language",
                language);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("guardianConsentPending").asBoolean()).isTrue();
        return new Child(
                UUID.fromString(registered.json().get("id").asString()),
                email,
                name,
                api.token(email, AccountFixtures.PASSWORD),
                guardian);
    }

    static String at() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(1)
                .withNano(0)
                .toString();
    }

    static String walk() {
        return """
                {"behaviour":"WALK_INSTEAD_OF_CAR","quantity":2,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(at());
    }

    ApiClient.Response record(String bearer, String key) {
        return api.post("/api/v1/records", walk(), "Authorization", bearer, "Idempotency-Key", key);
    }

    ApiClient.Response batch(String bearer) {
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records:batch"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                walk().replace("{", "{\"key\":\"batch-" + UUID.randomUUID() + "\","),
                                StandardCharsets.UTF_8)),
                "Authorization",
                bearer);
    }

    static void assertGuardianRequired(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/guardian-consent-required");
    }

    /** One kind of the person's data export, as JSON text. */
    String exported(Child child, String kind) {
        try {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account/export"))
                                    .header("Authorization", child.bearer())
                                    .GET()
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().equals(kind + ".json")) {
                        return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            throw new AssertionError("No " + kind + ".json in the export");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long ledgerEntries(UUID person) {
        return jdbc.sql("select count(*) from ledger_entry where user_id = :u")
                .param("u", person)
                .query(Long.class)
                .single();
    }

    @Test
    void underFourteenNeedsAGuardiansAddressThatIsNotTheirOwn() {
        String email = "young-" + UUID.randomUUID() + "@example.org";
        var missing = api.post("/api/v1/users", """
                {"email":"%s","password":"%s","displayName":"Young","under14":true}""".formatted(email, AccountFixtures.PASSWORD));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("guardianEmail");
        assertThat(missing.json().get("errors").get(0).get("message").asString())
                .contains("parent’s or guardian’s email address");

        var own = api.post("/api/v1/users", """
                {"email":"%s","password":"%s","displayName":"Young","under14":true,"guardianEmail":"%s"}""".formatted(
                        email, AccountFixtures.PASSWORD, email.toUpperCase(java.util.Locale.ROOT)));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().get("errors").get(0).get("field").asString()).isEqualTo("guardianEmail");
        assertThat(own.json().get("errors").get(0).get("message").asString()).contains("not yours");
        assertThat(registration.isRegistered(email)).as("nothing was created").isFalse();

        var page = new WebSession(port)
                .post(
                        "/register",
                        Map.of(
                                "email",
                                email,
                                "displayName",
                                "Young",
                                "password",
                                AccountFixtures.PASSWORD,
                                "guardianEmail",
                                ""),
                        "/register");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"age-error\"").contains("Choose whether you are 14 or older");
        var pageUnder14 = new WebSession(port)
                .post(
                        "/register",
                        Map.of(
                                "email",
                                email,
                                "displayName",
                                "Young",
                                "password",
                                AccountFixtures.PASSWORD,
                                "age",
                                "under-14",
                                "guardianEmail",
                                email),
                        "/register");
        assertThat(pageUnder14.body()).contains("not yours");
        assertThat(registration.isRegistered(email)).isFalse();
    }

    @Test
    void clientsThatSayNothingRegisterSomeoneFourteenOrOlder() {
        String email = "adult-" + UUID.randomUUID() + "@example.org";
        var registered = api.post(
                "/api/v1/users",
                "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Adult\"}"
                        .formatted(email, AccountFixtures.PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("guardianConsentPending").asBoolean()).isFalse();
        String bearer = ApiClient.bearer(api.token(email, AccountFixtures.PASSWORD));
        assertThat(record(bearer, UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/account/guardian-consent", "Authorization", bearer)
                        .json()
                        .get("pending")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void theGuardianIsAskedInThePersonsLanguageAndNothingIsRecordedUntilTheyConsent() {
        Child child = registerChild("zh-CN");
        var mail = TestMail.await(child.guardian(), "低碳同行");
        assertThat(mail.subject()).contains(child.name());
        assertThat(mail.text()).contains("未满十四周岁").contains("7 天内有效").contains("/privacy");
        assertThat(mail.html()).contains("同意或拒绝");
        String link = mail.token("/guardian/consent");

        String key = UUID.randomUUID().toString();
        assertGuardianRequired(record(child.bearer(), key));
        assertGuardianRequired(batch(child.bearer()));
        var status = api.get("/api/v1/account/guardian-consent", "Authorization", child.bearer());
        assertThat(status.json().get("pending").asBoolean()).isTrue();
        assertThat(status.json().get("guardianEmail").asString()).isEqualTo(child.guardian());

        var session = new WebSession(port).signIn(child.email(), AccountFixtures.PASSWORD);
        assertThat(session.get("/account").body())
                .contains("id=\"guardian-pending\"")
                .contains(child.guardian());
        assertThat(session.get("/record").body()).contains("id=\"guardian-required\"");
        assertThat(ledgerEntries(child.id())).isZero();

        var guardian = new WebSession(port);
        var opened = guardian.get("/guardian/consent?token=" + link, "zh-CN");
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body())
                .contains(child.name())
                .contains("id=\"guardian-consent\"")
                .contains("id=\"guardian-refuse\"")
                .contains("href=\"/privacy\"");
        assertThat(guardian.get("/guardian/consent?token=" + link).body())
                .as("opening the link decides nothing")
                .contains("id=\"guardian-form\"");

        var consented = guardian.post(
                "/guardian/consent", Map.of("token", link, "decision", "consent"), "/guardian/consent?token=" + link);
        assertThat(consented.body()).contains("id=\"guardian-done\"").contains("can now record");
        assertThat(jdbc.sql(
                                "select guardian_email from consent where user_id = :u and kind = 'GUARDIAN' and how = 'GUARDIAN_EMAIL'")
                        .param("u", child.id())
                        .query(String.class)
                        .single())
                .isEqualTo(child.guardian());
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = :u and action = 'guardian-consented'")
                        .param("u", child.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        var credited = record(child.bearer(), key);
        assertThat(credited.status())
                .as("the same key, refused before, now records")
                .isEqualTo(201);
        assertThat(credited.json().get("status").asString()).isEqualTo("CREDITED");
        assertThat(ledgerEntries(child.id())).isEqualTo(1);
        assertThat(session.get("/account").body()).doesNotContain("id=\"guardian-pending\"");

        var again = guardian.post(
                "/guardian/consent", Map.of("token", link, "decision", "refuse"), "/guardian/consent?token=" + link);
        assertThat(again.body()).contains("id=\"guardian-problem\"").contains("used already");
        assertThat(guardian.get("/guardian/consent?token=" + link).body()).contains("used already");
        assertThat(registration.isRegistered(child.email()))
                .as("a used link refuses nothing")
                .isTrue();
    }

    @Test
    void anOrganisersSheetAndCheckInsRecordNothingForSomeoneWaitingForTheirGuardian() throws Exception {
        Child child = registerChild("en");
        Org org = organisers.organisation(Organisations.Kind.NGO);
        organisations.addMember(org.id(), child.id(), Organisations.MemberRole.MEMBER);
        String sheet = "email,key,behaviour,quantity,unit,occurred_at,region\n" + child.email() + ",sheet-"
                + UUID.randomUUID() + ",DONATE_CLOTHES,2,kg," + at() + ",CN-GD\n";

        BatchResult result = recording.ingestOrganiserSheet(org.organiser().user(), org.id(), new StringReader(sheet));
        assertThat(result.results()).extracting(BatchResult.RowResult::status).containsExactly("INVALID");
        assertThat(result.results().getFirst().errors().getFirst().message()).contains("has not consented");

        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var event = api.post(
                "/api/v1/events",
                """
                {"organisationId":"%s","title":"Clothes swap","kind":"CLOTHES_SWAP","place":"Hall",
                 "startsAt":"%s","endsAt":"%s"}""".formatted(org.id(), now.minusMinutes(10), now.plusMinutes(110)),
                "Authorization",
                org.organiser().bearer());
        assertThat(event.status()).as(event.body()).isEqualTo(201);
        var checkIn = api.post(
                "/api/v1/events/" + event.json().get("id").asString() + "/check-ins/by-organiser",
                "{\"email\":\"" + child.email() + "\"}",
                "Authorization",
                org.organiser().bearer());
        assertGuardianRequired(checkIn);
        assertThat(jdbc.sql("select count(*) from event_registration where user_id = :u and checked_in_at is not null")
                        .param("u", child.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThatThrownBy(() -> recording.submitInTransaction(
                        child.id(),
                        "listener-" + UUID.randomUUID(),
                        new org.lowcarbontogether.recording.RecordSubmission(
                                "WALK_INSTEAD_OF_CAR",
                                java.math.BigDecimal.ONE,
                                "km",
                                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1),
                                "CN-GD",
                                null,
                                null),
                        Recording.Channel.WEB))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.code()).isEqualTo("guardian-consent-required"));
        assertThat(ledgerEntries(child.id())).isZero();
    }

    @Test
    void anExpiredLinkSaysSoAndARefusalDeletesTheAccount() {
        Child child = registerChild("en");
        String first = TestMail.await(child.guardian(), "Your consent for").token("/guardian/consent");
        jdbc.sql("update account_link set expires_at = now() - interval '1 minute' where token_hash = :hash")
                .param("hash", Hashes.sha256(first))
                .update();
        var expired = new WebSession(port).get("/guardian/consent?token=" + first);
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.body()).contains("id=\"guardian-problem\"").contains("This link has expired");

        var resent = api.post("/api/v1/account/guardian-consent/resend", "{}", "Authorization", child.bearer());
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        var mails = TestMail.await(child.guardian(), "Your consent for", 2);
        String second = mails.get(1).token("/guardian/consent");
        assertThat(second).isNotEqualTo(first);

        var guardian = new WebSession(port);
        var refused = guardian.post(
                "/guardian/consent",
                Map.of("token", second, "decision", "refuse"),
                "/guardian/consent?token=" + second);
        assertThat(refused.body()).contains("id=\"guardian-done\"").contains("has been deleted");
        assertThat(registration.isRegistered(child.email())).isFalse();
        assertThat(jdbc.sql("select deleted_at is not null from app_user where id = :u")
                        .param("u", child.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from guardian_consent_request where user_id = :u")
                        .param("u", child.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = :u and action = 'guardian-refused'")
                        .param("u", child.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/account", "Authorization", child.bearer()).status())
                .as("the account's tokens went with it")
                .isEqualTo(401);
    }

    @Test
    void thePendingRequestAndTheGuardiansConsentAreThePersonsDataAndGoWithTheAccount() {
        Child child = registerChild("en");
        String link = TestMail.await(child.guardian(), "Your consent for").token("/guardian/consent");
        assertThat(exported(child, "guardian-consent-requests")).contains(child.guardian());

        new WebSession(port)
                .post(
                        "/guardian/consent",
                        Map.of("token", link, "decision", "consent"),
                        "/guardian/consent?token=" + link);
        assertThat(exported(child, "guardian-consents"))
                .contains(child.guardian())
                .contains("GUARDIAN_EMAIL");
        assertThat(exported(child, "guardian-consent-requests")).doesNotContain(child.guardian());

        var deleted = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/account"))
                        .header("Content-Type", "application/json")
                        .method(
                                "DELETE",
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"password\":\"" + AccountFixtures.PASSWORD + "\"}")),
                "Authorization",
                child.bearer());
        assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
        assertThat(jdbc.sql(
                                "select count(*) from consent where user_id = :u and kind = 'GUARDIAN' and guardian_email is null")
                        .param("u", child.id())
                        .query(Long.class)
                        .single())
                .as("the consent stays as the record of what was agreed, without the guardian's address")
                .isEqualTo(1);
    }
}
