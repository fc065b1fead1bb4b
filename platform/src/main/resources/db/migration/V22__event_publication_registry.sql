-- Spring Modulith's event publication registry (its JDBC schema v2, as spring-modulith-events-jdbc 2.0 ships it for
-- PostgreSQL), owned by the migrations from here on so it can be tuned; Modulith created it itself before, hence
-- "if not exists". Keep it in step with Modulith's schema when upgrading Modulith.
create table if not exists event_publication (
    id                     uuid                     not null,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

-- A group's event is stored once per listener (four for a credit) and is large: ~0.4 MB for a 1,000-row bulk chunk.
-- Compressing each copy with pglz was a tenth of the database's time in a bulk upload (perf/record-api.sh), for rows
-- that live only until their listener is done. Kept out of line uncompressed instead (the embedded build has no lz4).
alter table event_publication alter column serialized_event set storage external;
