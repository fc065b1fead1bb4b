package org.lowcarbontogether.partners.kafka;

import java.util.HashMap;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.lowcarbontogether.partners.PartnerActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partners' Kafka consumer: one listener container subscribed to every topic matching
 * {@code lct.partners.kafka.topic-pattern}, taking up to {@code max-batch} messages a poll as one batch, committing the
 * batch's offsets after the listener returned (ack mode BATCH, no auto-commit). Only when
 * {@code spring.kafka.bootstrap-servers} is set (and {@code lct.partners.kafka.enabled} is not false); the connection,
 * security and client settings are Spring Boot's {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(KafkaOnlyWhenConfigured.BOOTSTRAP_SERVERS)
@ConditionalOnBooleanProperty(name = "lct.partners.kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PartnerKafkaProperties.class)
class PartnerKafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PartnerKafkaConfiguration.class);

    /** The container's name (and client id prefix). */
    static final String CONTAINER = "partner-activities";

    @Bean
    RefusedMessages partnerRefusedMessages(
            ProducerFactory<?, ?> producers, PartnerKafkaProperties properties, JsonMapper json) {
        var factory = new DefaultKafkaProducerFactory<>(
                new HashMap<>(producers.getConfigurationProperties()), new StringSerializer(), new StringSerializer());
        return new RefusedMessages(new KafkaTemplate<>(factory), properties.refusedSuffix(), json);
    }

    @Bean
    PartnerActivityConsumer partnerActivityConsumer(
            PartnerActivities activities, JsonMapper json, PartnerKafkaProperties properties, RefusedMessages refused) {
        return new PartnerActivityConsumer(activities, json, properties.topics(), refused);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, String> partnerActivitiesContainer(
            ConsumerFactory<?, ?> consumers, PartnerKafkaProperties properties, PartnerActivityConsumer consumer) {
        var configs = new HashMap<>(consumers.getConfigurationProperties());
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new DefaultKafkaConsumerFactory<>(configs, new StringDeserializer(), new StringDeserializer());

        var container = new ContainerProperties(properties.topics());
        container.setGroupId(properties.groupId());
        container.setClientId(CONTAINER);
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener(consumer);
        var overrides = new Properties();
        overrides.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.maxBatch()));
        container.setKafkaConsumerProperties(overrides);

        var listener = new ConcurrentMessageListenerContainer<>(factory, container);
        listener.setConcurrency(properties.concurrency());
        listener.setBeanName(CONTAINER);
        listener.setCommonErrorHandler(errorHandler(properties));
        return listener;
    }

    /**
     * A batch that failed (not a refusal: the database, a busy platform, the refused topic unreachable) is tried again
     * whole, waiting longer each time up to {@code retry-max}, for as long as it fails; nothing is committed or
     * dead-lettered meanwhile, and a restart begins again at the last committed offset.
     */
    private static DefaultErrorHandler errorHandler(PartnerKafkaProperties properties) {
        var backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        var handler = new DefaultErrorHandler(
                (record, e) -> {
                    throw new IllegalStateException(
                            "partner message " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                    + " not taken",
                            e);
                },
                backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        log.debug("partner activities: retry from {} up to {}", properties.retryInitial(), properties.retryMax());
        return handler;
    }
}
