-- Coalitions pool the work of their member organisations (programme recommendation 4.8).

-- A coalition organisation's member organisations. A membership is INVITED by the coalition's organisers, ACCEPTED or
-- DECLINED by the member's organisers, and ENDED by either side; who did each step is in the audit log. Only accepted
-- memberships are pooled, from the day (China time) they were accepted.
create table coalition_member (
    id              uuid        primary key,
    coalition_id    uuid        not null references organisation (id),
    organisation_id uuid        not null references organisation (id),
    state           text        not null check (state in ('INVITED', 'ACCEPTED', 'DECLINED', 'ENDED')),
    invited_at      timestamptz not null,
    accepted_on     date,
    ended_at        timestamptz,
    check (coalition_id <> organisation_id)
);
-- one open (invited or accepted) membership per pair; declined and ended ones stay as history
create unique index coalition_member_open on coalition_member (coalition_id, organisation_id)
    where state in ('INVITED', 'ACCEPTED');
create index coalition_member_organisation on coalition_member (organisation_id);

-- A coalition's joint report: the coalition's organisers publish it; once published the public sees it, suppressed.
create table coalition_report (
    coalition_id uuid        primary key references organisation (id),
    summary_en   text        not null default '',
    summary_zh   text        not null default '',
    published_at timestamptz
);

-- Organisations that run a campaign together with its owner (a coalition's joint campaign names its members).
create table campaign_co_organiser (
    campaign_id     uuid        not null references campaign (id),
    organisation_id uuid        not null references organisation (id),
    added_at        timestamptz not null,
    primary key (campaign_id, organisation_id)
);
create index campaign_co_organiser_organisation on campaign_co_organiser (organisation_id);
