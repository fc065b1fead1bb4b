-- Stories: the public narration of low-carbon consumption, moderated, with counted views and shares (reach).

create table story (
    id              uuid        primary key,
    author_id       uuid        not null references app_user (id),
    organisation_id uuid        references organisation (id),  -- whose organisers moderate it; none: platform reviewers
    community_id    uuid,
    campaign_id     uuid,
    title           text        not null,
    body            text        not null,
    status          text        not null,  -- SUBMITTED, PUBLISHED, REJECTED
    moderated_by    uuid        references app_user (id),
    moderated_at    timestamptz,
    moderation_note text,
    created_at      timestamptz not null,
    published_at    timestamptz,
    constraint story_status check (status in ('SUBMITTED', 'PUBLISHED', 'REJECTED'))
);
create index story_published on story (published_at desc) where status = 'PUBLISHED';
create index story_queue on story (organisation_id, created_at) where status = 'SUBMITTED';
create index story_community on story (community_id) where community_id is not null;
create index story_campaign on story (campaign_id) where campaign_id is not null;
create index story_author on story (author_id);

-- Photos are decoded, checked and re-encoded before they are stored (no metadata such as GPS survives).
create table story_photo (
    id           uuid    primary key,
    story_id     uuid    not null references story (id),
    position     int     not null,
    content_type text    not null,
    width        int     not null,
    height       int     not null,
    bytes        bytea   not null,
    sha256       text    not null,
    unique (story_id, position)
);

-- One view and one share per visitor per story per day; the visitor is stored only as a salted hash.
create table story_reach_visit (
    story_id uuid not null references story (id),
    day      date not null,
    kind     text not null,  -- VIEW or SHARE
    visitor  text not null,
    primary key (story_id, day, kind, visitor)
);

create table story_reach_daily (
    story_id uuid   not null references story (id),
    day      date   not null,
    views    bigint not null default 0,
    shares   bigint not null default 0,
    primary key (story_id, day)
);

-- A random salt per day for visitor hashes; salts older than a few days are deleted, after which a day's hashes
-- can no longer be linked to anyone.
create table reach_salt (
    day  date  primary key,
    salt bytea not null
);

-- The key that signs visitor cookies, so that only cookies the platform issued count as visitors.
create table reach_key (
    id     int   primary key check (id = 1),
    secret bytea not null
);
