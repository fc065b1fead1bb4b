-- The grant agreement of an award: when it was signed, for how much, its conditions, and the signed document (a PDF,
-- checked by its first bytes and its size, kept here like applications' attachments). Officers record it (again, to
-- correct it); the grantee and the officers see it.
create table grant_agreement (
    award_id        uuid        primary key references grant_award (id),
    signed_on       date        not null,
    amount_fen      bigint      not null check (amount_fen > 0),
    currency        text        not null check (currency ~ '^[A-Z]{3}$'),
    conditions      text        not null default '',
    document_name   text        not null,
    document_size   int         not null check (document_size > 0),
    document        bytea       not null,
    document_sha256 text        not null,
    recorded_by     uuid        not null references app_user (id),
    recorded_at     timestamptz not null
);

-- Outputs a grantee reports from outside the platform — reach (media articles, online activity views, offline
-- audiences), participants counted outside the platform, other outputs — each with its method and evidence (a link, or
-- a screenshot or document stored here). An officer, or a reviewer assigned to the award's application, accepts it or
-- queries it with a question the grantee answers. Accepted items are shown apart from the platform's measured figures
-- and never added to them.
create table reported_output (
    id              uuid        primary key,
    award_id        uuid        not null references grant_award (id),
    kind            text        not null,  -- MEDIA_ARTICLE, ONLINE_VIEWS, OFFLINE_AUDIENCE, PARTICIPANTS, OTHER
    description     text        not null,
    quantity        bigint      not null check (quantity >= 0),
    occurred_on     date        not null,
    method          text        not null,
    evidence_link   text,
    evidence_name   text,
    evidence_type   text,
    evidence        bytea,
    evidence_sha256 text,
    status          text        not null default 'SUBMITTED',  -- SUBMITTED, QUERIED, ACCEPTED
    question        text,
    answer          text,
    reported_by     uuid        not null references app_user (id),
    reported_at     timestamptz not null,
    reviewed_by     uuid        references app_user (id),
    reviewed_at     timestamptz,
    constraint reported_output_evidence check (evidence_link is not null or evidence is not null)
);
create index reported_output_award on reported_output (award_id);
