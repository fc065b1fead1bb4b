#!/usr/bin/env bash
# Crash safety (R1): sustained record load while the platform's JVM and its PostgreSQL are killed with SIGKILL and
# restarted. Afterwards every acknowledged record must exist exactly once; unacknowledged requests are retried with
# the same key and must end with exactly one record each.
# Usage: perf/crash-safety.sh [seconds=60] [kills=3] [threads=16]. Results: perf/results/crash-safety.csv.
cd "$(dirname "$0")/.."
source perf/lib.sh
require psql curl python3
SECONDS_RUN=${1:-60}
KILLS=${2:-3}
THREADS=${3:-16}
OUT=$PERF_DIR/crash
DATA=$PERF_DIR/crash-db

build_jar
rm -rf "$OUT" "$DATA"; mkdir -p "$OUT"
trap stop_platform EXIT
start_platform "$DATA"
make_participants 50 "$OUT/tokens.txt"
BASE="http://localhost:$PERF_PORT"

python3 perf/crash_client.py load "$BASE" "$OUT/tokens.txt" "$SECONDS_RUN" "$THREADS" "$OUT" &
CLIENT=$!
interval=$(( SECONDS_RUN / (KILLS + 1) ))
for k in $(seq 1 "$KILLS"); do
  sleep "$interval"
  postmaster=$(head -1 "$DATA/postmaster.pid" 2>/dev/null || true)
  echo "kill $k: SIGKILL to the JVM ($APP_PID) and PostgreSQL ($postmaster)"
  kill -9 "$APP_PID" 2>/dev/null || true
  [[ -n "$postmaster" ]] && kill -9 "$postmaster" 2>/dev/null || true
  sleep 3
  start_platform "$DATA"
done
wait "$CLIENT"

acked=$(cat "$OUT"/acked-*.jsonl | wc -l)
unacked=$(cat "$OUT"/unacked-*.jsonl | wc -l)
retried=$(python3 perf/crash_client.py retry "$BASE" "$OUT/tokens.txt" "$OUT")

# Every acknowledged or retried record id must exist exactly once, with exactly one credit when credited.
cat "$OUT"/acked-*.jsonl "$OUT/retried.jsonl" | python3 -c "import sys,json; [print(json.loads(l)['id']) for l in sys.stdin]" \
  | sort > "$OUT/expected-ids.txt"
psql_perf -c "select id from activity_record where channel = 'API'" | sort > "$OUT/stored-ids.txt"
lost=$(comm -23 "$OUT/expected-ids.txt" "$OUT/stored-ids.txt" | wc -l)
duplicated_keys=$(psql_perf -c "select count(*) from (select response->>'id' from idempotency_key where response is not null
  group by 1 having count(*) > 1) d")
stored=$(wc -l < "$OUT/stored-ids.txt")
keys=$(psql_perf -c "select count(*) from idempotency_key where idem_key like 'crash-%'")
double_credits=$(psql_perf -c "select count(*) from (select record_id from ledger_entry where kind = 'CREDIT' group by 1 having count(*) > 1) d")
verified=$(psql_perf -c "select count(*) from ledger_account")

echo "acknowledged $acked, unacknowledged $unacked (retried with the same key: $retried)"
echo "stored records $stored, idempotency keys $keys, lost $lost, records with two keys $duplicated_keys, double credits $double_credits"
RUN=$(date -u +%Y%m%dT%H%M%SZ)
CSV=$RESULTS/crash-safety.csv
[[ -f $CSV ]] || echo "run,seconds,kills,threads,acknowledged,unacknowledged,retried,stored,keys,lost,duplicated,double_credits" > "$CSV"
echo "$RUN,$SECONDS_RUN,$KILLS,$THREADS,$acked,$unacked,$retried,$stored,$keys,$lost,$duplicated_keys,$double_credits" >> "$CSV"
[[ $lost -eq 0 && $duplicated_keys -eq 0 && $double_credits -eq 0 && $stored -eq $keys ]] && echo "PASS" || { echo "FAIL"; exit 1; }
