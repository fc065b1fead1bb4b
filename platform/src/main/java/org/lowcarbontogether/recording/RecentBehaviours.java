package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The behaviours a person recorded lately, each with what they gave the last time: for offering it again in one tap. */
@Service
public class RecentBehaviours {

    /** A behaviour's last record (kept: credited or held for review): its quantity, unit and region. */
    public record Last(
            String behaviour,
            BigDecimal quantity,
            String unit,
            @Nullable String region) {}

    private final JdbcClient jdbc;

    RecentBehaviours(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person's last {@code limit} distinct behaviours, the most recently recorded first. */
    @Transactional(readOnly = true)
    public List<Last> of(UUID userId, int limit) {
        return jdbc.sql("""
                        select behaviour, quantity, unit, region from (
                            select distinct on (behaviour) behaviour, quantity, unit, region, created_at from activity_record
                            where user_id = :user and status in ('CREDITED', 'FLAGGED')
                            order by behaviour, created_at desc) last
                        order by created_at desc limit :limit""")
                .param("user", userId)
                .param("limit", limit)
                .query((rs, n) -> new Last(
                        rs.getString("behaviour"),
                        rs.getBigDecimal("quantity").stripTrailingZeros(),
                        rs.getString("unit"),
                        rs.getString("region")))
                .list();
    }
}
