-- Metro and rail lines the programme office imports per city (GeoJSON LineStrings, e.g. an OpenStreetMap export), for
-- the track rule RIDE_METRO. Who imported or deleted a line is in the audit log, so no person is referenced here.
create table metro_line (
    id           uuid        primary key,
    city         text        not null,
    name         text        not null,
    parts        jsonb       not null,  -- [[[lon, lat], ...], ...]: one array a LineString
    point_count  integer     not null,
    length_m     integer     not null,
    imported_at  timestamptz not null
);
create index metro_line_city on metro_line (city, name);

-- The H3 cells (resolution 9) within a ring of every point of a line, so a track finds the lines it may follow by its
-- own cells; the exact distance is then measured to the line's segments near each point.
create table metro_line_cell (
    cell    bigint not null,
    line_id uuid   not null references metro_line (id) on delete cascade,
    primary key (cell, line_id)
);
create index metro_line_cell_line on metro_line_cell (line_id);

-- An infrastructure report may mark a segment (a short polyline: a stretch of lane) instead of a single point; its pin
-- (lat, lon) is then the point halfway along it.
alter table infra_report add column segment jsonb;  -- [[lat, lon], ...], 2 to 20 positions; null for a pin
