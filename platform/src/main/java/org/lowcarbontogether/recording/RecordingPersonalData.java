package org.lowcarbontogether.recording;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's records as reported (each with its status, reasons and the ledger entry that holds its calculation), the
 * real-world events they claimed, and what they did to others' records as an organiser or reviewer. Kept when the
 * account is deleted, under the account's id: the ledger, the programme's figures and the one-claim-per-event rule rest
 * on them.
 */
@Component
class RecordingPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    RecordingPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("activity_record", "records", Treatment.KEPT, "user_id"),
                Holding.of("activity_record", "records-entered-for-others", Treatment.KEPT, "entered_by"),
                Holding.of("activity_record", "records-reviewed", Treatment.KEPT, "reviewed_by"),
                Holding.of("restatement", "restatements", Treatment.KEPT, "actor_id"),
                Holding.of("external_claim", "claims", Treatment.KEPT, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("records", PersonalData.query(jdbc, """
                        select id, behaviour, quantity, unit, base_quantity, occurred_at, occurred_on, duration_minutes, region,
                            parameters, evidence, channel, external_ref, status, reason_codes, rules_version, reduction_grams,
                            methodology_version, effective_grams, effective_version, ledger_entry_id, entered_by, reviewed_by,
                            reviewed_at, review_note, created_at
                        from activity_record where user_id = :person order by occurred_at, id""", person));
        export.kind("records-entered-for-others", PersonalData.query(jdbc, """
                        select id as record_id, behaviour, quantity, unit, occurred_at, channel, status, created_at
                        from activity_record where entered_by = :person and user_id <> :person order by created_at""", person));
        export.kind("records-reviewed", PersonalData.query(jdbc, """
                        select id as record_id, behaviour, status, reviewed_at, review_note
                        from activity_record where reviewed_by = :person and user_id <> :person order by reviewed_at""", person));
        export.kind("restatements", PersonalData.query(jdbc, """
                        select id, target_version, behaviours, occurred_from, occurred_to, reason, started_at, finished_at,
                            records_examined, records_adjusted, records_unchanged, records_not_credited, delta_grams
                        from restatement where actor_id = :person order by started_at""", person));
        export.kind(
                "claims",
                PersonalData.query(
                        jdbc,
                        "select reference, record_id, channel, claimed_at from external_claim where user_id = :person order by claimed_at",
                        person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Kept: see the class comment.
    }
}
