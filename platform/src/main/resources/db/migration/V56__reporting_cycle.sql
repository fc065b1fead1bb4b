-- The reporting cycle: each award's report schedule (interim and final reports with due dates), the officer's review
-- of each report (accept, or request changes with reasons, then the grantee resubmits), and tranches released only
-- once a scheduled report is accepted.
create table award_report_schedule (
    award_id   uuid        not null references grant_award (id),
    position   int         not null,
    kind       text        not null,  -- INTERIM or FINAL
    due_on     date        not null,
    created_by uuid        not null references app_user (id),
    created_at timestamptz not null,
    primary key (award_id, position)
);
create index award_report_schedule_due on award_report_schedule (due_on);

alter table grantee_report add column schedule_position int;
alter table grantee_report add column review_status text not null default 'SUBMITTED';  -- SUBMITTED, CHANGES_REQUESTED, ACCEPTED
alter table grantee_report add column reviewed_at timestamptz;
create unique index grantee_report_scheduled on grantee_report (award_id, schedule_position) where schedule_position is not null;

-- Every review decision, in order (a report may go back and forth before it is accepted).
create table grantee_report_review (
    report_id   uuid        not null references grantee_report (id),
    decided_at  timestamptz not null,
    decision    text        not null,  -- ACCEPTED or CHANGES_REQUESTED
    reasons     text        not null default '',
    reviewed_by uuid        not null references app_user (id),
    primary key (report_id, decided_at)
);

-- A tranche that waits for a scheduled report: not releasable before that report is accepted.
alter table award_tranche add column after_report int;
