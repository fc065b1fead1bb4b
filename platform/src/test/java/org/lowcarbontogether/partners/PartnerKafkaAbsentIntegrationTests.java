package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Without {@code spring.kafka.bootstrap-servers} (as in the shared test context, and a plain run) the platform has
 * nothing of Kafka: no listener registry or container, no factories or templates, so nothing starts or connects.
 */
@IntegrationTest
class PartnerKafkaAbsentIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Test
    void nothingOfKafkaExistsUnlessABrokerIsConfigured() {
        assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isNull();
        assertThat(context.getBeanNamesForType(KafkaListenerEndpointRegistry.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(MessageListenerContainer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ConsumerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KafkaTemplate.class)).isEmpty();
    }
}
