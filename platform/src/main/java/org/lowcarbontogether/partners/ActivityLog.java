package org.lowcarbontogether.partners;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What was decided for each activity a partner sent, once per partner, mode and reference, the decisions of a batch
 * published together as one {@link PartnerActivitiesDecided} in the same transaction. A refused reference may be sent again and decided anew; a
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
            @Nullable LocalDate occurredOn,
            @Nullable String fingerprint) {}

    /** A decision kept for a reference: what a replay of it is answered, and the fingerprint it must match. */
    record Kept(
            String reference,
            PartnerActivities.Outcome outcome,
            List<String> reasons,
            long reductionGrams,
            @Nullable String methodologyVersion,
            @Nullable UUID recordId,
            @Nullable String fingerprint) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ActivityLog(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * The decisions kept for these references that a replay is answered with: every one but a refusal (a refused
     * reference may be sent again and decided anew).
     */
    Map<String, Kept> kept(UUID partnerId, Partners.Mode mode, Collection<String> references) {
        var kept = new HashMap<String, Kept>();
        if (references.isEmpty()) {
            return kept;
        }
        jdbc.sql("""
                        select reference, outcome, reasons, reduction_grams, methodology_version, record_id, fingerprint
                        from partner_activity
                        where partner_id = :partner and mode = :mode and reference = any(:references) and outcome <> 'REFUSED'""")
                .param("partner", partnerId)
                .param("mode", mode.name())
                .param("references", new SqlArrayValue("text", references.toArray()))
                .query((rs, n) -> kept.put(
                        rs.getString(1),
                        new Kept(
                                rs.getString(1),
                                PartnerActivities.Outcome.valueOf(rs.getString(2)),
                                List.of((String[]) rs.getArray(3).getArray()),
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getObject(6, UUID.class),
                                rs.getString(7))))
                .list();
        return kept;
    }

    @Transactional
    void decided(List<Decision> decisions) {
        Instant now = clock.instant();
        var published = new ArrayList<PartnerActivityDecided>();
        // One statement per round; a reference sent twice in one batch goes in a later round, so its second decision
        // meets the first as a replay would (a conflict cannot touch a row twice in one statement).
        for (var round : rounds(decisions)) {
            var stored = new HashSet<String>(insert(round, now));
            for (Decision d : round) {
                if (stored.remove(key(d.partnerId(), d.mode().name(), d.reference()))) {
                    published.add(new PartnerActivityDecided(
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
        publish(published);
    }

    private static List<List<Decision>> rounds(List<Decision> decisions) {
        var rounds = new ArrayList<List<Decision>>();
        var seen = new HashMap<String, Integer>();
        for (Decision d : decisions) {
            int round = seen.merge(key(d.partnerId(), d.mode().name(), d.reference()), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(d);
        }
        return rounds;
    }

    private static String key(UUID partner, String mode, String reference) {
        return partner + "/" + mode + "/" + reference;
    }

    /** Inserts a round's decisions (or replaces refused ones); answers the keys it stored. */
    private List<String> insert(List<Decision> round, Instant now) {
        int n = round.size();
        Object[] partner = new Object[n], mode = new Object[n], reference = new Object[n], outcome = new Object[n];
        Object[] reasons = new Object[n], grams = new Object[n], occurred = new Object[n];
        @Nullable Object[] link = new Object[n], user = new Object[n], scenario = new Object[n];
        @Nullable Object[] behaviour = new Object[n], claim = new Object[n], record = new Object[n];
        @Nullable Object[] version = new Object[n], fingerprint = new Object[n];
        for (int i = 0; i < n; i++) {
            Decision d = round.get(i);
            partner[i] = d.partnerId();
            mode[i] = d.mode().name();
            reference[i] = d.reference();
            link[i] = d.linkId();
            user[i] = d.userId();
            scenario[i] = d.scenario();
            behaviour[i] = d.behaviour();
            claim[i] = d.claimKey();
            record[i] = d.recordId();
            outcome[i] = d.outcome().name();
            // Reason codes are kebab-case: a space separates them.
            reasons[i] = String.join(" ", d.reasons());
            grams[i] = d.reductionGrams();
            version[i] = d.methodologyVersion();
            fingerprint[i] = d.fingerprint();
            occurred[i] = Date.valueOf(d.occurredOn() == null ? ProgrammeCalendar.dayOf(now) : d.occurredOn());
        }
        return jdbc.sql("""
                        insert into partner_activity (partner_id, mode, reference, link_id, user_id, scenario, behaviour,
                            claim_key, record_id, outcome, reasons, reduction_grams, methodology_version, received_at,
                            decided_at, occurred_on, fingerprint)
                        select r.partner_id, r.mode, r.reference, r.link_id, r.user_id, r.scenario, r.behaviour,
                            r.claim_key, r.record_id, r.outcome, coalesce(string_to_array(nullif(r.reasons, ''), ' '), '{}'),
                            r.grams, r.version, :now, :now, r.occurred, r.fingerprint
                        from unnest(:partner, :mode, :reference, :link, :user, :scenario, :behaviour, :claim, :record,
                            :outcome, :reasons, :grams, :version, :occurred, :fingerprint)
                            as r (partner_id, mode, reference, link_id, user_id, scenario, behaviour, claim_key, record_id,
                                outcome, reasons, grams, version, occurred, fingerprint)
                        on conflict (partner_id, mode, reference) do update set
                            link_id = excluded.link_id, user_id = excluded.user_id, scenario = excluded.scenario,
                            behaviour = excluded.behaviour, claim_key = excluded.claim_key,
                            record_id = excluded.record_id, outcome = excluded.outcome, reasons = excluded.reasons,
                            reduction_grams = excluded.reduction_grams,
                            methodology_version = excluded.methodology_version, received_at = excluded.received_at,
                            decided_at = excluded.decided_at, occurred_on = excluded.occurred_on,
                            fingerprint = excluded.fingerprint
                        where partner_activity.outcome = 'REFUSED'
                        returning partner_id, mode, reference""")
                .param("partner", new SqlArrayValue("uuid", partner))
                .param("mode", new SqlArrayValue("text", mode))
                .param("reference", new SqlArrayValue("text", reference))
                .param("link", nullable("uuid", link))
                .param("user", nullable("uuid", user))
                .param("scenario", nullable("text", scenario))
                .param("behaviour", nullable("text", behaviour))
                .param("claim", nullable("text", claim))
                .param("record", nullable("uuid", record))
                .param("outcome", new SqlArrayValue("text", outcome))
                .param("reasons", new SqlArrayValue("text", reasons))
                .param("grams", new SqlArrayValue("int8", grams))
                .param("version", nullable("text", version))
                .param("occurred", new SqlArrayValue("date", occurred))
                .param("fingerprint", nullable("text", fingerprint))
                .param("now", Timestamp.from(now))
                .query((rs, i) ->
                        key(rs.getObject("partner_id", UUID.class), rs.getString("mode"), rs.getString("reference")))
                .list();
    }

    /** An array whose elements may be null (SQL nulls). */
    @SuppressWarnings("NullAway") // PostgreSQL arrays hold nulls; SqlArrayValue's elements are not annotated for them
    private static SqlArrayValue nullable(String type, @Nullable Object[] values) {
        return new SqlArrayValue(type, values);
    }

    private void publish(List<PartnerActivityDecided> decided) {
        if (!decided.isEmpty()) {
            events.publishEvent(new PartnerActivitiesDecided(decided));
        }
    }

    /**
     * A live activity's record changed after its first answer (credited after a review, or reversed): the new outcome
     * is stored and published.
     */
    @Transactional
    void changed(List<UUID> recordIds, PartnerActivities.Outcome outcome, PartnerActivities.@Nullable Outcome from) {
        if (recordIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        publish(jdbc.sql("""
                        update partner_activity a set outcome = :outcome, decided_at = :now
                        where record_id = any(:records) and mode = 'LIVE' and outcome <> :outcome
                            and (cast(:from as text) is null or outcome = :from)
                        returning a.partner_id, a.reference, a.reasons, a.reduction_grams, a.methodology_version,
                            a.record_id, (select subject from partner_link l where l.id = a.link_id) as subject""")
                .param("outcome", outcome.name())
                .param("from", from == null ? null : from.name())
                .param("records", new SqlArrayValue("uuid", recordIds.toArray()))
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
                        rs.getObject("record_id", UUID.class),
                        now))
                .list());
    }

    /**
     * A held live activity was rejected by a reviewer: it is refused with this reason and no reduction, stored and
     * published.
     */
    @Transactional
    void refusedAfterReview(UUID recordId, String reason) {
        Instant now = clock.instant();
        publish(jdbc.sql("""
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
                .list());
    }
}
