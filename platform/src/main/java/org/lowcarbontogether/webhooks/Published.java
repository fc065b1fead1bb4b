package org.lowcarbontogether.webhooks;

import java.util.List;
import java.util.UUID;

/**
 * What {@link Webhooks#publish} wrote: the event's {@code webhook-id} and one message per endpoint subscribed to it
 * (none when no active endpoint of the owner wants the event type).
 */
public record Published(String webhookId, List<UUID> messageIds) {

    public Published {
        messageIds = List.copyOf(messageIds);
    }
}
