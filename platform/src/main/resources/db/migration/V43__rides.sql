-- The riding map: rides imported from GPS files, riders' privacy zones, the public map's H3 aggregate, and riders'
-- reports on cycling infrastructure.

create table ride (
    id                  uuid         primary key,
    user_id             uuid         not null references app_user (id),
    file_name           text         not null,
    format              text         not null,  -- GPX, TCX, FIT
    track_key           text         not null,  -- the track's fingerprint, claimed as claim:gps-track:<key>
    vehicle             text         not null,  -- BICYCLE, SHARED_BICYCLE, EBIKE
    replaced            text         not null,  -- CAR, TAXI, BUS, METRO, NOTHING
    started_at          timestamptz  not null,
    ended_at            timestamptz  not null,
    distance_m          integer      not null,
    moving_seconds      integer      not null,
    elapsed_seconds     integer      not null,
    average_kmh         numeric(6,1) not null,
    max_kmh             numeric(6,1) not null,
    points              integer      not null,
    status              text         not null,
    reasons             text[]       not null default '{}',
    rules_version       text         not null,
    record_id           uuid,
    behaviour           text,
    grams               bigint,
    methodology_version text,
    receipt             jsonb,        -- the record's receipt: the credit's provenance, kept when the track is deleted
    track               jsonb,        -- [[lat, lon, epoch second], ...]; null once the rider deleted it
    track_deleted_at    timestamptz,
    uploaded_at         timestamptz  not null,
    constraint ride_status check (status in ('CREDITED', 'FLAGGED', 'REJECTED', 'REVERSED', 'REFUSED', 'NOT_CREDITED'))
);
create index ride_rider on ride (user_id, started_at desc);
create index ride_track_key on ride (track_key);

-- Places around which a rider's rides start or end hidden from everyone else.
create table privacy_zone (
    id         uuid             primary key,
    user_id    uuid             not null references app_user (id),
    label      text             not null,
    lat        double precision not null,
    lon        double precision not null,
    radius_m   integer          not null,
    created_at timestamptz      not null,
    constraint privacy_zone_radius check (radius_m between 100 and 2000)
);
create index privacy_zone_rider on privacy_zone (user_id);

-- The public map, kept as rides are credited: which riders rode through an H3 cell (resolution 9) in a month and a
-- time of day (China Standard Time). A cell is shown only with at least ten distinct riders.
create table ride_cell_rider (
    cell    bigint  not null,
    month   date    not null,
    slot    text    not null,  -- NIGHT, MORNING, MIDDAY, EVENING, LATE
    user_id uuid    not null references app_user (id),
    rides   integer not null,
    primary key (month, slot, cell, user_id)
);
create index ride_cell_rider_user on ride_cell_rider (user_id);

create table infra_report (
    id                uuid             primary key,
    reporter_id       uuid             references app_user (id),
    category          text             not null,
    lat               double precision not null,
    lon               double precision not null,
    description       text             not null,
    photo             bytea,
    status            text             not null,
    status_note       text,
    status_changed_by uuid             references app_user (id),
    status_changed_at timestamptz,
    created_at        timestamptz      not null,
    constraint infra_report_category check (category in
        ('BROKEN_LANE', 'BLOCKED_LANE', 'MISSING_PARKING', 'DANGEROUS_JUNCTION', 'BIKE_SHARE_SHORTAGE')),
    constraint infra_report_status check (status in ('NEW', 'CONFIRMED', 'SENT_TO_CITY', 'RESOLVED', 'WONT_FIX'))
);
create index infra_report_created on infra_report (created_at desc);

create table infra_confirmation (
    report_id    uuid        not null references infra_report (id),
    user_id      uuid        not null references app_user (id),
    confirmed_at timestamptz not null,
    primary key (report_id, user_id)
);
create index infra_confirmation_user on infra_confirmation (user_id);
