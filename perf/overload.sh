#!/usr/bin/env bash
# Overload (issue 25): what POST /api/v1/records does at twice what it can take, and how soon it recovers, against the
# closed-loop capacity C measured in the same run:
#   1. closed loop, CLIENTS clients (default 40: as many as the admission lane takes at once, so the loop measures the
#      platform rather than its refusals), WARMUP s unmeasured (the JIT), then SECONDS: C = 2xx answers per second;
#   2. open loop (latency from when each request was due) at 0.4 × C for SECONDS — goal: p99 of the answers ≤ 50 ms;
#   3. at 2 × C for SECONDS — goals: what cannot be taken is answered 503 with Retry-After, p99 of the 503 answers
#      ≤ 50 ms, p99 of the accepted (2xx) ≤ 200 ms, no errors or timeouts; every acknowledged record in the ledger
#      once (lost 0, duplicated 0) and no record kept that was not acknowledged;
#   4. at 0.4 × C again for SECONDS: recovery = seconds from the drop to the first of five seconds in a row answered
#      2xx only, each with a p99 within max(50 ms, 2 × stage 2's p99 — the first 0.4 × C).
# The open loop starts with 10 s at 0.4 × C that are not counted (the generator's own JIT and connections).
# Usage: [PARTICIPANTS=200] [CLIENTS=40] [WARMUP=60] perf/overload.sh [seconds=30]. Needs curl, psql, python3.
# Results: perf/results/overload.csv, and the per-second timeline of stages 2–4 in perf/results/overload-<time>-timeline.csv.
cd "$(dirname "$0")/.."
source perf/lib.sh
require curl psql python3
SECONDS_RUN=${1:-30}
CLIENTS=${CLIENTS:-40}
URL="http://localhost:$PERF_PORT"

build_jar
rm -rf "$PERF_DIR/db"
trap stop_platform EXIT
start_platform "$PERF_DIR/db"
make_participants "${PARTICIPANTS:-200}" "$PERF_DIR/tokens.txt"
generate() { "$JAVA" -Xms512m -Xmx512m perf/Overload.java "$@"; }

CLOSED=$(generate closed "$URL" "$PERF_DIR/tokens.txt" "$CLIENTS" "${WARMUP:-60}" "$SECONDS_RUN")
CAPACITY=${CLOSED%%,*}
LOW=$(( CAPACITY * 4 / 10 ))
HIGH=$(( CAPACITY * 2 ))
echo "closed loop, $CLIENTS clients: $CAPACITY 2xx/s (capacity,2xx,other,errors: $CLOSED); open loop at $LOW, $HIGH, $LOW /s"
sleep 5
OUT="$PERF_DIR/overload"
generate open "$URL" "$PERF_DIR/tokens.txt" "$OUT" "$LOW:$SECONDS_RUN,$HIGH:$SECONDS_RUN,$LOW:$SECONDS_RUN"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')

# The ledger against the answers: every acknowledged (2xx) record kept, credited at most once; nothing kept unanswered.
psql_perf -c "drop table if exists perf_acked; create table perf_acked (key text, id uuid)"
psql_perf -c "\\copy perf_acked from '$OUT-acked.csv' csv"
ACKED=$(psql_perf -c "select count(*) from perf_acked")
LOST=$(psql_perf -c "select count(*) from perf_acked a where a.id is null
  or not exists (select 1 from activity_record r where r.id = a.id)")
DUPLICATED=$(psql_perf -c "select count(*) from (select e.record_id from ledger_entry e join perf_acked a on a.id = e.record_id
  where e.kind = 'CREDIT' group by e.record_id having count(*) > 1) d")
UNACKED_KEPT=$(psql_perf -c "select count(*) from idempotency_key k where k.idem_key like 'overload-%'
  and not exists (select 1 from perf_acked a where a.key = k.idem_key)")

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
cp "$OUT-timeline.csv" "perf/results/overload-$STAMP-timeline.csv"
ROW=$(python3 - "$OUT-stages.csv" "$OUT-timeline.csv" "$SECONDS_RUN" <<'PY'
import csv, sys
stages = list(csv.DictReader(open(sys.argv[1])))
timeline = list(csv.DictReader(open(sys.argv[2])))
run = int(sys.argv[3])
low, high, after = stages
limit = max(50.0, 2 * float(low["ok_p99_ms"] or 0))
def normal(s):
    return int(s["sent"]) > 0 and int(s["ok_2xx"]) == int(s["sent"]) and float(s["ok_p99_ms"] or 1e9) <= limit
tail = [s for s in timeline if int(s["second"]) >= 2 * run]
# Recovered: the first second after the drop that starts five normal seconds in a row.
recovery = next((int(s["second"]) - 2 * run for i, s in enumerate(tail)
                 if len(tail[i:i + 5]) == 5 and all(normal(t) for t in tail[i:i + 5])), "never")
share = lambda n: round(int(n) / int(high["sent"]), 3)
print(",".join(str(x) for x in [
    low["ok_p50_ms"], low["ok_p99_ms"], int(low["sent"]) - int(low["ok_2xx"]),
    high["sent"], share(high["ok_2xx"]), share(high["busy_503"]), high["other_non2xx"], high["errors"],
    high["ok_p99_ms"], high["busy_p50_ms"], high["busy_p99_ms"], high["busy_max_ms"],
    recovery, after["ok_p99_ms"], int(after["sent"]) - int(after["ok_2xx"])]))
PY
)
echo "stages:"; cat "$OUT-stages.csv"
echo "acknowledged $ACKED, lost $LOST, duplicated $DUPLICATED, kept without an acknowledgement $UNACKED_KEPT"
HEADER="date,cores,load_avg,clients,capacity_2xx_s,low_rate,high_rate,seconds,low_ok_p50_ms,low_ok_p99_ms,low_not_ok,high_sent,high_2xx_share,high_503_share,high_other,high_errors,high_2xx_p99_ms,high_503_p50_ms,high_503_p99_ms,high_503_max_ms,recovery_s,after_ok_p99_ms,after_not_ok,acked,lost,duplicated,kept_unacked"
echo "$HEADER"
LINE="$(date -u +%FT%TZ),$(nproc),$LOAD,$CLIENTS,$CAPACITY,$LOW,$HIGH,$SECONDS_RUN,$ROW,$ACKED,$LOST,$DUPLICATED,$UNACKED_KEPT"
echo "$LINE"
[ -f perf/results/overload.csv ] || echo "$HEADER" > perf/results/overload.csv
echo "$LINE" >> perf/results/overload.csv
