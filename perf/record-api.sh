#!/usr/bin/env bash
# Record API throughput and bulk ingest against same-run PostgreSQL baselines, on one machine over loopback.
#   P1: POST /api/v1/records (wrk, closed loop) vs pgbench single-row INSERTs (16 clients) into a table made like the
#       ledger table (`like ledger_entry including all`: its keys and indexes), each row a real entry's shape and
#       provenance — the baseline P0 asks for — goal ≥ 40 %. A narrow five-column table is measured too (pgbench_narrow).
#   P3: POST /api/v1/records:batch rows/s vs psql \copy of the same rows into a table made like the records table
#       (`like activity_record including all`) — goal ≥ 50 %.
# Usage: perf/record-api.sh [seconds=30] [connections=32]. Needs wrk, pgbench, psql (Debian: wrk postgresql-client).
# Results are appended to perf/results/record-api.csv.
cd "$(dirname "$0")/.."
source perf/lib.sh
require wrk pgbench psql curl python3
SECONDS_RUN=${1:-30}
CONNECTIONS=${2:-32}
PARTICIPANTS=${PARTICIPANTS:-200}

build_jar
rm -rf "$PERF_DIR/db"
trap stop_platform EXIT
start_platform "$PERF_DIR/db"
echo "platform up; embedded PostgreSQL on port $PG_PORT"
make_participants "$PARTICIPANTS" "$PERF_DIR/tokens.txt"

# The record API: each request a random participant, a fresh idempotency key, a trip some time in the last 20 days.
python3 perf/records_lua.py "$PERF_DIR/tokens.txt" > "$PERF_DIR/records.lua"
# Warm-up: the JIT needs about a minute of this load before the path runs at its steady speed.
wrk -t2 -c "$CONNECTIONS" -d "${WARMUP:-60}s" -s "$PERF_DIR/records.lua" "http://localhost:$PERF_PORT" > /dev/null 2>&1 || true
wrk -t2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" --latency -s "$PERF_DIR/records.lua" "http://localhost:$PERF_PORT" > "$PERF_DIR/wrk.txt" 2>&1
API_RPS=$(grep -o 'Requests/sec: *[0-9.]*' "$PERF_DIR/wrk.txt" | awk '{print $2}')
API_RESULT=$(grep RESULT "$PERF_DIR/wrk.txt")
echo "record API: $API_RPS req/s ($API_RESULT)"

# Baseline: pgbench single-row inserts, same database, same run — into a table made like the ledger table, each row a
# real entry's shape with the provenance of one of the entries just written; and into a narrow five-column table.
PROVENANCE=$(psql_perf -c "select replace(provenance::text, chr(39), chr(39) || chr(39)) from ledger_entry limit 1")
psql_perf -c "drop table if exists perf_insert; create table perf_insert (like ledger_entry including all)"
cat > "$PERF_DIR/insert.sql" <<SQL
insert into perf_insert (user_id, id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version,
  provenance, occurred_at, booked_at, prev_hash, hash, evidence)
values (gen_random_uuid(), gen_random_uuid(), 1, 'CREDIT', 1673, gen_random_uuid(), 'METRO_INSTEAD_OF_CAR', 'TRANSPORT', 'lct',
  '1.1.0', '$PROVENANCE', now() - interval '1 day', now(), md5(random()::text) || md5(random()::text),
  md5(random()::text) || md5(random()::text), 'SELF_REPORT');
SQL
PGPASSWORD= pgbench -h localhost -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$SECONDS_RUN" -f "$PERF_DIR/insert.sql" postgres \
  > "$PERF_DIR/pgbench.txt" 2>&1
PGBENCH_TPS=$(grep -o 'tps = [0-9.]*' "$PERF_DIR/pgbench.txt" | head -1 | awk '{print $3}')
psql_perf -c "drop table if exists perf_narrow; create table perf_narrow (user_id uuid not null, id uuid not null,
  grams bigint not null, idem_key text not null, created_at timestamptz not null, primary key (user_id, id), unique (user_id, idem_key))"
cat > "$PERF_DIR/narrow.sql" <<'SQL'
insert into perf_narrow values (gen_random_uuid(), gen_random_uuid(), 1673, md5(random()::text), now());
SQL
PGPASSWORD= pgbench -h localhost -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$SECONDS_RUN" -f "$PERF_DIR/narrow.sql" postgres \
  > "$PERF_DIR/pgbench-narrow.txt" 2>&1
