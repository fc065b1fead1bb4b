package org.lowcarbontogether.recording;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.shared.Refusal;

/**
 * A service provider interface for a module that limits some people to a subset of the methodology's behaviours (the
 * {@code schools} module: a pupil records only what suits their grade). Every record door asks every bean implementing
 * it, once per group written ({@link GroupWrite}); a record of a behaviour outside the person's subset is refused with
 * {@link #refusal} (422 {@code behaviour-not-for-pupils} on the field {@code behaviour}) and nothing of it is kept.
 */
public interface BehaviourLimits {

    /**
     * Of these people, the ones limited to a subset, each with the behaviour codes they may record; people absent from
     * the map are not limited. One statement for the whole group.
     */
    Map<UUID, Set<String>> limitsAmong(Collection<UUID> people);

    /** The refusal a record outside its person's subset gets. */
    static Refusal refusal() {
        return Refusal.unacceptable("behaviour-not-for-pupils", "behaviour");
    }
}
