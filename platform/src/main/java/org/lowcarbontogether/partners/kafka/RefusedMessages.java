package org.lowcarbontogether.partners.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.lowcarbontogether.platform.Refusals;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a partner's message that cannot be kept with its activities goes: {@code <topic><suffix>} (by default
 * {@code lct.partner.<client>.activities.refused}), with the message's key and value unchanged and the problem as JSON
 * in the header {@value #PROBLEM_HEADER} — the API's problem: {@code type}, {@code status}, {@code code}, the offending
 * fields' {@code errors}, and the message's {@code topic}, {@code partition} and {@code offset}. Spring Kafka's
 * {@link DeadLetterPublishingRecoverer} writes it (and its own {@code kafka_dlt-*} headers) and waits for the broker's
 * acknowledgement, so a refused message is never committed unrecorded.
 */
class RefusedMessages {

    static final String PROBLEM_HEADER = "lct-problem";

    private final DeadLetterPublishingRecoverer recoverer;
    private final JsonMapper json;

    RefusedMessages(KafkaOperations<String, String> template, String suffix, JsonMapper json) {
        this.json = json;
        this.recoverer = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(record.topic() + suffix, -1));
        this.recoverer.setHeadersFunction((record, e) -> {
            var headers = new RecordHeaders();
            if (e instanceof RefusedMessage refused) {
                headers.add(PROBLEM_HEADER, refused.problem().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        this.recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
    }

    /** Sends a refused message to its topic's refused topic, waiting for the broker. */
    void send(ConsumerRecord<String, String> record, Refusal refusal) {
        recoverer.accept(record, new RefusedMessage(problem(record, refusal)));
    }

    /** The problem, as the API would answer it, and where the message was. */
    String problem(ConsumerRecord<String, String> record, Refusal refusal) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "/problems/" + refusal.code());
        problem.put("status", Refusals.status(refusal.kind()).value());
        problem.put("code", refusal.code());
        if (refusal.violations().size() > 0) {
            List<Map<String, String>> errors = new ArrayList<>();
            refusal.violations().forEach(v -> errors.add(Map.of("field", v.field(), "code", v.code())));
            problem.put("errors", errors);
        }
        problem.putAll(refusal.properties());
        problem.put("topic", record.topic());
        problem.put("partition", record.partition());
        problem.put("offset", record.offset());
        return json.writeValueAsString(problem);
    }

    /** The refusal as the recoverer's exception: its message is the problem. */
    static final class RefusedMessage extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RefusedMessage(String problem) {
            super(problem, null, false, false);
        }

        String problem() {
            return String.valueOf(getMessage());
        }
    }
}
