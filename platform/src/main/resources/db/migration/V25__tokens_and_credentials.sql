-- Tokens a person controls: what each may do, and when it was last used.
alter table personal_access_token add column scopes text not null default 'read,record,organise';
alter table personal_access_token add column last_used_at timestamptz;

-- Bumped when a person's password or roles change: their other sessions end on their next request.
alter table app_user add column credentials_version integer not null default 0;
