#!/usr/bin/env bash
# P2: p99 latency of POST /api/v1/records at a fixed arrival rate (open loop, no coordinated omission) — goal ≤ 50 ms
# at 1,000 requests per second. Same-run baseline: the same generator and path at a quarter of the rate, i.e. the
# latency of a record when the machine is not busy, so the ratio shows what the load itself costs.
# Usage: [PARTICIPANTS=200] perf/fixed-rate.sh [rate=1000] [seconds=30]. Needs wrk (warm-up), curl, psql. Results:
# perf/results/fixed-rate.csv. JVM_OPTS overrides the fixed 1 GiB heap. FIXED_RATE_TIMELINE=<file> writes p50/p99/max per
# second of the main run (to tell a spread tail from bunched stalls).
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
# The generator runs on the same cores: its own GC pauses would count as the platform's latency, so they are logged,
# and the longest is reported beside the percentiles (a run whose generator paused long says so).
generate() {
  "$JAVA" -Xlog:gc:file="$PERF_DIR/generator-gc-$1.log" perf/FixedRate.java "http://localhost:$PERF_PORT" "$PERF_DIR/tokens.txt" "$1" "$SECONDS_RUN"
}
longest_pause() { grep -o 'Pause.* [0-9.]*ms' "$PERF_DIR/generator-gc-$1.log" | grep -o '[0-9.]*ms$' | tr -d ms | sort -n | tail -1; }
BASELINE=$(generate "$QUARTER")
RESULT=$(generate "$RATE")
# The share of records credited (the full path) rather than flagged: the generator's trips are spread so that nearly
# all are; a low share would mean the run measured flagging.
CREDITED=$(psql_perf -c "select round(avg((status = 'CREDITED')::int), 3) from activity_record")
echo "credited share of all records: $CREDITED"
echo "longest generator GC pause: $(longest_pause "$QUARTER") ms at $QUARTER req/s, $(longest_pause "$RATE") ms at $RATE req/s"
echo "rate,seconds,sent,ok,non2xx,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,achieved_rps"
echo "$BASELINE"
echo "$RESULT"
mkdir -p perf/results
[ -f perf/results/fixed-rate.csv ] || echo "date,cores,rate,seconds,sent,ok,non2xx,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,achieved_rps,participants,credited_share,generator_longest_gc_pause_ms" > perf/results/fixed-rate.csv
echo "$(date -u +%FT%TZ),$(nproc),$BASELINE,${PARTICIPANTS:-200},$CREDITED,$(longest_pause "$QUARTER")" >> perf/results/fixed-rate.csv
echo "$(date -u +%FT%TZ),$(nproc),$RESULT,${PARTICIPANTS:-200},$CREDITED,$(longest_pause "$RATE")" >> perf/results/fixed-rate.csv
