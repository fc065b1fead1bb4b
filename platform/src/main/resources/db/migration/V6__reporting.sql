-- Impact roll-ups, maintained from ReductionCredited events.
create table impact_counted_entry (
    entry_id uuid primary key
);

create table impact_daily (
    day             date   not null,
    category        text   not null,
    behaviours      bigint not null,
    reduction_grams bigint not null,
    primary key (day, category)
);

create table impact_participant (
    user_id   uuid primary key,
    first_day date not null,
    last_day  date not null
);
