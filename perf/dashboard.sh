#!/usr/bin/env bash
# Dashboard latency at scale (goal P5: programme dashboard p95 <= 200 ms over 10M ledger entries, read from maintained
# roll-ups). Builds the jar, starts the platform on its own embedded PostgreSQL (demo data off), generates N ledger
# entries for ~N/50 people over 365 days with every roll-up filled as the listeners would have (perf/dashboard-data.sql,
# all in SQL), then measures p50/p95/p99 of the public impact API, the programme dashboard API, the open data by region
# and the home and programme pages (skipped when 404) at 1, 4 and 16 concurrent clients after a warm-up, next to
# same-run baselines (GET /actuator/health, and a one-row primary-key select through pgbench), and records
# EXPLAIN (ANALYZE, BUFFERS) of the programme dashboard's SQL.
#
# Usage: perf/dashboard.sh [entries=10000000] [users=entries/50]
#   REUSE_DB=1        keep and reuse target/perf/dashboard-db-<entries> if it was generated before (skips generation)
#   PERF_REBUILD=0    reuse an existing jar instead of ./mvnw -q -B -DskipTests package
#   REQUESTS, LEVELS, BUDGET, WARMUP   see perf/dashboard_bench.py
#   NOTE              free text stored with the results (machine load etc.)
# Needs hey, pgbench, psql, curl, python3 (Debian: hey postgresql-client).
# Results: perf/results/dashboard-<UTC date>.csv (appended) and perf/results/dashboard-<UTC date>-<entries>.md (plans).
cd "$(dirname "$0")/.."
export PERF_REBUILD=${PERF_REBUILD:-1}
source perf/lib.sh
require hey pgbench psql curl python3
ENTRIES=${1:-10000000}
USERS=${2:-$(( ENTRIES / 50 > 1000 ? ENTRIES / 50 : 1000 ))}
PROJECTS=${PROJECTS:-20}
PROGRAMME=00000000-0000-4000-8000-00000000c001
DATA=$PERF_DIR/dashboard-db-$ENTRIES
DATE=$(date -u +%Y-%m-%d)
RUN=$(date -u +%Y%m%dT%H%M%SZ)
CSV=$RESULTS/dashboard-$DATE.csv
MD=$RESULTS/dashboard-$DATE-$ENTRIES.md
NOTE=${NOTE:-"2 cores shared by load generator + JVM + PostgreSQL; embedded PostgreSQL 17 with default settings"}

build_jar
trap stop_platform EXIT
GEN_SECONDS=reused
if [[ "${REUSE_DB:-0}" == 1 && -f "$DATA/.generated" ]]; then
  start_platform "$DATA" --lct.demo.enabled=false
  echo "platform up on the existing $ENTRIES-entry database; PostgreSQL on port $PG_PORT"
else
  rm -rf "$DATA"
  start_platform "$DATA" --lct.demo.enabled=false
  echo "platform up; embedded PostgreSQL on port $PG_PORT; generating $ENTRIES entries for $USERS people, $PROJECTS projects"
  START=$(date +%s.%N)
  psql_perf -v entries="$ENTRIES" -v users="$USERS" -v projects="$PROJECTS" -f perf/dashboard-data.sql > "$PERF_DIR/dashboard-gen.log"
  END=$(date +%s.%N)
  GEN_SECONDS=$(python3 -c "print(round($END - $START))")
  touch "$DATA/.generated"
  echo "generated in $GEN_SECONDS s (step timings: $PERF_DIR/dashboard-gen.log)"
fi

SIZES=$(psql_perf -F ' ' -c "select relname, n_live_tup from pg_stat_user_tables where relname in ('ledger_entry', 'participation_activity',
  'rollup_user_day', 'rollup_daily', 'rollup_counted_entry', 'rollup_key', 'rollup_user_key', 'impact_daily', 'impact_participant', 'app_user')
  order by n_live_tup desc" | sed 's/^/    /')
DBSIZE=$(psql_perf -c "select pg_size_pretty(pg_database_size('postgres'))")
SETTINGS=$(psql_perf -F ' ' -c "select name, setting || coalesce(unit, '') from pg_settings where name in ('shared_buffers', 'work_mem',
  'effective_cache_size', 'max_parallel_workers_per_gather', 'jit', 'server_version')" | tr '\n' ';')
