-- Events run by organisations: registration with capacity, QR check-in, and a behaviour credited to each attendee.

create table event (
    id              uuid        primary key,
    organisation_id uuid        not null references organisation (id),
    community_id    uuid        references community (id),
    title           text        not null,
    description     text        not null default '',
    kind            text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    place           text,
    online_url      text,
    capacity        int,
    behaviour       text,            -- credited to each attendee at check-in, as organiser-verified
    quantity        numeric(15, 6),
    unit            text,
    parameters      jsonb,           -- inputs the behaviour's formula needs, set by the organiser
    check_in_code   text        not null unique,  -- the secret in the QR code
    created_by      uuid        not null references app_user (id),
    created_at      timestamptz not null,
    constraint event_times check (ends_at > starts_at),
    constraint event_where check (place is not null or online_url is not null),
    constraint event_capacity check (capacity is null or capacity > 0),
    constraint event_behaviour check ((behaviour is null) = (quantity is null) and (behaviour is null) = (unit is null))
);
create index event_organisation on event (organisation_id, starts_at);
create index event_upcoming on event (starts_at);

create table event_registration (
    event_id       uuid        not null references event (id),
    user_id        uuid        not null references app_user (id),
    registered_at  timestamptz not null,
    cancelled_at   timestamptz,
    checked_in_at  timestamptz,
    checked_in_by  uuid        references app_user (id),  -- the organiser, when not checked in by scanning
    credit_status  text,                                   -- CREDITED, FLAGGED, REJECTED, NOT_CREDITED (with reason)
    credit_reason  text,
    record_id      uuid,
    credited_grams bigint,
    primary key (event_id, user_id)
);
create index event_registration_user on event_registration (user_id);
