package org.lowcarbontogether.reporting;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.BehaviourCounted;
import org.lowcarbontogether.communities.Participation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Maintained roll-ups for reports over sets of groups — a funded project follows its communities and campaigns, a
 * programme follows those of all its projects. Each ledger entry counts once per roll-up, however many of its groups
 * hold it; dashboards read these tables instead of scanning the ledger.
 */
@Service
public class ImpactRollups {

    public enum Kind {
        PROJECT,
        PROGRAMME,
        /** A coalition's pool: its own groups and those of its accepted members. */
        COALITION,
        /** One member's contribution to a coalition's pool (its id is the membership's). */
        COALITION_MEMBER
    }

    /** A report's roll-up: one project or one programme. */
    public record Ref(Kind kind, UUID id) {
        public static Ref project(UUID id) {
            return new Ref(Kind.PROJECT, id);
        }

        public static Ref programme(UUID id) {
            return new Ref(Kind.PROGRAMME, id);
        }

        public static Ref coalition(UUID id) {
            return new Ref(Kind.COALITION, id);
        }

        public static Ref coalitionMember(UUID membershipId) {
            return new Ref(Kind.COALITION_MEMBER, membershipId);
        }
    }

    private final JdbcClient jdbc;
    private final Participation participation;

    ImpactRollups(JdbcClient jdbc, Participation participation) {
        this.jdbc = jdbc;
        this.participation = participation;
    }

    /**
     * The roll-up follows a group from a date on: what the group already counted since then is taken in at once,
     * what it counts later arrives by event. Following a group twice changes nothing.
     */
    @Transactional
    public void follow(Ref ref, Participation.Scope scope, LocalDate countsFrom) {
        int fresh = jdbc.sql("""
                        insert into rollup_source (rollup_kind, rollup_id, scope_kind, scope_id, counts_from)
                        values (:kind, :id, :scopeKind, :scopeId, :from) on conflict do nothing""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("scopeKind", scope.kind().name())
                .param("scopeId", scope.id())
                .param("from", Date.valueOf(countsFrom))
                .update();
        if (fresh > 0) {
            backfill(ref, scope, countsFrom);
            // An entry committed while this transaction was open was neither read above nor seen by the listener (it
            // could not see the new source yet): read the group again once this commits. Counting is idempotent.
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        backfill(ref, scope, countsFrom);
                    }
                });
            }
        }
    }

    /** The groups a roll-up follows now. */
    public Set<Participation.Scope> followed(Ref ref) {
        return new HashSet<>(jdbc.sql("""
                        select scope_kind, scope_id from rollup_source where rollup_kind = :kind and rollup_id = :id""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .query((rs, n) -> new Participation.Scope(
                        Participation.ScopeKind.valueOf(rs.getString(1)), rs.getObject(2, UUID.class)))
                .list());
    }

    /**
     * Forgets everything a roll-up counted and the groups it followed, so it can be built again from the groups it
     * should follow now (a coalition whose member left). Published releases are kept unchanged, as always.
     */
    @Transactional
    public void forget(Ref ref) {
        for (String table : List.of(
                "rollup_source",
                "rollup_counted_entry",
                "rollup_daily",
                "rollup_user_day",
                "rollup_user_key",
                "rollup_key",
                "rollup_snapshot")) {
            jdbc.sql("delete from " + table + " where rollup_kind = :kind and rollup_id = :id")
                    .param("kind", ref.kind().name())
                    .param("id", ref.id())
                    .update();
        }
    }

    /** Counts what the group has counted since the date into this roll-up; idempotent per entry. */
    private void backfill(Ref ref, Participation.Scope scope, LocalDate countsFrom) {
        participation.activitySince(scope, countsFrom).forEach(counted -> apply(counted, ref));
    }

    @ApplicationModuleListener
    void on(BehaviourCounted counted) {
        apply(counted, null);
    }

