-- Plan against actual: each award's planned outputs, one row per kind of output. A grantee's organiser or an officer
-- proposes a target and a due date; only an officer sets them (the set target is what the status is judged against).
create table award_planned_output (
    award_id        uuid        not null references grant_award (id),
    output          text        not null,  -- BEHAVIOURS, PARTICIPANTS, REDUCTION_KG, REACH, TRAININGS, EVENTS
    target          bigint      check (target > 0),
    due_on          date,
    set_by          uuid        references app_user (id),
    set_at          timestamptz,
    proposed_target bigint      check (proposed_target > 0),
    proposed_due_on date,
    proposed_by     uuid        references app_user (id),
    proposed_at     timestamptz,
    primary key (award_id, output),
    constraint award_planned_output_set check ((target is null) = (due_on is null)),
    constraint award_planned_output_proposed check ((proposed_target is null) = (proposed_due_on is null))
);

-- The plan against actual as it stood when a grantee report was submitted, kept with the report.
alter table grantee_report add column plan jsonb;
