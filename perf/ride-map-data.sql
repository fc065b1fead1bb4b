-- Synthetic riding-map aggregate for perf/ride-map.sh, written straight into ride_cell_rider by SQL (not through the
-- upload path): :rides rides by :riders riders over the last 12 months, each along one of the routes in perf_route_cell
-- (perf/RideRoutes.java: H3 cells of real grid paths in each city, numbered on across cities), popular routes ridden
-- more (route = routes * u^2),
-- keen riders riding more (rider = riders * u^1.5), times of day weighted towards commuting. Each ride counts its
-- rider once in every cell of its route for its month and time of day, as RideMap.count does.
\set ON_ERROR_STOP on
\timing on
-- perf_route_cell (route, cell) was loaded by perf/ride-map.sh (psql cannot take a variable in \copy); dropped below.
create index on perf_route_cell (route);
select count(distinct route) as routes_n, count(*) as route_cells, count(distinct cell) as distinct_cells from perf_route_cell \gset

insert into app_user (id, email, display_name, password_hash, roles, created_at)
select md5('perf-rider-' || i)::uuid, 'rider' || i || '@perf.example.org', 'Rider ' || i, '{noop}not-a-login', 'PARTICIPANT',
       now() - interval '2 years'
from generate_series(1, :riders) i;

create temp table perf_ride as
select md5('perf-rider-' || (1 + floor(:riders * power(random(), 1.5)))::int)::uuid as user_id,
       floor(:routes_n * power(random(), 2))::int as route,
       (date_trunc('month', now() at time zone 'Asia/Shanghai') - make_interval(months => floor(random() * 12)::int))::date as month,
       (array['NIGHT', 'MORNING', 'MORNING', 'MORNING', 'MIDDAY', 'EVENING', 'EVENING', 'EVENING', 'LATE'])[1 + floor(random() * 9)::int] as slot
from generate_series(1, :rides);

insert into ride_cell_rider (cell, month, slot, user_id, rides)
select c.cell, r.month, r.slot, r.user_id, count(*)
from perf_ride r join perf_route_cell c on c.route = r.route
group by c.cell, r.month, r.slot, r.user_id;
analyze ride_cell_rider;
drop table perf_route_cell;
select :rides as rides, :riders as riders, :routes_n as routes, :distinct_cells as cells_ridden,
       (select count(*) from ride_cell_rider) as aggregate_rows;
