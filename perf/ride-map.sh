#!/usr/bin/env bash
# Public riding map latency at a city's scale (issue 21: GET /api/v1/ride-map p95 under 100 ms for a city with 100,000
# rides). Builds the jar, starts the platform on its own throw-away embedded PostgreSQL (demo data off), writes N
# synthetic rides' cell counts in two cities STRAIGHT INTO THE AGGREGATE TABLE by SQL (perf/ride-map-data.sql over
# routes from perf/RideRoutes.java: real H3 grid paths around each city centre) — the upload path is not exercised —
# then measures p50/p95/p99 of the map API for the default period (3 months), 12 months and one time of day, at 1 and 4
# clients after a warm-up, next to a same-run baseline (GET /actuator/health), and records the map query's plan. The map
# answers from a rendering kept per period and time of day (RideMap.publicMap); the first request of each target after
# the data was written rebuilds it, and is recorded as its own row (target "<name>_first", one request).
#
# Usage: perf/ride-map.sh [rides=100000] [riders=rides/20] [routes=2000 per city]
#   PERF_REBUILD=0    reuse an existing jar instead of ./mvnw -q -B -DskipTests package
#   PERF_JAR=path     run that jar (a copy, so a build meanwhile cannot replace it under the running platform)
#   REQUESTS, WARMUP, LEVELS   see perf/ride_map_bench.py
#   CITIES="23.13 113.26 12;22.54 114.06 10"   centres and radii (km) of the cities (default Guangzhou and Shenzhen)
#   NOTE              free text stored with the results (machine load etc.)
# Needs psql, curl, python3 (Debian: postgresql-client).
# Results: perf/results/ride-map.csv (appended) and perf/results/ride-map-<UTC date>-<rides>-plan.txt.
cd "$(dirname "$0")/.."
export PERF_REBUILD=${PERF_REBUILD:-1}
source perf/lib.sh
require psql curl python3
RIDES=${1:-100000}
RIDERS=${2:-$(( RIDES / 20 > 50 ? RIDES / 20 : 50 ))}
ROUTES=${3:-2000}
IFS=';' read -r -a CITY_LIST <<<"${CITIES:-23.13 113.26 12;22.54 114.06 10}"
DATA=$PERF_DIR/ride-map-db-$RIDES
RUN=$(date -u +%Y%m%dT%H%M%SZ)
CSV=$RESULTS/ride-map.csv
PLAN=$RESULTS/ride-map-$(date -u +%Y-%m-%d)-$RIDES-plan.txt
NOTE=${NOTE:-"2 cores shared by load generator + JVM + PostgreSQL; embedded PostgreSQL with default settings"}

H3_JAR=$(ls ~/.m2/repository/com/uber/h3/*/h3-*.jar | grep -v sources | tail -1)
: > "$PERF_DIR/ride-routes.csv"
OFFSET=0
for CITY in "${CITY_LIST[@]}"; do
  read -r LAT LON KM <<<"$CITY"
  # Route numbers follow on from the previous city's, so each city has its own routes.
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$H3_JAR" perf/RideRoutes.java "$LAT" "$LON" "$KM" "$ROUTES" \
    | awk -F, -v o="$OFFSET" '{ print $1 + o "," $2 }' >> "$PERF_DIR/ride-routes.csv"
  OFFSET=$(( OFFSET + ROUTES ))
  echo "$ROUTES routes around $LAT, $LON"
done
echo "$(wc -l < "$PERF_DIR/ride-routes.csv") route cells in ${#CITY_LIST[@]} cities"

if [[ -n "${PERF_JAR:-}" ]]; then JAR=$PERF_JAR; else build_jar; fi
trap stop_platform EXIT
rm -rf "$DATA"
start_platform "$DATA" --lct.demo.enabled=false
echo "platform up; embedded PostgreSQL on port $PG_PORT; writing $RIDES rides by $RIDERS riders into ride_cell_rider"
START=$(date +%s.%N)
psql_perf -c "create unlogged table perf_route_cell (route int not null, cell bigint not null)"
psql_perf -c "\\copy perf_route_cell from '$PERF_DIR/ride-routes.csv' with (format csv)"
psql_perf -v rides="$RIDES" -v riders="$RIDERS" -f perf/ride-map-data.sql > "$PERF_DIR/ride-map-gen.log"
echo "generated in $(python3 -c "print(round($(date +%s.%N) - $START))") s (rides|riders|routes|cells ridden|aggregate rows:" \
  "$(grep -v '^Time' "$PERF_DIR/ride-map-gen.log" | tail -1))"

python3 perf/ride_map_bench.py "http://localhost:$PERF_PORT" "$CSV" "$RUN" "$RIDES" "$RIDERS" \
  "$NOTE; $(nproc) cores; load avg $(cut -d' ' -f1-3 /proc/loadavg)"

# The map's statement (RideMap.cells) for the default period, all day.
psql_perf > "$PLAN" <<'SQL'
explain (analyze, buffers)
select cell, count(distinct user_id) as riders, sum(rides) as rides
from ride_cell_rider
where month between (date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '2 months')::date
                and date_trunc('month', now() at time zone 'Asia/Shanghai')::date
group by cell having count(distinct user_id) >= 10
order by riders desc limit 5000;
SQL
echo "results: $CSV (run $RUN), $PLAN"
