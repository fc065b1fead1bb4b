package org.lowcarbontogether.partners.kafka;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner activities from Kafka (only when {@code spring.kafka.bootstrap-servers} is set).
 *
 * @param enabled whether the consumer runs when Kafka is configured
 * @param topicPattern the partners' topics; its named group {@code client} is the partner's OAuth client id, so the
 *     topic a message was written to says which partner (and mode) sent it — the broker's ACLs must let only that
 *     partner write it
 * @param groupId the platform's consumer group
 * @param maxBatch the most messages taken in one poll and written together (also the most one listener call sees)
 * @param concurrency consumers in the group on this instance (at most the partitions)
 * @param refusedSuffix appended to a topic to name where its refused messages go (with the problem as JSON)
 * @param retryInitial the first wait before a batch that failed for a passing reason (database down, busy) is tried
 *     again
 * @param retryMax the longest wait between tries; a passing failure is tried until it passes, never dead-lettered
 */
@ConfigurationProperties("lct.partners.kafka")
public record PartnerKafkaProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("lct\\.partner\\.(?<client>[A-Za-z0-9_-]+)\\.activities")
        String topicPattern,

        @DefaultValue("lct-partners") String groupId,
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("1") int concurrency,
        @DefaultValue(".refused") String refusedSuffix,
        @DefaultValue("PT1S") Duration retryInitial,
        @DefaultValue("PT1M") Duration retryMax) {

    public PartnerKafkaProperties {
        Pattern.compile(topicPattern);
        if (!topicPattern.contains("(?<client>")) {
            throw new IllegalArgumentException("lct.partners.kafka.topic-pattern needs a named group (?<client>...)");
        }
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("lct.partners.kafka.max-batch must be 1 to 10000");
        }
    }

    /** The topic pattern, compiled. */
    public Pattern topics() {
        return Pattern.compile(topicPattern);
    }
}
