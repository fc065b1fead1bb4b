package org.lowcarbontogether.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.platform.SecretCipher;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end on the shared platform: published in a transaction, sent by the scheduled sender to a receiver
 * on this machine that verifies each signature, logged with every attempt. Time is moved on by a sender of the test's
 * own with its own clock ({@link #stepThrough}), so the three-day retry schedule takes milliseconds; the scheduled
 * sender (real time) may make the first attempts, and the assertions hold whichever sender made them.
 */
@IntegrationTest
class WebhooksIntegrationTests {

    @Autowired
    Webhooks webhooks;

    @Autowired
    WebhookStore store;

    @Autowired
    WebhookPoster poster;

    @Autowired
    SecretCipher cipher;

    @Autowired
    WebhookProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ClusterJobs clusterJobs;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    private final List<WebhookEndpointDisabled> disabled = new CopyOnWriteArrayList<>();
    private final ApplicationListener<ApplicationEvent> listener = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof WebhookEndpointDisabled endpointDisabled) {
            disabled.add(endpointDisabled);
        }
    };

    private final UUID owner = UUID.randomUUID();
    private final TestClock time = new TestClock();
    private WebhookSender sender;

    @BeforeEach
    void setUp() {
        context.addApplicationListener(listener);
        time.set(clock.instant());
        sender = new WebhookSender(store, poster, cipher, properties, time, transactionManager, publisher, clusterJobs);
    }

    @AfterEach
    void tearDown() {
        context.getBean(
                        AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                        ApplicationEventMulticaster.class)
                .removeApplicationListener(listener);
    }

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private EndpointSecret register(Receiver receiver, String... types) {
        return webhooks.register(owner, URI.create(receiver.url("/hook")), Set.of(types));
    }

    private Published publish(String type, Map<String, Object> data) {
        return transactions.execute(status -> webhooks.publish(owner, type, data));
    }

    private boolean leased(UUID message) {
        return jdbc.sql("""
                        select coalesce(leased_until > clock_timestamp(), false) from webhook_message
                        where id = :id""").param("id", message).query(Boolean.class).single();
    }

    /**
     * Sends the message at each of its due times, whatever the real time, until it is delivered or given up: the
     * test's clock is set to the next attempt's time and the test's sender sends the owner's due messages.
     */
    private Delivery stepThrough(UUID message) {
        for (int step = 0; step < 60; step++) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !leased(message));
            var delivery = webhooks.delivery(owner, message);
            if (delivery.state() != Delivery.State.PENDING) {
                return delivery;
            }
            Instant next = delivery.nextAttemptAt();
            if (next != null && next.isAfter(time.instant())) {
                time.set(next);
            }
            sender.sendBatch(owner);
        }
        return fail("message %s still pending after 60 steps", message);
    }

    private Delivery awaitState(UUID message, Delivery.State state) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> webhooks.delivery(owner, message).state() == state && !leased(message));
        return webhooks.delivery(owner, message);
    }

    private static Map<String, List<String>> withSignature(Receiver.Received request, String signature) {
        var headers = new HashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(WebhookSignatures.SIGNATURE));
        headers.put(WebhookSignatures.SIGNATURE, List.of(signature));
        return headers;
    }

    @Test
    void aPublishedEventReachesItsEndpointSignedAndIsLogged() throws Exception {
        try (var receiver = new Receiver().withBody("{\"received\":true}")) {
            var registered = register(receiver, "record.credited", "record.held");
            assertThat(registered.secret()).startsWith("whsec_");
            assertThat(registered.endpoint().state()).isEqualTo(WebhookEndpoint.State.ACTIVE);
            assertThat(registered.endpoint().eventTypes()).containsExactlyInAnyOrder("record.credited", "record.held");
            assertThat(registered.toString()).doesNotContain(registered.secret());
            byte[] stored = jdbc.sql("select secret from webhook_endpoint where id = :id")
                    .param("id", registered.endpoint().id())
                    .query(byte[].class)
                    .single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                    .as("kept encrypted")
                    .doesNotContain(registered.secret().substring(6, 20));

            var published = publish("record.credited", Map.of("recordId", "r-1", "grams", 1673));

            assertThat(published.webhookId()).startsWith("msg_");
            assertThat(published.messageIds()).hasSize(1);
            UUID message = published.messageIds().getFirst();
            var delivered = awaitState(message, Delivery.State.DELIVERED);
            var request = receiver.received().getFirst();
            assertThat(request.verify(registered.secret())).isEqualTo(published.webhookId());
            assertThat(new WebhookSignatures.Verifier(registered.secret())
                            .verify(request.headers(), request.body(), Instant.now()))
                    .as("verified at the receiver's time")
                    .isEqualTo(published.webhookId());
            assertThat(request.signatures()).doesNotContain(" ");
            JsonNode body = json.readTree(request.body());
            assertThat(body.get("type").asString()).isEqualTo("record.credited");
            assertThat(Instant.parse(body.get("timestamp").asString())).isBeforeOrEqualTo(Instant.now());
            assertThat(body.get("data").get("recordId").asString()).isEqualTo("r-1");
            assertThat(body.get("data").get("grams").asInt()).isEqualTo(1673);

            assertThat(delivered.webhookId()).isEqualTo(published.webhookId());
            assertThat(delivered.payload()).isEqualTo(request.body());
            assertThat(delivered.url()).isEqualTo(registered.endpoint().url());
            assertThat(delivered.deliveredAt()).isNotNull();
            assertThat(delivered.attempts()).singleElement().satisfies(attempt -> {
                assertThat(attempt.status()).isEqualTo(200);
                assertThat(attempt.succeeded()).isTrue();
                assertThat(attempt.error()).isNull();
                assertThat(attempt.trigger()).isEqualTo(Delivery.Trigger.SCHEDULED);
                assertThat(attempt.response()).isEqualTo("{\"received\":true}");
                assertThat(attempt.durationMillis()).isNotNegative();
            });
            assertThat(webhooks.endpoints(owner).getFirst().lastSuccessAt()).isNotNull();

            // The log by state, type and endpoint; an event type nobody wants writes nothing.
            assertThat(webhooks.deliveries(owner, DeliveryFilter.all().inState(Delivery.State.DELIVERED), 10))
                    .extracting(Delivery::messageId)
                    .containsExactly(message);
            assertThat(webhooks.deliveries(owner, DeliveryFilter.all().ofType("record.held"), 10))
                    .isEmpty();
            assertThat(webhooks.deliveries(
                            owner,
                            DeliveryFilter.all().endpoint(registered.endpoint().id()),
                            10))
                    .hasSize(1);
            assertThat(publish("record.reversed", Map.of("recordId", "r-1")).messageIds())
                    .isEmpty();
        }
    }

    @Test
    void anotherOwnerFindsNothingOfIt() throws Exception {
        try (var receiver = new Receiver()) {
            var endpoint = register(receiver, "record.credited").endpoint().id();
            UUID message = publish("record.credited", Map.of("recordId", "r-2"))
                    .messageIds()
                    .getFirst();
            UUID stranger = UUID.randomUUID();

            assertThat(webhooks.endpoints(stranger)).isEmpty();
            assertThat(webhooks.deliveries(stranger, DeliveryFilter.all(), 100)).isEmpty();
            assertThat(transactions
                            .execute(status -> webhooks.publish(stranger, "record.credited", Map.of()))
                            .messageIds())
                    .isEmpty();
            for (var call : List.<Runnable>of(
                    () -> webhooks.delivery(stranger, message),
                    () -> webhooks.redeliver(stranger, message),
                    () -> webhooks.rotateSecret(stranger, endpoint),
                    () -> webhooks.disable(stranger, endpoint),
                    () -> webhooks.enable(stranger, endpoint))) {
                assertThatThrownBy(call::run)
                        .isInstanceOfSatisfying(
                                Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
            }
            assertThat(webhooks.endpoints(owner).getFirst().state()).isEqualTo(WebhookEndpoint.State.ACTIVE);
        }
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        try (var receiver = new Receiver()) {
            register(receiver, "record.credited");

            transactions.executeWithoutResult(status -> {
                assertThat(webhooks.publish(owner, "record.credited", Map.of("n", 1))
                                .messageIds())
                        .hasSize(1);
                status.setRollbackOnly();
            });

            assertThat(webhooks.deliveries(owner, DeliveryFilter.all(), 10)).isEmpty();
            assertThat(sender.sendBatch(owner)).isZero();
            // A message committed afterwards is the one and only one to arrive.
            UUID committed =
                    publish("record.credited", Map.of("n", 2)).messageIds().getFirst();
            awaitState(committed, Delivery.State.DELIVERED);
            assertThat(receiver.received())
                    .singleElement()
                    .satisfies(request -> assertThat(json.readTree(request.body())
                                    .get("data")
                                    .get("n")
                                    .asInt())
                            .isEqualTo(2));
        }
    }

    @Test
    void aReceiverOutageIsRiddenOutWithBackoffAndTheSameId() throws Exception {
        try (var receiver = new Receiver().answering(503, 500).otherwise(200)) {
            var registered = register(receiver, "record.held");
            var published = publish("record.held", Map.of("recordId", "r-3"));

            var delivery = stepThrough(published.messageIds().getFirst());

            assertThat(delivery.state()).isEqualTo(Delivery.State.DELIVERED);
            var attempts = delivery.attempts();
            assertThat(attempts).extracting(Delivery.Attempt::status).containsExactly(503, 500, 200);
            assertThat(attempts.get(0).error()).isEqualTo("HTTP 503");
            assertThat(attempts.get(1).at())
                    .isAfterOrEqualTo(attempts.get(0).at().plusSeconds(5));
            assertThat(attempts.get(2).at())
                    .isAfterOrEqualTo(attempts.get(1).at().plus(Duration.ofMinutes(5)));
            var requests = receiver.received();
            assertThat(requests).hasSize(3).allSatisfy(request -> {
                assertThat(request.id()).isEqualTo(published.webhookId());
                assertThat(request.verify(registered.secret())).isEqualTo(published.webhookId());
            });
            assertThat(requests.get(2).timestamp() - requests.get(0).timestamp())
                    .as("each attempt is signed for its own time")
                    .isGreaterThanOrEqualTo(305);
            var endpoint = webhooks.endpoints(owner).getFirst();
            assertThat(endpoint.state()).isEqualTo(WebhookEndpoint.State.ACTIVE);
            assertThat(endpoint.failingSince()).as("answering again").isNull();
            assertThat(disabled).isEmpty();
        }
    }

    @Test
    void manualRedeliveryKeepsTheWebhookId() throws Exception {
        try (var receiver = new Receiver()) {
            var registered = register(receiver, "record.credited");
            var published = publish("record.credited", Map.of("recordId", "r-4"));
            UUID message = published.messageIds().getFirst();
            awaitState(message, Delivery.State.DELIVERED);

            var redelivered = webhooks.redeliver(owner, message);

            assertThat(redelivered.state()).isEqualTo(Delivery.State.PENDING);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() == 2);
            var delivery = awaitState(message, Delivery.State.DELIVERED);
            assertThat(delivery.attempts())
                    .extracting(Delivery.Attempt::trigger)
                    .containsExactly(Delivery.Trigger.SCHEDULED, Delivery.Trigger.MANUAL);
            assertThat(receiver.received()).allSatisfy(request -> {
                assertThat(request.id()).isEqualTo(published.webhookId());
                assertThat(request.verify(registered.secret())).isEqualTo(published.webhookId());
            });
            assertThat(receiver.received().get(1).body())
                    .isEqualTo(receiver.received().get(0).body());

            webhooks.disable(owner, registered.endpoint().id());
            assertThatThrownBy(() -> webhooks.redeliver(owner, message))
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.code()).isEqualTo("webhook-endpoint-disabled"));
        }
    }

    @Test
    void anEndpointFailingForTheWholeScheduleIsDisabledAndItsOwnerTold() throws Exception {
        try (var receiver = new Receiver().otherwise(500)) {
            var registered = register(receiver, "record.refused");
            UUID endpoint = registered.endpoint().id();
            UUID message = publish("record.refused", Map.of("recordId", "r-5"))
                    .messageIds()
                    .getFirst();

            var delivery = stepThrough(message);

            assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
            assertThat(delivery.lastError()).isEqualTo("HTTP 500");
            var attempts = delivery.attempts();
            assertThat(attempts).hasSize(properties.retrySchedule().size() + 1);
            assertThat(attempts)
                    .allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(500));
            assertThat(Duration.between(
                            attempts.getFirst().at(), attempts.getLast().at()))
                    .isGreaterThanOrEqualTo(properties.retryWindow())
                    .isLessThan(Duration.ofDays(4));
            var disabledEndpoint = webhooks.endpoints(owner).getFirst();
            assertThat(disabledEndpoint.state()).isEqualTo(WebhookEndpoint.State.DISABLED);
            assertThat(disabledEndpoint.disabledReason()).isEqualTo(WebhookEndpoint.DisabledReason.FAILING);
            assertThat(disabled).singleElement().satisfies(event -> {
                assertThat(event.ownerId()).isEqualTo(owner);
                assertThat(event.endpointId()).isEqualTo(endpoint);
                assertThat(event.url()).isEqualTo(registered.endpoint().url());
                assertThat(event.reason()).isEqualTo(WebhookEndpoint.DisabledReason.FAILING);
                assertThat(event.at()).isCloseTo(attempts.getLast().at(), within(Duration.ofMillis(1)));
            });
            assertThat(publish("record.refused", Map.of("recordId", "r-6")).messageIds())
                    .as("nothing is written for a disabled endpoint")
                    .isEmpty();

            // Its owner fixes the receiver, enables the endpoint and redelivers what it missed.
            receiver.otherwise(200);
            assertThat(webhooks.enable(owner, endpoint).state()).isEqualTo(WebhookEndpoint.State.ACTIVE);
            webhooks.redeliver(owner, message);
            assertThat(stepThrough(message).state()).isEqualTo(Delivery.State.DELIVERED);
        }
    }

    @Test
    void aSuccessWithinTheScheduleKeepsAnEndpointThatGivesUpOneMessage() throws Exception {
        try (var receiver = new Receiver().otherwise(400)) {
            UUID endpoint = register(receiver, "record.refused").endpoint().id();
            UUID refused = publish("record.refused", Map.of("recordId", "bad"))
                    .messageIds()
                    .getFirst();
            int retries = properties.retrySchedule().size();
            // Every retry but the last fails ...
            for (int step = 0; step < 60 && retriesUsed(refused) < retries; step++) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !leased(refused));
                Instant next = webhooks.delivery(owner, refused).nextAttemptAt();
                if (next != null && next.isAfter(time.instant())) {
                    time.set(next);
                }
                sender.sendBatch(owner);
            }
            assertThat(retriesUsed(refused)).isEqualTo(retries);
            // ... while another message got through an hour before the last.
            Instant last = webhooks.delivery(owner, refused).nextAttemptAt();
            transactions.executeWithoutResult(status -> store.succeeded(endpoint, last.minus(Duration.ofHours(1))));

            var delivery = stepThrough(refused);

            assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
            assertThat(delivery.attempts()).hasSize(retries + 1);
            assertThat(webhooks.endpoints(owner).getFirst().state()).isEqualTo(WebhookEndpoint.State.ACTIVE);
            assertThat(disabled).isEmpty();
        }
    }

    private int retriesUsed(UUID message) {
        return jdbc.sql("select retries from webhook_message where id = :id")
                .param("id", message)
                .query(Integer.class)
                .single();
    }

    @Test
    void aGoneEndpointIsDisabledAtOnce() throws Exception {
        try (var receiver = new Receiver().answering(410).otherwise(200)) {
            var registered = register(receiver, "record.reversed");
            UUID message = publish("record.reversed", Map.of("recordId", "r-7"))
                    .messageIds()
                    .getFirst();

            var delivery = awaitState(message, Delivery.State.FAILED);

            assertThat(delivery.attempts()).extracting(Delivery.Attempt::status).containsExactly(410);
            var endpoint = webhooks.endpoints(owner).getFirst();
            assertThat(endpoint.state()).isEqualTo(WebhookEndpoint.State.DISABLED);
            assertThat(endpoint.disabledReason()).isEqualTo(WebhookEndpoint.DisabledReason.GONE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !disabled.isEmpty());
            assertThat(disabled).singleElement().satisfies(event -> {
                assertThat(event.endpointId()).isEqualTo(registered.endpoint().id());
                assertThat(event.reason()).isEqualTo(WebhookEndpoint.DisabledReason.GONE);
            });
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aPrivateAddressIsRefusedAtRegistration() throws Exception {
        var strict = new Webhooks(
                store,
                new EndpointAddresses(false, host -> List.of(InetAddress.getAllByName(host))),
                cipher,
                properties,
                json,
                clock);
        try (var receiver = new Receiver()) {
            for (String url : List.of(
                    "https://10.0.0.5/hook",
                    "https://169.254.169.254/latest/meta-data",
                    "https://[::1]/hook",
                    receiver.url("/hook"))) {
                assertThatThrownBy(() -> strict.register(owner, URI.create(url), Set.of("record.credited")))
                        .as(url)
                        .isInstanceOfSatisfying(Refusal.class, r -> {
                            assertThat(r.kind()).isEqualTo(Refusal.Kind.UNACCEPTABLE);
                            assertThat(r.code()).isEqualTo("webhook-url-private");
                        });
            }
        }
        // Even where local receivers are allowed (tests), a public address needs https.
        assertThatThrownBy(() ->
                        webhooks.register(owner, URI.create("http://93.184.216.34/hook"), Set.of("record.credited")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("webhook-url-not-https"));
        assertThatThrownBy(
                        () -> webhooks.register(owner, URI.create("https://93.184.216.34/hook"), Set.of("no spaces")))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.code()).isEqualTo("webhook-event-types-invalid"));
        assertThat(webhooks.endpoints(owner)).isEmpty();
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneUntilTheOverlapEnds() throws Exception {
        try (var receiver = new Receiver().answering(503).otherwise(200)) {
            var first = register(receiver, "record.credited");
            var rotated = webhooks.rotateSecret(owner, first.endpoint().id());
            assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(first.secret());
            Instant until = rotated.endpoint().previousSecretUntil();
            assertThat(until).isCloseTo(clock.instant().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
            var published = publish("record.credited", Map.of("recordId", "r-8"));
            UUID message = published.messageIds().getFirst();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !webhooks.delivery(owner, message).attempts().isEmpty() && !leased(message));

            time.set(until.plusSeconds(60)); // the retry comes after the overlap
            assertThat(stepThrough(message).state()).isEqualTo(Delivery.State.DELIVERED);

            var requests = receiver.received();
            var during = requests.getFirst();
            String[] both = during.signatures().split(" ");
            assertThat(both).hasSize(2);
            assertThat(new WebhookSignatures.Verifier(rotated.secret())
                            .verify(
                                    withSignature(during, both[0]),
                                    during.body(),
                                    Instant.ofEpochSecond(during.timestamp())))
                    .isEqualTo(published.webhookId());
            assertThat(new WebhookSignatures.Verifier(first.secret())
                            .verify(
                                    withSignature(during, both[1]),
                                    during.body(),
                                    Instant.ofEpochSecond(during.timestamp())))
                    .isEqualTo(published.webhookId());
            assertThatThrownBy(() -> new WebhookSignatures.Verifier(first.secret())
                            .verify(
                                    withSignature(during, both[0]),
                                    during.body(),
                                    Instant.ofEpochSecond(during.timestamp())))
                    .isInstanceOf(WebhookSignatures.InvalidSignature.class);
            var after = requests.getLast();
            assertThat(after.timestamp()).isGreaterThanOrEqualTo(until.getEpochSecond());
            assertThat(after.signatures()).doesNotContain(" ");
            assertThat(after.verify(rotated.secret())).isEqualTo(published.webhookId());
            assertThatThrownBy(() -> after.verify(first.secret()))
                    .isInstanceOf(WebhookSignatures.InvalidSignature.class);
            for (var request : requests) {
                int signatures = request.signatures().split(" ").length;
                assertThat(signatures).isEqualTo(request.timestamp() < until.getEpochSecond() ? 2 : 1);
            }
        }
    }

    @Test
    void aSenderThatDiesMidSendLeavesTheMessageDueAgain() throws Exception {
        try (var receiver = new Receiver()) {
            register(receiver, "record.credited");
            // Published and claimed in one transaction, then never sent: as if the sender died after claiming it.
            var published = transactions.execute(status -> {
                var written = webhooks.publish(owner, "record.credited", Map.of("recordId", "r-9"));
                assertThat(store.claim(clock.instant(), UUID.randomUUID(), properties.lease(), 10, owner))
                        .hasSize(1);
                return written;
            });
            UUID message = published.messageIds().getFirst();
            assertThat(leased(message)).isTrue();
            assertThat(sender.sendBatch(owner))
                    .as("no other sender takes it while the lease lasts")
                    .isZero();
            assertThat(receiver.received()).isEmpty();

            jdbc.sql("update webhook_message set leased_until = clock_timestamp() - interval '1 second' where id = :id")
                    .param("id", message)
                    .update();

            var delivery = awaitState(message, Delivery.State.DELIVERED);
            assertThat(delivery.attempts()).hasSize(1);
            assertThat(receiver.received())
                    .singleElement()
                    .satisfies(request -> assertThat(request.id()).isEqualTo(published.webhookId()));
        }
    }
}
