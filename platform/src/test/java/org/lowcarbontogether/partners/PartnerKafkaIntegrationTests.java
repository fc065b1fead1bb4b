package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lowcarbontogether.LedgerInvariants;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Partner activities from Kafka, against an embedded KRaft broker, in a context of its own (the shared
 * {@code @IntegrationTest} context has nothing of Kafka): credited once as partner-verified, a repeated message and a
 * consumer restart with uncommitted offsets credit nothing more, and refused messages go to the topic's refused topic
 * without holding up the ones after them.
 */
@SpringBootTest(
        properties = {
            // Not the broker's default system property spring.kafka.bootstrap-servers: that would reach the shared
            // context.
            "spring.kafka.bootstrap-servers=${lct.test.embedded-kafka.brokers}",
            "spring.kafka.consumer.auto-offset-reset=earliest",
            // New partner topics are found by the subscription pattern at the next metadata refresh.
            "spring.kafka.consumer.properties.metadata.max.age.ms=500",
            "lct.partners.kafka.retry-initial=PT0.2S"
        })
@ContextConfiguration(initializers = TestMail.class)
@ActiveProfiles("test")
@ExtendWith(LedgerInvariants.class)
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "lct.test.embedded-kafka.brokers")
@DirtiesContext
class PartnerKafkaIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ConcurrentMessageListenerContainer<String, String> partnerActivitiesContainer;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Partners partners;

    @Autowired
    PartnerLinks links;

    @Autowired
    Organisations organisations;

    @Autowired
    Queue<PartnerActivityDecided> decided;

    /** Every outcome the module published in this context. */
    @TestConfiguration
    static class Outcomes {

        private final Queue<PartnerActivityDecided> decided = new ConcurrentLinkedQueue<>();

        @Bean
        Queue<PartnerActivityDecided> decidedOutcomes() {
            return decided;
        }

        @EventListener
        void on(PartnerActivitiesDecided event) {
            decided.addAll(event.decisions());
        }
    }

    KafkaProducer<String, String> producer;
    AuthenticatedUser officer;
    Partners.Partner partner;
    AuthenticatedUser person;
    String subject;
    String topic;

    @BeforeEach
    void setUp() {
        producer = new KafkaProducer<>(
                KafkaTestUtils.producerProps(broker.getBrokersAsString()),
                new StringSerializer(),
                new StringSerializer());
        officer = AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER);
        partner = PartnerFixtures.onboard(partners, organisations, officer, "Kafka Eats");
        var live = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
        person = AccountFixtures.person(registration, jdbc);
        subject = links.approve(
                        person.id(), person.email(), live.clientId(), List.of("scenario.orders", "scenario.rides"))
                .subject();
        topic = "lct.partner." + live.clientId() + ".activities";
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    RecordMetadata send(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders a day apart, so the plausibility rules credit each (several in an hour would be held). */
    int daysAgo;

    String order(String reference) {
        return """
                {"subject":"%s","scenario":"orders","behaviour":"NO_DISPOSABLE_CUTLERY","quantity":1,"unit":"order",
                 "occurredAt":"%s","reference":"%s"}""".formatted(subject, PartnerFixtures.at(1 + 24 * daysAgo++), reference);
    }

    String sendOrder(String reference) {
        send(topic, reference, order(reference));
        return reference;
    }

    /** The partner's decision on a reference, once there is one. */
    String outcome(String reference) {
        return jdbc.sql(
                        "select outcome from partner_activity where partner_id = :p and mode = 'LIVE' and reference = :r")
                .param("p", partner.id())
                .param("r", reference)
                .query(String.class)
                .optional()
                .orElse("");
    }

    void awaitOutcome(String reference, String outcome) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(outcome(reference)).isEqualTo(outcome));
    }

    long ledgerEntries() {
        return jdbc.sql("select count(*) from ledger_entry where user_id = :id")
                .param("id", person.id())
                .query(Long.class)
                .single();
    }

    long records() {
        return jdbc.sql("select count(*) from activity_record where user_id = :id")
                .param("id", person.id())
                .query(Long.class)
                .single();
    }

    /** The messages on a topic's refused topic, waiting for {@code count} of them. */
    List<ConsumerRecord<String, String>> refused(String topic, int count) {
        var props = KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "test-" + UUID.randomUUID());
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(
                        props, new StringDeserializer(), new StringDeserializer())
                .createConsumer()) {
            consumer.subscribe(List.of(topic + ".refused"));
            var found = new ArrayList<ConsumerRecord<String, String>>();
            long until = System.nanoTime() + WAIT.toNanos();
            while (found.size() < count && System.nanoTime() < until) {
                KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(1)).forEach(found::add);
            }
            assertThat(found).hasSize(count);
            return found;
        }
    }

    static String problem(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("lct-problem");
        assertThat(header).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aLinkedPersonsActivityIsCreditedAsPartnerVerifiedOnce() {
        String reference = sendOrder("order-" + UUID.randomUUID());
        awaitOutcome(reference, "CREDITED");
        assertThat(jdbc.sql("select evidence, channel, external_ref from activity_record where user_id = :id")
                        .param("id", person.id())
                        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .single())
                .containsExactly("PARTNER_VERIFIED", "PARTNER", "partner:" + partner.id() + ":" + reference);
        assertThat(ledgerEntries()).isEqualTo(1);
        // The outcome went out as the module's event, as for the API, so webhooks report it.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                decided.stream().filter(e -> e.reference().equals(reference)))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.outcome()).isEqualTo("CREDITED");
                            assertThat(e.subject()).isEqualTo(subject);
                        }));
    }

    @Test
    void theSameMessageTwiceCreditsOnce() {
        String reference = "order-" + UUID.randomUUID();
        sendOrder(reference);
        sendOrder(reference);
        // A later message on the same partition is taken after both.
        String after = sendOrder("order-" + UUID.randomUUID());
        awaitOutcome(after, "CREDITED");
        assertThat(outcome(reference)).isEqualTo("CREDITED");
        assertThat(records()).isEqualTo(2);
        assertThat(ledgerEntries()).isEqualTo(2);
    }

    @Test
    void aRestartWithUncommittedOffsetsNeitherLosesNorDoubleCredits() throws Exception {
        var first = new ArrayList<String>();
        long firstOffset = -1;
        for (int i = 0; i < 3; i++) {
            String reference = "order-" + UUID.randomUUID();
            long offset = send(topic, reference, order(reference)).offset();
            firstOffset = firstOffset < 0 ? offset : firstOffset;
            first.add(reference);
        }
        first.forEach(r -> awaitOutcome(r, "CREDITED"));
        assertThat(ledgerEntries()).isEqualTo(3);

        // As after a crash between the credits' commit and the offsets' commit: the group's offset goes back.
        partnerActivitiesContainer.stop();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            long back = firstOffset;
            await().atMost(WAIT)
                    .untilAsserted(() -> admin.alterConsumerGroupOffsets(
                                    "lct-partners", Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(back)))
                            .all()
                            .get());
            // So the restarted consumer reads the three credited messages again.
            assertThat(admin.listConsumerGroupOffsets("lct-partners")
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(new TopicPartition(topic, 0))
                            .offset())
                    .isEqualTo(firstOffset);
        }
        // Messages sent while the consumer is down wait for it.
        var later = List.of(sendOrder("order-" + UUID.randomUUID()), sendOrder("order-" + UUID.randomUUID()));
        assertThat(outcome(later.getFirst())).isEmpty();

        partnerActivitiesContainer.start();
        later.forEach(r -> awaitOutcome(r, "CREDITED"));
        assertThat(records()).isEqualTo(5);
        assertThat(ledgerEntries()).isEqualTo(5);
    }

    @Test
    void aMalformedMessageIsRefusedAndDoesNotHoldUpTheNext() {
        send(topic, "broken-1", "{not json");
        String missing = "order-" + UUID.randomUUID();
        send(topic, missing, "{\"subject\":\"" + subject + "\",\"reference\":\"" + missing + "\"}");
        String good = sendOrder("order-" + UUID.randomUUID());
        awaitOutcome(good, "CREDITED");
        // A readable activity with missing fields is refused as at the API, and kept with the partner's activities.
        awaitOutcome(missing, "REFUSED");
        assertThat(jdbc.sql("select reasons from partner_activity where partner_id = :p and reference = :r")
                        .param("p", partner.id())
                        .param("r", missing)
                        .query((rs, n) -> Partners.strings(rs, "reasons"))
                        .single())
                .contains("field-required");
        // What is not an activity at all goes to the refused topic with the problem.
        var refused = refused(topic, 1);
        assertThat(refused.getFirst().key()).isEqualTo("broken-1");
        assertThat(refused.getFirst().value()).isEqualTo("{not json");
        assertThat(problem(refused.getFirst())).contains("\"code\":\"row-unreadable\"", "\"status\":400");
        assertThat(ledgerEntries()).isEqualTo(1);
    }

    @Test
    void messagesForAnUnknownOrSuspendedPartnerAreRefused() {
        String unknown =
                "lct.partner.lct-live-nobody" + UUID.randomUUID().toString().substring(0, 8) + ".activities";
        send(unknown, "order-1", PartnerFixtures.order(subject, "order-1"));
        assertThat(problem(refused(unknown, 1).getFirst())).contains("\"code\":\"partner-client-unknown\"");

        partners.suspend(officer, partner.id());
        String reference = sendOrder("order-" + UUID.randomUUID());
        assertThat(problem(refused(topic, 1).getFirst())).contains("\"code\":\"partner-suspended\"", "\"status\":403");
        assertThat(outcome(reference)).isEmpty();
        assertThat(records()).isZero();
    }
}
