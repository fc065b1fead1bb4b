#!/usr/bin/env bash
# P2: p99 latency of POST /api/v1/records at a fixed arrival rate (open loop, no coordinated omission) — goal ≤ 50 ms
# at 1,000 requests per second. Same-run baseline: the same generator and path at a quarter of the rate, i.e. the
# latency of a record when the machine is not busy, so the ratio shows what the load itself costs.
# Usage: [PARTICIPANTS=200] perf/fixed-rate.sh [rate=1000] [seconds=30]. Needs wrk (warm-up), curl, psql. Results:
# perf/results/fixed-rate.csv. JVM_OPTS overrides the fixed 1 GiB heap.
cd "$(dirname "$0")/.."
source perf/lib.sh
require wrk curl python3
RATE=${1:-1000}
SECONDS_RUN=${2:-30}

build_jar
rm -rf "$PERF_DIR/db"
trap stop_platform EXIT
start_platform "$PERF_DIR/db"
make_participants "${PARTICIPANTS:-200}" "$PERF_DIR/tokens.txt"
python3 perf/records_lua.py "$PERF_DIR/tokens.txt" > "$PERF_DIR/records.lua"
# The JIT needs about a minute of load before the path runs at its steady speed.
wrk -t2 -c 32 -d "${WARMUP:-60}s" -s "$PERF_DIR/records.lua" "http://localhost:$PERF_PORT" > /dev/null 2>&1 || true
JAVA=$(find_java)
QUARTER=$(( RATE / 4 ))
BASELINE=$("$JAVA" perf/FixedRate.java "http://localhost:$PERF_PORT" "$PERF_DIR/tokens.txt" "$QUARTER" "$SECONDS_RUN")
RESULT=$("$JAVA" perf/FixedRate.java "http://localhost:$PERF_PORT" "$PERF_DIR/tokens.txt" "$RATE" "$SECONDS_RUN")
# The share of records credited (the full path) rather than flagged: the generator's trips are spread so that nearly
# all are; a low share would mean the run measured flagging.
CREDITED=$(psql_perf -c "select round(avg((status = 'CREDITED')::int), 3) from activity_record")
echo "credited share of all records: $CREDITED"
echo "rate,seconds,sent,ok,non2xx,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,achieved_rps"
echo "$BASELINE"
echo "$RESULT"
mkdir -p perf/results
[ -f perf/results/fixed-rate.csv ] || echo "date,cores,rate,seconds,sent,ok,non2xx,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,achieved_rps,participants,credited_share" > perf/results/fixed-rate.csv
for line in "$BASELINE" "$RESULT"; do echo "$(date -u +%FT%TZ),$(nproc),$line,${PARTICIPANTS:-200},$CREDITED" >> perf/results/fixed-rate.csv; done
