-- Invitations to communities by email: an organiser of the community's organisation invites addresses; the person with
-- that address (an account now, or one registered later) accepts — joining, also a members-only community — or declines,
-- which leaves nothing. An invitation works for 30 days; expired ones are purged when invitations are read or sent.
create table community_invitation (
    id           uuid        primary key,
    community_id uuid        not null references community (id),
    -- the address invited, normalised (lower case); whoever holds an account with it may answer
    email        text        not null,
    invited_by   uuid        not null references app_user (id),
    -- the organiser's personal note, as written (at most 500 characters)
    message      text,
    invited_at   timestamptz not null,
    expires_at   timestamptz not null,
    unique (community_id, email)
);
create index community_invitation_email on community_invitation (email);
create index community_invitation_expires on community_invitation (expires_at);
create index community_invitation_invited_by on community_invitation (invited_by);
