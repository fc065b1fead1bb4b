package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.lowcarbontogether.ApiClient.bearer;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Partners' credentials and activities over HTTP: client-credentials tokens and secret rotation, scopes, namespaced
 * references, cross-partner claim keys, the sandbox, revoked links and suspended partners.
 */
@IntegrationTest
@RecordApplicationEvents
class PartnerActivitiesIntegrationTests extends PartnerScenario {

    @Autowired
    ApplicationEvents events;

    @Autowired
    PartnerActivities activities;

    @Autowired
    RecordReview review;

    @Autowired
    org.lowcarbontogether.webhooks.Webhooks webhooks;

    AuthenticatedUser person;
    String subject;

    @BeforeEach
    void setUp() {
        onboard("Green Eats");
        person = person();
        subject = linked(person, "orders", "rides");
    }

    ApiClient.Response send(String token, String json) {
        return api.post("/api/v1/partner/activities", json, "Authorization", bearer(token));
    }

    ApiClient.Response bulk(String token, String body, String contentType) {
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/partner/activities/bulk"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                "Authorization",
                bearer(token));
    }

    long balance(UUID userId) {
        return jdbc.sql("select coalesce(sum(grams), 0) from ledger_entry where user_id = :id")
                .param("id", userId)
                .query(Long.class)
                .single();
    }

    @Test
    void aClientCredentialsTokenIsIssuedForTheRightSecretOnly() {
        var issued = PartnerFixtures.token(api, live.clientId(), live.secret(), "activities.write");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().get("scope").asString()).isEqualTo("activities.write");

        assertThat(PartnerFixtures.token(api, live.clientId(), live.secret() + "x", "activities.write")
                        .status())
                .isEqualTo(401);
        // A scope the partner does not hold is not granted.
        assertThat(PartnerFixtures.token(api, live.clientId(), live.secret(), "organise")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRotatedSecretOverlapsWithThePreviousUntilTheOverlapEnds() {
        var rotated = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
        assertThat(rotated.clientId()).isEqualTo(live.clientId());
        assertThat(rotated.previousValidUntil()).isNotNull();
        assertThat(rotated.secret()).isNotEqualTo(live.secret());

        // Both work during the overlap, so the partner deploys the new one without downtime.
        assertThat(PartnerFixtures.token(api, live.clientId(), live.secret(), "activities.write")
                        .status())
                .isEqualTo(200);
        assertThat(PartnerFixtures.token(api, live.clientId(), rotated.secret(), "activities.write")
                        .status())
                .isEqualTo(200);

        partners.endPreviousSecret(officer, partner.id(), Partners.Mode.LIVE);
        assertThat(PartnerFixtures.token(api, live.clientId(), live.secret(), "activities.write")
                        .status())
                .isEqualTo(401);
        assertThat(PartnerFixtures.token(api, live.clientId(), rotated.secret(), "activities.write")
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("""
                                select count(*) from audit_entry
                                where target_id = :id and action in ('partner-secret-rotated', 'partner-previous-secret-ended')""").param("id", partner.id()).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void anActivityIsCreditedAsPartnerVerifiedOnceByReference() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String reference = "order-" + UUID.randomUUID();
        var first = send(token, PartnerFixtures.order(subject, reference));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("outcome").asString()).isEqualTo("CREDITED");
        assertThat(first.json().get("reductionGrams").asLong()).isPositive();
        assertThat(jdbc.sql("select evidence, channel, external_ref from activity_record where id = :id")
                        .param(
                                "id",
                                UUID.fromString(first.json().get("recordId").asString()))
                        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .single())
                .containsExactly("PARTNER_VERIFIED", "PARTNER", "partner:" + partner.id() + ":" + reference);

        // A replay is answered the same, and credits nothing more.
        long balance = balance(person.id());
        var again = send(token, PartnerFixtures.order(subject, reference));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("recordId").asString())
                .isEqualTo(first.json().get("recordId").asString());
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(balance(person.id())).isEqualTo(balance);

        // Each decision is published once, for the webhooks to tell the partner (the service on this thread, which
        // is the door a message consumer uses too); a replay publishes nothing.
        var caller = activities.caller(live.clientId());
        String direct = "order-" + UUID.randomUUID();
        var activity = new PartnerActivities.Activity(
                subject,
                "orders",
                "NO_DISPOSABLE_CUTLERY",
                BigDecimal.ONE,
                "order",
                OffsetDateTime.now().minusHours(1),
                null,
                null,
                null,
                direct,
                null,
                null);
        var answer = activities.receive(caller, activity);
        assertThat(activities.receive(caller, activity).replayed()).isTrue();
        assertThat(events.stream(PartnerActivitiesDecided.class)
                        .flatMap(e -> e.decisions().stream())
                        .filter(e -> e.reference().equals(direct)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.partnerId()).isEqualTo(partner.id());
                    assertThat(e.mode()).isEqualTo("LIVE");
                    assertThat(e.outcome()).isEqualTo(answer.outcome().name());
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.recordId()).isEqualTo(answer.recordId());
                    assertThat(e.reductionGrams()).isEqualTo(answer.reductionGrams());
                    assertThat(e.methodologyVersion()).isNotBlank();
                });
    }

    @Test
    void aReplayIsAnsweredAsTheRecordStandsAndAReferenceReusedForAnotherActivityIsRefused() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String reference = "order-" + UUID.randomUUID();
        var first = send(token, PartnerFixtures.order(subject, reference));
        assertThat(first.status()).isEqualTo(201);
        UUID record = UUID.fromString(first.json().get("recordId").asString());
        // No receipt is kept under an idempotency key: the reference's claim and the partner's decision answer replays.
        assertThat(jdbc.sql("select count(*) from idempotency_key where scope = :scope")
                        .param("scope", "partner:" + partner.id() + "/activities")
                        .query(Long.class)
                        .single())
                .isZero();
        long balance = balance(person.id());

        // The same reference carrying another activity (another quantity), or for another person: refused, nothing
        // credited, the first decision kept.
        var changed =
                send(token, PartnerFixtures.order(subject, reference).replace("\"quantity\":1", "\"quantity\":2"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.json().get("type").asString()).isEqualTo("/problems/reference-reused");
        String other = linked(person(), "orders");
        var elsewhere = send(token, PartnerFixtures.order(other, reference));
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.json().get("type").asString()).isEqualTo("/problems/reference-reused");
        assertThat(balance(person.id())).isEqualTo(balance);
        assertThat(outcome(reference)).isEqualTo("CREDITED");

        // Once reversed, a replay says so.
        review.reverse(person, person.id(), record, "ordered twice");
        await().atMost(Duration.ofSeconds(20)).until(() -> outcome(reference).equals("REVERSED"));
        var afterReversal = send(token, PartnerFixtures.order(subject, reference));
        assertThat(afterReversal.status()).isEqualTo(200);
        assertThat(afterReversal.json().get("outcome").asString()).isEqualTo("REVERSED");
        assertThat(afterReversal.json().get("replayed").asBoolean()).isTrue();
        assertThat(afterReversal.json().get("recordId").asString()).isEqualTo(record.toString());
    }

    @Test
    void anActivityRecordedWhoseAnswerNeverReachedTheLogIsAnsweredFromItsRecordAndLoggedOnce() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String reference = "order-" + UUID.randomUUID();
        var first = send(token, PartnerFixtures.order(subject, reference));
        assertThat(first.status()).isEqualTo(201);
        long balance = balance(person.id());
        forgetDecision(reference);

        var again = send(token, PartnerFixtures.order(subject, reference));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("outcome").asString()).isEqualTo("CREDITED");
        assertThat(again.json().get("recordId").asString())
                .isEqualTo(first.json().get("recordId").asString());
        assertThat(again.json().get("reductionGrams").asLong())
                .isEqualTo(first.json().get("reductionGrams").asLong());
        assertThat(balance(person.id())).isEqualTo(balance);
        assertThat(outcome(reference)).isEqualTo("CREDITED");

        // In bulk too, and a second row of the same reference in the upload follows the first; one with another
        // activity under it is refused.
        String bulkReference = "order-" + UUID.randomUUID();
        // (A second order the same day is held for a reviewer by the plausibility rules.)
        var recorded = send(token, PartnerFixtures.order(subject, bulkReference));
        assertThat(recorded.json().get("outcome").asString()).isEqualTo("HELD");
        long credited = balance(person.id());
        forgetDecision(bulkReference);
        String line = PartnerFixtures.order(subject, bulkReference).replace("\n", "");
        var results = activities
                .receiveJsonLines(
                        activities.caller(live.clientId()),
                        String.join("\n", line, line, line.replace("\"quantity\":1", "\"quantity\":3")))
                .results();
        assertThat(results)
                .extracting(PartnerActivities.RowResult::outcome)
                .containsExactly(
                        PartnerActivities.Outcome.HELD,
                        PartnerActivities.Outcome.HELD,
                        PartnerActivities.Outcome.REFUSED);
        assertThat(results.get(0).recordId().toString())
                .isEqualTo(recorded.json().get("recordId").asString());
        assertThat(results.get(1).recordId()).isEqualTo(results.get(0).recordId());
        assertThat(results.get(2).problem()).isEqualTo("reference-reused");
        assertThat(outcome(bulkReference)).isEqualTo("HELD");
        assertThat(balance(person.id())).isEqualTo(credited);
    }

    @Test
    void aParticipantsOwnReferenceNeverBlocksThePartnersAndCannotTakeItsNamespace() {
        String participant = api.newParticipantToken();
        String reference = "order-B1-" + UUID.randomUUID();
        String selfReported =
                "{\"behaviour\":\"NO_DISPOSABLE_CUTLERY\",\"quantity\":1,\"unit\":\"order\",\"occurredAt\":\""
                        + PartnerFixtures.at(1) + "\",\"externalRef\":\"%s\"}";
        var claimed = api.post(
                "/api/v1/records",
                selfReported.formatted(reference),
                "Authorization",
                bearer(participant),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(claimed.status()).isEqualTo(201);
        var squatting = api.post(
                "/api/v1/records",
                selfReported.formatted("partner:" + partner.id() + ":" + reference),
                "Authorization",
                bearer(participant),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(squatting.status()).isEqualTo(422);
        assertThat(squatting.json().get("errors").get(0).get("field").asString())
                .isEqualTo("externalRef");
        assertThat(squatting.body()).contains("made by the platform for partners");

        var partners = send(
                PartnerFixtures.accessToken(api, live, "activities.write"), PartnerFixtures.order(subject, reference));
        assertThat(partners.status()).isEqualTo(201);
        assertThat(partners.json().get("outcome").asString()).isEqualTo("CREDITED");
    }

    @Test
    void theSameRideFromTwoPartnersIsCreditedOnceAndTheSecondToldOfTheFirst() {
        var mapApp = PartnerFixtures.onboard(partners, organisations, officer, "Map App");
        var mapCredentials = partners.issueCredentials(officer, mapApp.id(), Partners.Mode.LIVE);
        String mapSubject = links.approve(
                        person.id(), person.email(), mapCredentials.clientId(), List.of("scenario.rides"))
                .subject();
        String claimKey = "ride:citybike:" + UUID.randomUUID();

        var first = send(
                PartnerFixtures.accessToken(api, live, "activities.write"),
                PartnerFixtures.ride(subject, "trip-1", claimKey));
        assertThat(first.status()).isEqualTo(201);
        long balance = balance(person.id());

        var second = send(
                PartnerFixtures.accessToken(api, mapCredentials, "activities.write"),
                PartnerFixtures.ride(mapSubject, "map-trip-9", claimKey));
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().get("type").asString()).isEqualTo("/problems/already-claimed");
        var firstClaim = second.json().get("firstClaim");
        assertThat(firstClaim.get("partner").asString()).isEqualTo(partner.id().toString());
        assertThat(firstClaim.get("channel").asString()).isEqualTo("PARTNER");
        assertThat(firstClaim.get("outcome").asString()).isEqualTo("CREDITED");
        assertThat(firstClaim.has("claimedAt")).isTrue();
        assertThat(balance(person.id())).isEqualTo(balance);
    }

    @Test
    void scopesBehavioursAndScenariosAreEnforced() {
        String linksOnly = PartnerFixtures.accessToken(api, live, "links.read");
        var noScope = send(linksOnly, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("type").asString()).isEqualTo("/problems/insufficient-scope");

        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        var notAllowed = send(
                token,
                PartnerFixtures.order(subject, "order-" + UUID.randomUUID())
                        .replace("NO_DISPOSABLE_CUTLERY", "METRO_INSTEAD_OF_CAR"));
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(notAllowed.json().get("type").asString()).isEqualTo("/problems/behaviour-not-allowed");

        var unknownLink = send(token, PartnerFixtures.order("nobody", "order-" + UUID.randomUUID()));
        assertThat(unknownLink.status()).isEqualTo(422);
        assertThat(unknownLink.json().get("type").asString()).isEqualTo("/problems/link-unknown");

        var noToken = api.post("/api/v1/partner/activities", PartnerFixtures.order(subject, "x-1"));
        assertThat(noToken.status()).isEqualTo(401);
        // A person's own access token is not a partner's.
        var personal = send(api.newParticipantToken(), PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(personal.status()).isEqualTo(401);
    }

    @Test
    void theSandboxCalculatesButNeverCredits() {
        var sandbox = partners.issueCredentials(officer, partner.id(), Partners.Mode.SANDBOX);
        long balance = balance(person.id());
        var checked = send(
                PartnerFixtures.accessToken(api, sandbox, "activities.write"),
                PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.json().get("outcome").asString()).isEqualTo("CHECKED");
        assertThat(checked.json().get("reductionGrams").asLong()).isPositive();
        assertThat(checked.json().get("recordId").isNull()).isTrue();
        assertThat(balance(person.id())).isEqualTo(balance);
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :id")
                        .param("id", person.id())
                        .query(Long.class)
                        .single())
                .isZero();

        // A child still waiting for their guardian's consent is refused by the sandbox as by the live door.
        var child = person();
        String childSubject = linked(child, "orders");
        jdbc.sql("""
                        insert into guardian_consent_request (user_id, guardian_email, requested_at, last_sent_at)
                        values (:id, 'guardian@example.org', now(), now())""").param("id", child.id()).update();
        var refused = send(
                PartnerFixtures.accessToken(api, sandbox, "activities.write"),
                PartnerFixtures.order(childSubject, "order-" + UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/guardian-consent-required");
    }

    @Test
    void aRevokedLinkIsRefusedFromThatMoment() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        assertThat(send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
        var link = links.mine(person).getFirst();
        links.revoke(person, link.id());

        var after = send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(after.status()).isEqualTo(422);
        assertThat(after.json().get("type").asString()).isEqualTo("/problems/link-revoked");
        // The refusal is kept and published too (the service on this thread, as a message consumer would call it).
        String refusedReference = "order-" + UUID.randomUUID();
        var activity = new PartnerActivities.Activity(
                subject,
                "orders",
                "NO_DISPOSABLE_CUTLERY",
                BigDecimal.ONE,
                "order",
                OffsetDateTime.now().minusHours(1),
                null,
                null,
                null,
                refusedReference,
                null,
                null);
        assertThatThrownBy(() -> activities.receive(activities.caller(live.clientId()), activity))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("link-revoked");
        assertThat(events.stream(PartnerActivitiesDecided.class)
                        .flatMap(e -> e.decisions().stream())
                        .filter(e -> e.reference().equals(refusedReference)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("REFUSED");
                    assertThat(e.reasons()).contains("link-revoked");
                });
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where target_id = :id and action = 'partner-link-revoked'")
                        .param("id", link.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSuspendedPartnerIsRefusedAndKeepsItsLinksAndRecords() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        var credited = send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(credited.status()).isEqualTo(201);

        partners.suspend(officer, partner.id());
        var refused = send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/partner-suspended");
        assertThat(links.mine(person))
                .singleElement()
                .satisfies(l -> assertThat(l.revoked()).isFalse());
        assertThat(jdbc.sql("select status from activity_record where id = :id")
                        .param(
                                "id",
                                UUID.fromString(credited.json().get("recordId").asString()))
                        .query(String.class)
                        .single())
                .isEqualTo("CREDITED");

        partners.reactivate(officer, partner.id());
        assertThat(send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
    }

    @Autowired
    org.lowcarbontogether.platform.RateBudgets budgets;

    @Autowired
    org.lowcarbontogether.platform.RateLimitProperties limits;

    @Test
    void aClientThatSpentItsBudgetIsAnswered429WithRetryAfterAndOthersAreNot() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write links.read");
        assertThat(api.get("/api/v1/partner/links/" + subject, "Authorization", bearer(token))
                        .status())
                .isEqualTo(200);
        // Spend the rest of this client's budget as if it had sent that many requests.
        String key = AuthorizationServerConfiguration.PARTNER_BUDGET + ":" + live.clientId();
        for (int i = 0;
                i <= limits.partnerClients().capacity() && budgets.take(key, limits.partnerClients()) == 0;
                i++) {
            // spending
        }
        // The bucket refills 10 tokens a second: on a busy machine one would be back before the request below. Ten
        // seconds in debt, it cannot be.
        jdbc.sql("update rate_bucket set tokens = -100, refilled_at = now() where key = :key")
                .param("key", key)
                .update();

        var refused = send(token, PartnerFixtures.order(subject, "limited-" + UUID.randomUUID()));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(java.util.Objects.requireNonNull(refused.header("Retry-After"))))
                .isPositive();
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
        assertThat(refused.body()).contains("rate-limited");

        var other = PartnerFixtures.onboard(partners, organisations, officer, "Unhurried Eats");
        var otherLive = partners.issueCredentials(officer, other.id(), Partners.Mode.LIVE);
        String otherToken = PartnerFixtures.accessToken(api, otherLive, "links.read");
        assertThat(api.get("/api/v1/partner/links/unknown", "Authorization", bearer(otherToken))
                        .status())
                .as("another client's budget is its own")
                .isEqualTo(404);
    }

    @Test
    void aBulkUploadOfThousandsOfRowsIsNotRefusedForItsSize() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String run = UUID.randomUUID().toString();
        var lines = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            lines.append(PartnerFixtures.order(subject, "large-" + run + "-" + i)
                            .replace("\n", ""))
                    .append('\n');
        }
        assertThat(lines.length())
                .as("well above the ordinary 64 KB body limit")
                .isGreaterThan(500_000);
        var result = bulk(token, lines.toString(), "application/x-ndjson");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("rows").asInt()).isEqualTo(3000);
        assertThat(result.json().get("results").get(2999).get("reference").asString())
                .isEqualTo("large-" + run + "-2999");
    }

    @Test
    void aReferenceSentTwiceInOneUploadIsDecidedOnceAndPublishedOnce() {
        String twice = "twice-" + UUID.randomUUID();
        String refusedFirst = "refused-then-fixed-" + UUID.randomUUID();
        String lines = String.join(
                "\n",
                PartnerFixtures.order(subject, twice).replace("\n", ""),
                PartnerFixtures.ride("nobody", refusedFirst, "ride:" + refusedFirst)
                        .replace("\n", ""),
                PartnerFixtures.order(subject, twice).replace("\n", ""),
                PartnerFixtures.ride(subject, refusedFirst, "ride:" + refusedFirst)
                        .replace("\n", ""));
        // Called directly, so the events are published on this thread where the test records them.
        var results = activities
                .receiveJsonLines(activities.caller(live.clientId()), lines)
                .results();
        assertThat(results.get(0).outcome()).isEqualTo(PartnerActivities.Outcome.CREDITED);
        assertThat(results.get(2).recordId())
                .as("the second is answered as a replay: the same record")
                .isEqualTo(results.get(0).recordId());
        assertThat(results.get(1).problem()).isEqualTo("link-unknown");
        assertThat(results.get(3).outcome()).isEqualTo(PartnerActivities.Outcome.CREDITED);

        // One row per reference: the replay kept the first decision, the refused one was decided anew.
        assertThat(jdbc.sql(
                                "select outcome from partner_activity where partner_id = :p and reference in (:a, :b) order by outcome")
                        .param("p", partner.id())
                        .param("a", twice)
                        .param("b", refusedFirst)
                        .query(String.class)
                        .list())
                .containsExactly("CREDITED", "CREDITED");
        var published = events.stream(PartnerActivitiesDecided.class)
                .flatMap(e -> e.decisions().stream())
                .filter(d -> d.reference().equals(twice) || d.reference().equals(refusedFirst))
                .map(d -> d.reference() + ":" + d.outcome())
                .toList();
        assertThat(published)
                .containsExactlyInAnyOrder(twice + ":CREDITED", refusedFirst + ":REFUSED", refusedFirst + ":CREDITED");
    }

    @Test
    void aBulkUploadAnswersEveryRowAndTheDaysReconciliationAddsUp() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write reports.read");
        String lines = String.join(
                "\n",
                PartnerFixtures.order(subject, "bulk-" + UUID.randomUUID()).replace("\n", ""),
                PartnerFixtures.order("nobody", "bulk-" + UUID.randomUUID()).replace("\n", ""),
                "{not json",
                PartnerFixtures.ride(subject, "bulk-" + UUID.randomUUID(), "ride:x:" + UUID.randomUUID())
                        .replace("\n", ""));
        var result = bulk(token, lines, "application/x-ndjson");
        assertThat(result.status()).isEqualTo(200);
        var json = result.json();
        assertThat(json.get("rows").asInt()).isEqualTo(4);
        assertThat(json.get("credited").asInt()).isEqualTo(2);
        assertThat(json.get("refused").asInt()).isEqualTo(2);
        assertThat(json.get("results").get(1).get("problem").asString()).isEqualTo("link-unknown");
        assertThat(json.get("results").get(2).get("problem").asString()).isEqualTo("row-unreadable");

        String csv = "subject,scenario,behaviour,quantity,unit,occurredAt,reference\n" + subject
                + ",orders,NO_DISPOSABLE_CUTLERY,1,order," + PartnerFixtures.at(3) + ",csv-" + UUID.randomUUID() + "\n";
        var fromCsv = bulk(token, csv, "text/csv");
        assertThat(fromCsv.status()).isEqualTo(200);
        assertThat(fromCsv.json().get("credited").asInt()).as(fromCsv.body()).isEqualTo(1);

        String today = org.lowcarbontogether.shared.ProgrammeCalendar.today(java.time.Clock.systemUTC())
                .toString();
        var day = api.get("/api/v1/partner/reconciliation/" + today, "Authorization", bearer(token));
        assertThat(day.status()).isEqualTo(200);
        assertThat(day.json().get("total").get("credited").asLong()).isEqualTo(3);
        assertThat(day.json().get("total").get("refused").asLong()).isEqualTo(1);
        assertThat(day.json().get("refusals").get("link-unknown").asLong()).isEqualTo(1);
        var rows =
                api.get("/api/v1/partner/reconciliation/" + today + "/activities.csv", "Authorization", bearer(token));
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body().lines().count()).isEqualTo(1 + 4);
    }

    @Test
    void aHeldActivityApprovedByAReviewerIsDecidedAgainAsCredited() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        assertThat(send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
        // The same order again at the same time: the plausibility rules hold it for a reviewer.
        String reference = "order-" + UUID.randomUUID();
        var held = send(token, PartnerFixtures.order(subject, reference));
        assertThat(held.json().get("outcome").asString()).isEqualTo("HELD");

        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        review.approve(
                reviewer,
                person.id(),
                UUID.fromString(held.json().get("recordId").asString()),
                "Confirmed with the partner");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "select outcome from partner_activity where partner_id = :p and reference = :r")
                                .param("p", partner.id())
                                .param("r", reference)
                                .query(String.class)
                                .single())
                        .isEqualTo("CREDITED"));
    }

    private UUID heldRecord(String token, String reference) {
        assertThat(send(token, PartnerFixtures.order(subject, "order-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
        var held = send(token, PartnerFixtures.order(subject, reference));
        assertThat(held.json().get("outcome").asString()).isEqualTo("HELD");
        return UUID.fromString(held.json().get("recordId").asString());
    }

    /** As if the platform stopped between committing the activity's record and logging its decision. */
    private void forgetDecision(String reference) {
        jdbc.sql("delete from partner_activity where partner_id = :p and reference = :r")
                .param("p", partner.id())
                .param("r", reference)
                .update();
    }

    private String outcome(String reference) {
        return jdbc.sql("select outcome from partner_activity where partner_id = :p and reference = :r")
                .param("p", partner.id())
                .param("r", reference)
                .query(String.class)
                .single();
    }

    @Test
    void aSuspendedPartnersHeldRecordsWaitUntilItIsReactivated() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String reference = "order-" + UUID.randomUUID();
        UUID record = heldRecord(token, reference);
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);

        partners.suspend(officer, partner.id());
        assertThatThrownBy(() -> review.approve(reviewer, person.id(), record, "Looks right"))
                .isInstanceOfSatisfying(Refusal.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo("partner-suspended");
                    assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                });
        assertThat(jdbc.sql("select status from activity_record where id = :id")
                        .param("id", record)
                        .query(String.class)
                        .single())
                .as("still held")
                .isEqualTo("FLAGGED");
        assertThat(outcome(reference)).isEqualTo("HELD");

        partners.reactivate(officer, partner.id());
        assertThat(review.approve(reviewer, person.id(), record, "Looks right").status())
                .isEqualTo(org.lowcarbontogether.recording.RecordStatus.CREDITED);
    }

    @Test
    void aHeldActivityRejectedByAReviewerIsRefusedAndItsOutcomePublished() throws Exception {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        String reference = "order-" + UUID.randomUUID();
        UUID record = heldRecord(token, reference);
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        try (var receiver = new HookReceiver()) {
            webhooks.register(partner.id(), URI.create(receiver.url()), java.util.Set.of("activity.refused"));

            review.reject(reviewer, person.id(), record, "Duplicate order");

            assertThat(events.stream(org.lowcarbontogether.recording.RecordRejected.class)
                            .filter(e -> e.recordId().equals(record)))
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e.claimant()).isEqualTo(partner.id().toString()));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(outcome(reference)).isEqualTo("REFUSED"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received().isEmpty());
            String body = receiver.received().getFirst().body();
            assertThat(body)
                    .contains("\"type\":\"activity.refused\"")
                    .contains(reference)
                    .contains("review-rejected")
                    .contains(record.toString())
                    .doesNotContain("Duplicate order");
        }
    }
}
