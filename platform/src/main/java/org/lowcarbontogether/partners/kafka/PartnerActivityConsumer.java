package org.lowcarbontogether.partners.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.partners.PartnerActivities;
import org.lowcarbontogether.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a poll's messages from the partners' topics and credits them through {@link PartnerActivities#receiveAll}, one
 * call (a thousand records to a transaction) per partner topic in the batch, each message keeping its own outcome: the
 * module publishes every decision (a {@code PartnerActivitiesDecided}), so webhooks report it as for the HTTP API. The
 * container commits the batch's offsets only after this returns, so only after the credits committed; a redelivered
 * message is answered as a replay by the partner's reference and credits nothing more.
 *
 * <p>A refusal of a message with a reference, at a known and active partner, is kept with the partner's activities as
 * at the API (the same codes; reported by webhook). A message that cannot be kept there — not JSON, no reference, a
 * topic that names no partner client, a suspended partner — goes to {@code <topic>.refused} with the problem as JSON.
 * A passing failure (the database, a busy platform) is thrown, so the whole batch is tried again with backoff.
 */
class PartnerActivityConsumer implements BatchMessageListener<String, String> {

    private static final Logger log = LoggerFactory.getLogger(PartnerActivityConsumer.class);

    private final PartnerActivities activities;
    private final JsonMapper json;
    private final Pattern topics;
    private final RefusedMessages refused;

    PartnerActivityConsumer(PartnerActivities activities, JsonMapper json, Pattern topics, RefusedMessages refused) {
        this.activities = activities;
        this.json = json;
        this.topics = topics;
        this.refused = refused;
    }

    /** A message that went to the refused topic: the message and why. */
    record Refused(ConsumerRecord<String, String> record, Refusal refusal) {}

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records) {
        var byTopic = new LinkedHashMap<String, List<ConsumerRecord<String, String>>>();
        for (var record : records) {
            byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        }
        var toRefuse = new ArrayList<Refused>();
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> topic : byTopic.entrySet()) {
            receive(topic.getKey(), topic.getValue(), toRefuse);
        }
        // Only after every credit of the batch committed: a failure above retries the batch before anything is refused.
        for (Refused r : toRefuse) {
            refused.send(r.record(), r.refusal());
        }
    }

    private void receive(String topic, List<ConsumerRecord<String, String>> records, List<Refused> toRefuse) {
        PartnerActivities.Caller caller;
        try {
            caller = activities.caller(client(topic));
        } catch (Refusal refusal) {
            records.forEach(r -> toRefuse.add(new Refused(r, refusal)));
            return;
        }
        var readable = new ArrayList<ConsumerRecord<String, String>>(records.size());
        var parsed = new ArrayList<PartnerActivities.Activity>(records.size());
        for (var record : records) {
            try {
                parsed.add(activity(record));
                readable.add(record);
            } catch (Refusal refusal) {
                toRefuse.add(new Refused(record, refusal));
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        PartnerActivities.BulkResult result;
        try {
            result = activities.receiveAll(caller, parsed);
        } catch (Refusal refusal) {
            if (refusal.kind() == Refusal.Kind.BUSY) {
                throw refusal;
            }
            readable.forEach(r -> toRefuse.add(new Refused(r, refusal)));
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug(
                    "{}: {} messages, {} credited, {} held, {} refused, {} checked",
                    topic,
                    result.rows(),
                    result.credited(),
                    result.held(),
                    result.refused(),
                    result.checked());
        }
    }

    /** The partner client a topic is for (its pattern's group {@code client}). */
    String client(String topic) {
        var matcher = topics.matcher(topic);
        if (!matcher.matches()) {
            throw Refusal.forbidden("partner-topic-unknown", null, topic);
        }
        return matcher.group("client");
    }

    /**
     * A message as an activity, the same JSON as the API's; its key is the partner's reference (taken as the
     * reference when the JSON has none; a different one is refused).
     */
    PartnerActivities.Activity activity(ConsumerRecord<String, String> record) {
        String value = record.value();
        PartnerActivities.@Nullable Activity activity;
        try {
            activity = value == null ? null : json.readValue(value, PartnerActivities.Activity.class);
        } catch (JacksonException e) {
            activity = null;
        }
        if (activity == null) {
            throw Refusal.invalid("row-unreadable", "row");
        }
        String key = record.key();
        if (key == null || key.isBlank()) {
            return activity;
        }
        if (activity.reference() == null || activity.reference().isBlank()) {
            return new PartnerActivities.Activity(
                    activity.subject(),
                    activity.scenario(),
                    activity.behaviour(),
                    activity.quantity(),
                    activity.unit(),
                    activity.occurredAt(),
                    activity.region(),
                    activity.parameters(),
                    activity.durationMinutes(),
                    key.strip(),
                    activity.claimKey(),
                    activity.gtin());
        }
        if (!activity.reference().strip().equals(key.strip())) {
            throw Refusal.invalid("reference-not-key", "reference");
        }
        return activity;
    }
}
