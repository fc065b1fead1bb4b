package org.lowcarbontogether.webhooks;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Names owners for administrators' pages: a module whose parties own endpoints (partners) answers for its own, so the
 * administrator reads a name in their language rather than an id. Owners nobody names are shown by id.
 */
public interface WebhookOwnerNames {

    /** The names of those of these owners this module knows, in Chinese or English. */
    Map<UUID, String> names(Collection<UUID> ownerIds, boolean chinese);
}
