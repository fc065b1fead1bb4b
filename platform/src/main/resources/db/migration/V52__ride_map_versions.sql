-- The public riding map answers from a rendering cached per period and time of day, rebuilt only when the counts of a
-- month in its period changed. Every change to ride_cell_rider (a ride counted or taken off, a rider erased, rows
-- written by SQL) raises its months' versions in the same transaction, so a reader never keeps a stale rendering.
create table ride_map_month (
    month   date   primary key,
    version bigint not null
);

insert into ride_map_month (month, version) select distinct month, 1 from ride_cell_rider;

create function ride_map_touched() returns trigger language plpgsql as $$
begin
    insert into ride_map_month (month, version)
    select distinct month, 1 from changed
    on conflict (month) do update set version = ride_map_month.version + 1;
    return null;
end $$;

create trigger ride_cell_rider_inserted after insert on ride_cell_rider
    referencing new table as changed for each statement execute function ride_map_touched();
create trigger ride_cell_rider_updated after update on ride_cell_rider
    referencing new table as changed for each statement execute function ride_map_touched();
create trigger ride_cell_rider_deleted after delete on ride_cell_rider
    referencing old table as changed for each statement execute function ride_map_touched();

-- The cells a credited ride was counted into, so that withdrawing it takes it off the map again whatever its track or
-- the rider's privacy zones are by then; null for a ride not (or no longer) counted.
alter table ride add column map_cells bigint[];
