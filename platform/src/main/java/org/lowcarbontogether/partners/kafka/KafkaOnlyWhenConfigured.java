package org.lowcarbontogether.partners.kafka;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Leaves out Spring Boot's Kafka auto-configuration (templates, factories, the listener registry, metrics) unless
 * {@code spring.kafka.bootstrap-servers} is set: the platform then has nothing of Kafka, starts nothing and connects to
 * nothing, so a run or a test needs no broker. Registered in {@code META-INF/spring.factories}.
 */
public class KafkaOnlyWhenConfigured implements AutoConfigurationImportFilter, EnvironmentAware {

    /** The property that turns Kafka on. */
    public static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    private static final String KAFKA_AUTO_CONFIGURATION = "org.springframework.boot.kafka.";

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean configured = environment != null && StringUtils.hasText(environment.getProperty(BOOTSTRAP_SERVERS));
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < matches.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = configured || candidate == null || !candidate.startsWith(KAFKA_AUTO_CONFIGURATION);
        }
        return matches;
    }
}
