#!/usr/bin/env bash
# Tries the proposed dashboard roll-up and indexes (perf/dashboard-proposal.sql) on a database perf/dashboard.sh
# generated before, and records the plans and timings next to the dashboard results. Changes only that perf database.
# Usage: perf/dashboard-proposal.sh [entries=10000000]
cd "$(dirname "$0")/.."
export PERF_REBUILD=${PERF_REBUILD:-0}
source perf/lib.sh
require psql
ENTRIES=${1:-10000000}
DATA=$PERF_DIR/dashboard-db-$ENTRIES
PROGRAMME=00000000-0000-4000-8000-00000000c001
[[ -f "$DATA/.generated" ]] || { echo "no generated database in $DATA: run perf/dashboard.sh $ENTRIES first" >&2; exit 1; }
build_jar
trap stop_platform EXIT
start_platform "$DATA" --lct.demo.enabled=false
read -r FROM TO WINDOW_FROM MIN_WEEKS <<<"$(psql_perf -F ' ' -c "select min(w.starts_on), (now() at time zone 'Asia/Shanghai')::date,
  (now() at time zone 'Asia/Shanghai')::date - (7 * p.potential_window_weeks - 1), p.potential_min_weeks
  from grant_award w join grant_application a on a.id = w.application_id join grant_call c on c.id = a.call_id
  join programme p on p.id = c.programme_id where p.id = '$PROGRAMME' group by p.id")"
OUT=$RESULTS/dashboard-$(date -u +%Y-%m-%d)-$ENTRIES-proposal.txt
psql_perf -v prog="$PROGRAMME" -v from="$FROM" -v to="$TO" -v window_from="$WINDOW_FROM" -v min_weeks="$MIN_WEEKS" \
  -f perf/dashboard-proposal.sql > "$OUT" 2>&1
grep -E '^=== |Execution Time|^Time:' "$OUT"
echo "plans: $OUT"
