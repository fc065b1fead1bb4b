-- Methodology governance: who drafted a version, who reviewed it, and every step of its way to publication.
alter table methodology_version add column author_id uuid;
alter table methodology_version add column reviewer_id uuid;
alter table methodology_version add column created_at timestamptz not null default now();
alter table methodology_version add column submitted_at timestamptz;
alter table methodology_version add column retired_at timestamptz;

create table methodology_event (
    id          bigint generated always as identity primary key,
    code        text        not null,
    version     text        not null,
    action      text        not null,
    actor_id    uuid,
    comment     text,
    at          timestamptz not null,
    foreign key (code, version) references methodology_version (code, version)
);
create index methodology_event_version on methodology_event (code, version, at);

-- The trail is append-only.
create function methodology_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the methodology trail is append-only: % is not allowed', tg_op;
end $$;
create trigger methodology_event_append_only before update or delete on methodology_event
    for each row execute function methodology_event_append_only();
