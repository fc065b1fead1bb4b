-- The programme office's small-grant cycle: programmes, calls, applications, reviews, awards, tranches, milestones and
-- grantee reports. Money is in fen (1/100 yuan), as integers.

create table programme (
    id              uuid        primary key,
    name            text        not null,
    description     text        not null default '',
    organisation_id uuid        not null references organisation (id),  -- the programme office, which also runs capacity-building events
    created_at      timestamptz not null,
    -- the potential continuing annual reduction model, adjustable by the programme's officers
    potential_min_weeks    int           not null default 6,
    potential_window_weeks int           not null default 12,
    potential_persistence  numeric(4, 3) not null default 1.000,
    potential_updated_by   uuid          references app_user (id),
    potential_updated_at   timestamptz,
    -- the executive summary's own parts, entered by officers
    key_findings           text          not null default '',
    recommendations        text          not null default '',
    constraint programme_potential check (potential_min_weeks between 1 and potential_window_weeks
        and potential_window_weeks between 1 and 52 and potential_persistence > 0 and potential_persistence <= 1)
);

create table programme_officer (
    programme_id uuid not null references programme (id),
    user_id      uuid not null references app_user (id),
    primary key (programme_id, user_id)
);

create table grant_call (
    id               uuid        primary key,
    programme_id     uuid        not null references programme (id),
    title            text        not null,
    description      text        not null default '',
    themes           text[]      not null default '{}',
    eligibility      text        not null default '',
    budget_fen       bigint      not null check (budget_fen > 0),
    max_grant_fen    bigint      not null check (max_grant_fen > 0),
    opens_on         date        not null,
    closes_on        date        not null,
    status           text        not null,   -- OPEN, CLOSED, DECIDED
    created_by       uuid        not null references app_user (id),
    created_at       timestamptz not null,
    constraint grant_call_dates check (closes_on >= opens_on),
    constraint grant_call_max check (max_grant_fen <= budget_fen)
);
create index grant_call_programme on grant_call (programme_id);

create table call_criterion (
    call_id     uuid not null references grant_call (id),
    position    int  not null,
    name        text not null,
    description text not null default '',
    weight      int  not null check (weight between 1 and 100),
    primary key (call_id, position)
);

create table grant_application (
    id                   uuid        primary key,
    call_id              uuid        not null references grant_call (id),
    organisation_id      uuid        not null references organisation (id),
    title                text        not null,
    proposal             text        not null,
    activities           text        not null default '',
    requested_fen        bigint      not null check (requested_fen > 0),
    planned_behaviours   bigint,
    planned_grams        bigint,
    planned_participants bigint,
    planned_reach        bigint,
    status               text        not null,  -- SUBMITTED, UNDER_REVIEW, AWARDED, DECLINED
    submitted_by         uuid        not null references app_user (id),
    submitted_at         timestamptz not null,
    decided_at           timestamptz,
    decision_note        text,
    unique (call_id, organisation_id, title)
);
create index grant_application_call on grant_application (call_id);
create index grant_application_organisation on grant_application (organisation_id);

create table application_attachment (
    id             uuid    primary key,
    application_id uuid    not null references grant_application (id),
    filename       text    not null,
    content_type   text    not null,
    size_bytes     int     not null,
    bytes          bytea   not null,
    sha256         text    not null
);

-- A reviewer declares conflicts of interest before they can score; a declared conflict ends their part.
create table review_assignment (
    application_id uuid        not null references grant_application (id),
    reviewer_id    uuid        not null references app_user (id),
    assigned_by    uuid        not null references app_user (id),
    assigned_at    timestamptz not null,
    coi_declared_at timestamptz,
    has_conflict   boolean,
    conflict_note  text,
    submitted_at   timestamptz,
    primary key (application_id, reviewer_id)
);
create index review_assignment_reviewer on review_assignment (reviewer_id);

create table review_score (
    application_id uuid not null,
    reviewer_id    uuid not null,
    position       int  not null,
    score          int  not null check (score between 0 and 10),
    comment        text not null default '',
    primary key (application_id, reviewer_id, position),
    foreign key (application_id, reviewer_id) references review_assignment (application_id, reviewer_id)
);

-- An awarded application becomes a funded project.
create table grant_award (
    id             uuid        primary key,
    application_id uuid        not null unique references grant_application (id),
    amount_fen     bigint      not null check (amount_fen > 0),
    starts_on      date        not null,
    ends_on        date        not null,
    awarded_by     uuid        not null references app_user (id),
    awarded_at     timestamptz not null,
    constraint grant_award_period check (ends_on >= starts_on)
);

create table award_tranche (
    award_id    uuid   not null references grant_award (id),
    position    int    not null,
    amount_fen  bigint not null check (amount_fen > 0),
    condition   text   not null default '',
    due_on      date   not null,
    paid_on     date,
    payment_reference text,
    primary key (award_id, position)
);

create table award_milestone (
    award_id     uuid not null references grant_award (id),
    position     int  not null,
    title        text not null,
    due_on       date not null,
    completed_on date,
    primary key (award_id, position)
);

-- The communities and campaigns whose activity is the project's measured output.
create table project_link (
    award_id   uuid not null references grant_award (id),
    scope_kind text not null,  -- COMMUNITY or CAMPAIGN
    scope_id   uuid not null,
    primary key (award_id, scope_kind, scope_id)
);

create table grantee_report (
    id              uuid        primary key,
    award_id        uuid        not null references grant_award (id),
    kind            text        not null,  -- MILESTONE or FINAL
    period_from     date        not null,
    period_to       date        not null,
    narrative       text        not null,
    key_findings    text        not null default '',
    recommendations text        not null default '',
    figures         jsonb       not null,  -- the platform's figures for the period, as computed at submission
    submitted_by    uuid        not null references app_user (id),
    submitted_at    timestamptz not null
);
create unique index grantee_report_final on grantee_report (award_id) where kind = 'FINAL';
