package org.lowcarbontogether.grants;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a person did in the grant programme: applications and reports they wrote for their organisation, reviews and
 * scores, and — as an officer — programmes they serve, calls opened, reviewers assigned, awards made. Deleting the
 * account ends their place in programme offices; everything else is the organisations' and the programmes' record and
 * stays under the account's id.
 */
@Component
class GrantsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    GrantsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("programme_officer", "programme-office", Treatment.DELETED, "user_id"),
                Holding.of("programme", "programme-settings", Treatment.KEPT, "potential_updated_by"),
                Holding.of("grant_call", "calls-opened", Treatment.KEPT, "created_by"),
                Holding.of("grant_application", "grant-applications", Treatment.KEPT, "submitted_by"),
                Holding.of("review_assignment", "reviews", Treatment.KEPT, "reviewer_id"),
                Holding.of("review_assignment", "reviewers-assigned", Treatment.KEPT, "assigned_by"),
                Holding.of("review_score", "review-scores", Treatment.KEPT, "reviewer_id"),
                Holding.of("grant_award", "awards-made", Treatment.KEPT, "awarded_by"),
                Holding.of("grantee_report", "grantee-reports", Treatment.KEPT, "submitted_by"),
                Holding.of("award_planned_output", "planned-outputs-set", Treatment.KEPT, "set_by"),
                Holding.of("award_planned_output", "planned-outputs-proposed", Treatment.KEPT, "proposed_by"),
                Holding.of("award_report_schedule", "reports-scheduled", Treatment.KEPT, "created_by"),
                Holding.of("grantee_report_review", "report-reviews", Treatment.KEPT, "reviewed_by"),
                Holding.of("grant_agreement", "agreements-recorded", Treatment.KEPT, "recorded_by"),
                Holding.of("reported_output", "outputs-reported", Treatment.KEPT, "reported_by"),
                Holding.of("reported_output", "outputs-reviewed", Treatment.KEPT, "reviewed_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("programme-office", PersonalData.query(jdbc, """
                        select p.id as programme_id, p.name as programme
                        from programme_officer o join programme p on p.id = o.programme_id where o.user_id = :person""", person));
        export.kind("programme-settings", PersonalData.query(jdbc, """
                        select id as programme_id, name as programme, potential_min_weeks, potential_window_weeks,
                            potential_persistence, potential_updated_at
                        from programme where potential_updated_by = :person""", person));
        export.kind("calls-opened", PersonalData.query(jdbc, """
                        select id, programme_id, title, budget_fen, max_grant_fen, opens_on, closes_on, status, created_at
                        from grant_call where created_by = :person order by created_at""", person));
        export.kind("grant-applications", PersonalData.query(jdbc, """
                        select g.id, g.call_id, g.organisation_id, g.title, g.proposal, g.activities, g.requested_fen,
                            g.planned_behaviours, g.planned_grams, g.planned_participants, g.planned_reach, g.status,
                            g.submitted_at, g.decided_at, g.decision_note,
                            array(select a.filename from application_attachment a where a.application_id = g.id
                                  order by a.filename) as attachments
                        from grant_application g where g.submitted_by = :person order by g.submitted_at""", person));
        export.kind("reviews", PersonalData.query(jdbc, """
                        select application_id, assigned_at, coi_declared_at, has_conflict, conflict_note, submitted_at
                        from review_assignment where reviewer_id = :person order by assigned_at""", person));
        // Reviewers assigned as an officer: the assignment, not who the reviewer is.
        export.kind("reviewers-assigned", PersonalData.query(jdbc, """
                        select application_id, assigned_at from review_assignment
                        where assigned_by = :person and reviewer_id <> :person order by assigned_at""", person));
        export.kind("review-scores", PersonalData.query(jdbc, """
                        select application_id, position, score, comment from review_score
                        where reviewer_id = :person order by application_id, position""", person));
        export.kind("awards-made", PersonalData.query(jdbc, """
                        select id as award_id, application_id, amount_fen, starts_on, ends_on, awarded_at
                        from grant_award where awarded_by = :person order by awarded_at""", person));
        export.kind("grantee-reports", PersonalData.query(jdbc, """
                        select id, award_id, kind, period_from, period_to, narrative, key_findings, recommendations, figures,
                            submitted_at
                        from grantee_report where submitted_by = :person order by submitted_at""", person));
        export.kind("planned-outputs-set", PersonalData.query(jdbc, """
                        select award_id, output, target, due_on, set_at from award_planned_output
                        where set_by = :person order by set_at""", person));
        export.kind("planned-outputs-proposed", PersonalData.query(jdbc, """
                        select award_id, output, proposed_target, proposed_due_on, proposed_at from award_planned_output
                        where proposed_by = :person order by proposed_at""", person));
        export.kind("reports-scheduled", PersonalData.query(jdbc, """
                        select award_id, position, kind, due_on, created_at from award_report_schedule
                        where created_by = :person order by created_at""", person));
        export.kind("report-reviews", PersonalData.query(jdbc, """
                        select report_id, decision, reasons, decided_at from grantee_report_review
                        where reviewed_by = :person order by decided_at""", person));
        export.kind("agreements-recorded", PersonalData.query(jdbc, """
                        select award_id, signed_on, amount_fen, currency, conditions, document_name, document_size,
                            document_sha256, recorded_at
                        from grant_agreement where recorded_by = :person order by recorded_at""", person));
        // The evidence a person uploaded: its link, name, type, size and fingerprint (the file stays with the award's
        // record).
        export.kind("outputs-reported", PersonalData.query(jdbc, """
                        select id, award_id, kind, description, quantity, occurred_on, method, evidence_link, evidence_name,
                            evidence_type, length(evidence) as evidence_bytes, evidence_sha256, status, question, answer,
                            reported_at
                        from reported_output where reported_by = :person order by reported_at""", person));
        export.kind("outputs-reviewed", PersonalData.query(jdbc, """
                        select id, award_id, status, question, reviewed_at from reported_output
                        where reviewed_by = :person order by reviewed_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("delete from programme_officer where user_id = :person")
                .param("person", erasure.person())
                .update();
    }
}