    /** Counts the entry into every roll-up that follows its group (or only {@code only}), each once. One statement. */
    private void apply(BehaviourCounted c, @Nullable Ref only) {
        jdbc.sql("""
                        with targets as (
                            select rollup_kind, rollup_id from rollup_source
                            where scope_kind = :scopeKind and scope_id = :scopeId and counts_from <= cast(:day as date)
                              and (cast(:onlyKind as text) is null or (rollup_kind = :onlyKind and rollup_id = cast(:onlyId as uuid)))
                        ), counted as (
                            insert into rollup_counted_entry (rollup_kind, rollup_id, entry_id)
                            select rollup_kind, rollup_id, cast(:entry as uuid) from targets
                            on conflict do nothing returning rollup_kind, rollup_id
                        ), daily as (
                            insert into rollup_daily (rollup_kind, rollup_id, day, category, evidence, region, behaviours,
                                grams_recorded, grams_restated)
                            select rollup_kind, rollup_id, cast(:day as date), cast(:category as text), cast(:evidence as text),
                                cast(:region as text), cast(:delta as int), cast(:recorded as bigint), cast(:grams as bigint)
                            from counted
                            on conflict (rollup_kind, rollup_id, day, category, evidence, region) do update
                            set behaviours = rollup_daily.behaviours + excluded.behaviours,
                                grams_recorded = rollup_daily.grams_recorded + excluded.grams_recorded,
                                grams_restated = rollup_daily.grams_restated + excluded.grams_restated
                        ), by_behaviour as (
                            -- per behaviour, for the split by gas basis; no people are counted here
                            insert into rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded, grams_restated,
                                participants)
                            select rollup_kind, rollup_id, 'BEHAVIOUR', cast(:behaviour as text), cast(:delta as int),
                                cast(:recorded as bigint), cast(:grams as bigint), 0
                            from counted
                            on conflict (rollup_kind, rollup_id, key_kind, key) do update
                            set behaviours = rollup_key.behaviours + excluded.behaviours,
                                grams_recorded = rollup_key.grams_recorded + excluded.grams_recorded,
                                grams_restated = rollup_key.grams_restated + excluded.grams_restated
                        ), keys as (
                            select * from (values ('ALL', ''), ('MONTH', cast(:month as text)), ('CATEGORY', cast(:category as text)),
                                ('EVIDENCE', cast(:evidence as text)), ('REGION', cast(:region as text)),
                                ('MONTH_CATEGORY', cast(:month as text) || '|' || cast(:category as text)),
                                ('MONTH_REGION', cast(:month as text) || '|' || cast(:region as text)),
                                ('MONTH_EVIDENCE', cast(:month as text) || '|' || cast(:evidence as text))) k(key_kind, key)
                        ), people as (
                            insert into rollup_user_key (rollup_kind, rollup_id, key_kind, key, user_id, behaviours)
                            select c.rollup_kind, c.rollup_id, k.key_kind, k.key, cast(:user as uuid), cast(:delta as int)
                            from counted c cross join keys k
                            on conflict (rollup_kind, rollup_id, key_kind, key, user_id) do update
                            set behaviours = rollup_user_key.behaviours + excluded.behaviours
                            returning rollup_kind, rollup_id, key_kind, key, behaviours as after,
                                behaviours - cast(:delta as int) as before
                        ), per_key as (
                            -- a person counts under a key while their net number of behaviours there is positive
                            insert into rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded, grams_restated,
                                participants)
                            select rollup_kind, rollup_id, key_kind, key, cast(:delta as int), cast(:recorded as bigint),
                                cast(:grams as bigint),
                                case when before <= 0 and after > 0 then 1 when before > 0 and after <= 0 then -1 else 0 end
                            from people
                            on conflict (rollup_kind, rollup_id, key_kind, key) do update
                            set behaviours = rollup_key.behaviours + excluded.behaviours,
                                grams_recorded = rollup_key.grams_recorded + excluded.grams_recorded,
                                grams_restated = rollup_key.grams_restated + excluded.grams_restated,
                                participants = rollup_key.participants + excluded.participants
                        )
                        insert into rollup_user_day (rollup_kind, rollup_id, day, user_id, behaviour, region, evidence, category,
                            behaviours, grams)
                        select rollup_kind, rollup_id, cast(:day as date), cast(:user as uuid), cast(:behaviour as text),
                            cast(:region as text), cast(:evidence as text), cast(:category as text), cast(:delta as int),
                            cast(:grams as bigint)
                        from counted
                        on conflict (rollup_kind, rollup_id, day, user_id, behaviour, region, evidence) do update
                        set behaviours = rollup_user_day.behaviours + excluded.behaviours,
                            grams = rollup_user_day.grams + excluded.grams""")
                .param("scopeKind", c.scope().kind().name())
                .param("scopeId", c.scope().id())
                .param("day", Date.valueOf(c.occurredOn()))
                .param("onlyKind", only == null ? null : only.kind().name())
                .param("onlyId", only == null ? null : only.id())
                .param("entry", c.entryId())
                .param("category", c.category())
                .param("evidence", c.evidence())
                .param("region", c.region() == null ? "" : c.region())
                .param("delta", c.behaviourDelta())
                .param("recorded", c.gramsRecorded())
                .param("grams", c.grams())
                .param("user", c.userId())
                .param("behaviour", c.behaviour())
                .param("month", c.occurredOn().toString().substring(0, 7))
                .update();
    }
}