NARROW_TPS=$(grep -o 'tps = [0-9.]*' "$PERF_DIR/pgbench-narrow.txt" | head -1 | awk '{print $3}')
echo "pgbench single-row insert: $PGBENCH_TPS tps into a ledger-shaped table; $NARROW_TPS tps into a narrow one"

# Bulk: 10,000 rows through records:batch, against psql \copy of 10,000 rows into a copy of activity_record.
TOKEN=$(head -1 "$PERF_DIR/tokens.txt")
python3 - "$PERF_DIR" <<'PY'
import sys, datetime, uuid
# Plausible rows, as a real upload would be: six behaviours in turn, one every 4.3 minutes over the last 30 days, small
# enough quantities to stay under each behaviour's daily cap, so nearly every row is credited (the dearer path).
d = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
kinds = [("E_RECEIPT", "1", "sheet"), ("PRINT_DOUBLE_SIDED", "2", "page"), ("PAPERLESS_DOCUMENTS", "2", "sheet"),
         ("RECYCLE_PAPER", "0.2", "kg"), ("ELECTRICITY_SAVED", "0.5", "kWh"), ("STAIRS_INSTEAD_OF_LIFT", "1", "floor")]
run = uuid.uuid4().hex[:8]
with open(d + "/batch.ndjson", "w") as b, open(d + "/copy.csv", "w") as c:
    for i in range(10000):
        when = (now - datetime.timedelta(minutes=60 + i * 4.3)).strftime("%Y-%m-%dT%H:%M:%SZ")
        code, q, unit = kinds[i % len(kinds)]
        b.write('{"key":"bulk-%s-%d","behaviour":"%s","quantity":%s,"unit":"%s","occurredAt":"%s"}\n' % (run, i, code, q, unit, when))
        c.write("%s,%s,%s,%s,%s,%s,%s,%s,SELF_REPORT,API,CREDITED,2026.11.1,6,1.1.0,6,1.1.0,%s,%s\n" % (uuid.uuid4(),
                uuid.uuid4(), code, q, q, unit, when, when[:10], uuid.uuid4(), now.strftime("%Y-%m-%dT%H:%M:%SZ")))
PY
START=$(date +%s.%N)
curl -fs -X POST "http://localhost:$PERF_PORT/api/v1/records:batch" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/x-ndjson' --data-binary @"$PERF_DIR/batch.ndjson" -o "$PERF_DIR/batch-result.json"
END=$(date +%s.%N)
BULK_ROWS_S=$(python3 -c "print(round(10000 / ($END - $START)))")
psql_perf -c "drop table if exists perf_copy; create table perf_copy (like activity_record including all)"
START=$(date +%s.%N)
psql_perf -c "\\copy perf_copy (user_id, id, behaviour, quantity, base_quantity, unit, occurred_at, occurred_on, evidence, channel, status, rules_version, reduction_grams, methodology_version, effective_grams, effective_version, ledger_entry_id, created_at) from '$PERF_DIR/copy.csv' with (format csv)"
END=$(date +%s.%N)
COPY_ROWS_S=$(python3 -c "print(round(10000 / ($END - $START)))")
echo "bulk ingest: $BULK_ROWS_S rows/s; raw \\copy: $COPY_ROWS_S rows/s"

RUN=$(date -u +%Y%m%dT%H%M%SZ)
CSV=$RESULTS/record-api.csv
[[ -f $CSV ]] || echo "run,seconds,connections,pgbench_tps,api_rps,api_ratio,api_detail,bulk_rows_s,copy_rows_s,bulk_ratio,pgbench_narrow_tps,baselines" > "$CSV"
python3 - "$CSV" "$RUN" "$SECONDS_RUN" "$CONNECTIONS" "$PGBENCH_TPS" "$API_RPS" "$API_RESULT" "$BULK_ROWS_S" "$COPY_ROWS_S" "$NARROW_TPS" <<'PY'
import sys
csv, run, secs, conns, pg, api, detail, bulk, copy, narrow = sys.argv[1:]
api_ratio = float(api) / float(pg)
bulk_ratio = float(bulk) / float(copy)
open(csv, "a").write(f"{run},{secs},{conns},{float(pg):.0f},{float(api):.0f},{api_ratio:.3f},{detail.replace(',', ' ')},{bulk},{copy},{bulk_ratio:.3f},{float(narrow):.0f},ledger-shaped\n")
print(f"API / pgbench = {api_ratio:.1%} (goal 40 %); bulk / copy = {bulk_ratio:.1%} (goal 50 %)")
PY
