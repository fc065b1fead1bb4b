package org.lowcarbontogether.schools;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.recording.BehaviourLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pupils record only their grade band's behaviours ({@link SchoolBehaviours}), whichever door their records come
 * through: the record path asks once per group written, one indexed lookup of the group's people among pupils.
 */
@Component
class PupilBehaviourLimits implements BehaviourLimits {

    private final JdbcClient jdbc;

    PupilBehaviourLimits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<UUID, Set<String>> limitsAmong(Collection<UUID> people) {
        if (people.isEmpty()) {
            return Map.of();
        }
        var limits = new HashMap<UUID, Set<String>>();
        jdbc.sql("""
                        select p.user_id, c.grade from school_pupil p join school_class c on c.id = p.class_id
                        where p.user_id = any(:people)""")
                .param("people", people.toArray(UUID[]::new))
                .query((rs, n) -> limits.put(
                        rs.getObject("user_id", UUID.class), SchoolBehaviours.codesForGrade(rs.getInt("grade"))))
                .list();
        return limits;
    }
}