echo "database $DBSIZE"; echo "$SIZES"

# Sanity: the programme dashboard answers and its behaviours match an independent count over the groups' activity.
curl -fs "http://localhost:$PERF_PORT/api/v1/programmes/$PROGRAMME/impact" -o "$PERF_DIR/programme-impact.json"
python3 - "$PERF_DIR/programme-impact.json" "$(psql_perf -c "select sum(d) from (select distinct a.entry_id, a.behaviour_delta as d
    from participation_activity a join rollup_source s on s.rollup_kind = 'PROGRAMME' and s.scope_kind = a.scope_kind
    and s.scope_id = a.scope_id and a.occurred_on >= s.counts_from) x")" <<'PY'
import json, sys
view = json.load(open(sys.argv[1]))
print(f"programme dashboard: behaviours {view['figures']['behaviours']} (independent count over participation_activity: "
      f"{sys.argv[2]}), participants {view['figures']['participants']}, projects {len(view['projects'])}")
PY

python3 perf/dashboard_bench.py "http://localhost:$PERF_PORT" "$PROGRAMME" "$PG_PORT" "$CSV" "$RUN" "$ENTRIES" "$USERS" \
  "$GEN_SECONDS" "$NOTE; $SETTINGS; db $DBSIZE; $(nproc) cores; load avg $(cut -d' ' -f1-3 /proc/loadavg)"

# Plans of the programme dashboard's statements, with the default request's parameters.
read -r FROM TO WINDOW_FROM MIN_WEEKS PROJECT <<<"$(psql_perf -F ' ' -c "select min(w.starts_on), (now() at time zone 'Asia/Shanghai')::date,
  (now() at time zone 'Asia/Shanghai')::date - (7 * p.potential_window_weeks - 1), p.potential_min_weeks,
  (array_agg(w.id order by w.starts_on, w.id))[1]
  from grant_award w join grant_application a on a.id = w.application_id join grant_call c on c.id = a.call_id
  join programme p on p.id = c.programme_id where p.id = '$PROGRAMME' group by p.id")"
PLANS=$PERF_DIR/dashboard-plans-$ENTRIES.txt
psql_perf -v prog="$PROGRAMME" -v proj="$PROJECT" -v from="$FROM" -v to="$TO" -v window_from="$WINDOW_FROM" -v min_weeks="$MIN_WEEKS" \
  -f perf/dashboard-explain.sql > "$PLANS" 2>&1
cp "$PLANS" "$RESULTS/dashboard-$DATE-$ENTRIES-plans.txt"

{
  echo "# Dashboard latency, $ENTRIES ledger entries ($RUN)"
  echo
  echo "- People: $USERS; projects: $PROJECTS; database size: $DBSIZE; data generation: $GEN_SECONDS s"
  echo "- Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $NOTE"
  echo "- PostgreSQL: $SETTINGS"
  echo "- Rows:"; echo "$SIZES"
  echo
  echo "## Latency (ms; baselines and ratios at the same concurrency)"
  echo
  echo "| target | clients | requests | errors | p50 | p95 | p99 | p95 / health | p95 / psql select | p95 <= 200 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -F, -v run="$RUN" 'NR > 1 && $1 == run {
    if ($7 == 0) { printf "| %s | – | 0 | %s | skipped: %s | | | | | |\n", $5, $9, $19; next }
    if ($5 == "health" || $5 == "psql_select") { $15 = "baseline"; $16 = "baseline" }
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $5, $7, $8, $9, $10, $11, $12, $15, $16, $18 }' "$CSV"
  echo
  echo "## Execution time of each programme-dashboard statement (EXPLAIN ANALYZE, default request parameters)"
  echo
  awk '/^=== / { q = substr($0, 5) } /Execution Time/ { printf "- %s: %s\n", q, $3 " ms" }' "$PLANS"
  echo
  echo "Full plans: dashboard-$DATE-$ENTRIES-plans.txt"
} > "$MD"
echo "results: $CSV, $MD"
