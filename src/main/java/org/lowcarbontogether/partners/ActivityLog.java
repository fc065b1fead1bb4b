package org.lowcarbontogether.partners;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What was decided for each activity a partner sent, once per partner, mode and reference, each decision published as a
 * {@link PartnerActivityDecided} in the same transaction. A refused reference may be sent again and decided anew; a
 * credited, held or checked one keeps its first decision (a replay is answered the same and publishes nothing).
 */
@Component
class ActivityLog {

    /** One decision. */
    record Decision(
            UUID partnerId,
            Partners.Mode mode,
            String reference,
            @Nullable UUID linkId,
            @Nullable UUID userId,
            @Nullable String subject,
            @Nullable String scenario,
            @Nullable String behaviour,
            @Nullable String claimKey,
            @Nullable UUID recordId,
            PartnerActivities.Outcome outcome,
            List<String> reasons,
            long reductionGrams,
            @Nullable String methodologyVersion,
            @Nullable LocalDate occurredOn) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ActivityLog(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    void decided(List<Decision> decisions) {
        Instant now = clock.instant();
        for (Decision d : decisions) {
            boolean changed = jdbc.sql("""
                            insert into partner_activity (partner_id, mode, reference, link_id, user_id, scenario, behaviour,
                                claim_key, record_id, outcome, reasons, reduction_grams, methodology_version, received_at,
                                decided_at, occurred_on)
                            values (:partner, :mode, :reference, :link, :user, :scenario, :behaviour, :claim, :record,
                                :outcome, :reasons, :grams, :version, :now, :now, :occurred)
                            on conflict (partner_id, mode, reference) do update set
                                link_id = excluded.link_id, user_id = excluded.user_id, scenario = excluded.scenario,
                                behaviour = excluded.behaviour, claim_key = excluded.claim_key,
                                record_id = excluded.record_id, outcome = excluded.outcome, reasons = excluded.reasons,
                                reduction_grams = excluded.reduction_grams,
                                methodology_version = excluded.methodology_version, received_at = excluded.received_at,
                                decided_at = excluded.decided_at, occurred_on = excluded.occurred_on
                            where partner_activity.outcome = 'REFUSED'
                            returning reference""")
                    .param("partner", d.partnerId())
                    .param("mode", d.mode().name())
                    .param("reference", d.reference())
                    .param("link", d.linkId())
                    .param("user", d.userId())
                    .param("scenario", d.scenario())
                    .param("behaviour", d.behaviour())
                    .param("claim", d.claimKey())
                    .param("record", d.recordId())
                    .param("outcome", d.outcome().name())
                    .param("reasons", new SqlArrayValue("text", d.reasons().toArray()))
                    .param("grams", d.reductionGrams())
                    .param("version", d.methodologyVersion())
                    .param("now", Timestamp.from(now))
                    .param(
                            "occurred",
                            Date.valueOf(d.occurredOn() == null ? ProgrammeCalendar.dayOf(now) : d.occurredOn()))
                    .query(String.class)
                    .optional()
                    .isPresent();
            if (changed) {
                events.publishEvent(new PartnerActivityDecided(
                        d.partnerId(),
                        d.mode().name(),
                        d.reference(),
                        d.subject(),
                        d.outcome().name(),
                        d.reasons(),
                        d.reductionGrams(),
                        d.methodologyVersion(),
                        d.recordId(),
                        now));
            }
        }
    }

    /**
     * A live activity's record changed after its first answer (credited after a review, or reversed): the new outcome
     * is stored and published.
     */
    @Transactional
    void changed(UUID recordId, PartnerActivities.Outcome outcome, PartnerActivities.@Nullable Outcome from) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update partner_activity a set outcome = :outcome, decided_at = :now
                        where record_id = :record and mode = 'LIVE' and outcome <> :outcome
                            and (cast(:from as text) is null or outcome = :from)
                        returning a.partner_id, a.reference, a.reasons, a.reduction_grams, a.methodology_version,
                            (select subject from partner_link l where l.id = a.link_id) as subject""")
                .param("outcome", outcome.name())
                .param("from", from == null ? null : from.name())
                .param("record", recordId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new PartnerActivityDecided(
                        rs.getObject("partner_id", UUID.class),
                        Partners.Mode.LIVE.name(),
                        rs.getString("reference"),
                        rs.getString("subject"),
                        outcome.name(),
                        Partners.strings(rs, "reasons"),
                        rs.getLong("reduction_grams"),
                        rs.getString("methodology_version"),
                        recordId,
                        now))
                .list()
                .forEach(events::publishEvent);
    }

    /**
     * A held live activity was rejected by a reviewer: it is refused with this reason and no reduction, stored and
     * published.
     */
    @Transactional
    void refusedAfterReview(UUID recordId, String reason) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update partner_activity a set outcome = 'REFUSED', reasons = :reasons, reduction_grams = 0,
                            decided_at = :now
                        where record_id = :record and mode = 'LIVE' and outcome = 'HELD'
                        returning a.partner_id, a.reference, a.methodology_version,
                            (select subject from partner_link l where l.id = a.link_id) as subject""")
                .param("reasons", new SqlArrayValue("text", new Object[] {reason}))
                .param("record", recordId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new PartnerActivityDecided(
                        rs.getObject("partner_id", UUID.class),
                        Partners.Mode.LIVE.name(),
                        rs.getString("reference"),
                        rs.getString("subject"),
                        PartnerActivities.Outcome.REFUSED.name(),
                        List.of(reason),
                        0,
                        rs.getString("methodology_version"),
                        recordId,
                        now))
                .list()
                .forEach(events::publishEvent);
    }
}
