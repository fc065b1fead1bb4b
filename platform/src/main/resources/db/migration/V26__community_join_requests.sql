-- Members-only communities admit people by an organiser's approval: a request waits until one decides.
create table community_join_request (
    community_id uuid not null references community (id),
    user_id uuid not null references app_user (id),
    requested_at timestamptz not null,
    decided_by uuid references app_user (id),
    decided_at timestamptz,
    approved boolean,
    primary key (community_id, user_id)
);
create index community_join_request_pending on community_join_request (community_id) where decided_at is null;
