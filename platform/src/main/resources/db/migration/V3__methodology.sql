-- Methodology versions: each version is one JSON document, hashed. Published versions never change.
create table methodology_version (
    code          text        not null,
    version       text        not null,
    status        text        not null check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED')),
    document      jsonb       not null,
    content_hash  text        not null,
    published_at  timestamptz,
    primary key (code, version)
);

create function methodology_version_immutable() returns trigger language plpgsql as $$
begin
    if old.status in ('PUBLISHED', 'RETIRED') then
        if tg_op = 'DELETE' then
            raise exception 'methodology % % is published and cannot be deleted', old.code, old.version;
        end if;
        if new.document is distinct from old.document or new.content_hash is distinct from old.content_hash
                or new.version is distinct from old.version or new.code is distinct from old.code then
            raise exception 'methodology % % is published and cannot change', old.code, old.version;
        end if;
        if old.status = 'RETIRED' and new.status <> 'RETIRED' then
            raise exception 'methodology % % is retired', old.code, old.version;
        end if;
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger methodology_version_immutable before update or delete on methodology_version
    for each row execute function methodology_version_immutable();
