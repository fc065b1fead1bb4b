package org.lowcarbontogether.webhooks;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which messages of the delivery log to read: all by default; of one endpoint, in one state, of one event type, and
 * made before an instant (to read on from the last of a page).
 */
public record DeliveryFilter(
        @Nullable UUID endpointId,
        Delivery.@Nullable State state,
        @Nullable String eventType,
        @Nullable Instant before) {

    /** Every message. */
    public static DeliveryFilter all() {
        return new DeliveryFilter(null, null, null, null);
    }

    public DeliveryFilter endpoint(UUID endpoint) {
        return new DeliveryFilter(endpoint, state, eventType, before);
    }

    public DeliveryFilter inState(Delivery.State wanted) {
        return new DeliveryFilter(endpointId, wanted, eventType, before);
    }

    public DeliveryFilter ofType(String type) {
        return new DeliveryFilter(endpointId, state, type, before);
    }

    public DeliveryFilter madeBefore(Instant instant) {
        return new DeliveryFilter(endpointId, state, eventType, instant);
    }
}
