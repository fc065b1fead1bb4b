#!/usr/bin/env bash
# Record API throughput and bulk ingest against same-run PostgreSQL baselines, on one machine over loopback.
#   P1: POST /api/v1/records (wrk, closed loop) vs pgbench single-row INSERTs (as many clients) into a table made like the
#       ledger table (`like ledger_entry including all`: its keys and indexes), each row a real entry's shape and
#       provenance — the baseline P0 asks for — goal ≥ 40 %. A narrow five-column table is measured too (pgbench_narrow),
#       and so is P0's trivial JSON endpoint: the same requests to POST /api/v1/calculations (token, JSON in and out,
#       the calculation; no database), and GET /actuator/health.
#   P3: POST /api/v1/records:batch rows/s (median of three 10,000-row uploads after one to warm up) vs psql \copy of
#       10,000 rows into a table made like the records table (`like activity_record including all`) — goal ≥ 50 % —
#       and vs \copy of the rows an upload stored into tables made like the three it stores them in (records, ledger
#       entries, idempotency keys), with and without their JSON (provenance and receipts emptied): what the database
#       alone needs to store what an upload stores.
# Usage: perf/record-api.sh [seconds=30] [connections=64]. Needs wrk, pgbench, psql (Debian: wrk postgresql-client).
# 64 connections as the reference's P1 recipe has it: the closed loop's capacity rises from ~1,950 req/s at 32 to
# ~2,600 at 64 and stays there at 128 (2026-11-29, fourth session), so 32 measured the loop more than the platform.
# Results are appended to perf/results/record-api.csv.
cd "$(dirname "$0")/.."
source perf/lib.sh
require wrk pgbench psql curl python3
SECONDS_RUN=${1:-30}
CONNECTIONS=${2:-64}
PARTICIPANTS=${PARTICIPANTS:-200}

build_jar
rm -rf "$PERF_DIR/db"
trap stop_platform EXIT
# Every client admitted (platform.Admission lets 40 in by default and refuses the rest at once): this measures what the
# path sustains at CONNECTIONS clients, so a fast 503 must not count as a request served; perf/overload.sh measures refusals.
start_platform "$PERF_DIR/db" --lct.admission.records.concurrent="$CONNECTIONS"
echo "platform up; embedded PostgreSQL on port $PG_PORT"
make_participants "$PARTICIPANTS" "$PERF_DIR/tokens.txt"

# The record API: each request a random participant, a fresh idempotency key, a trip some time in the last 20 days.
python3 perf/records_lua.py "$PERF_DIR/tokens.txt" > "$PERF_DIR/records.lua"
# Warm-up: the JIT needs about a minute of this load before the path runs at its steady speed.
wrk -t2 -c "$CONNECTIONS" -d "${WARMUP:-60}s" -s "$PERF_DIR/records.lua" "http://localhost:$PERF_PORT" > /dev/null 2>&1 || true
# What a record costs the database, to compare with the single-row insert of the baseline: rows written (inserted,
# updated or deleted, in every table: the request's transaction and the listeners') and commits, per record stored.
writes() { sleep 3; psql_perf -c "select (select sum(n_tup_ins + n_tup_upd + n_tup_del) from pg_stat_user_tables) || ' ' ||
  (select xact_commit from pg_stat_database where datname = current_database()) || ' ' || (select count(*) from activity_record)"; }
read -r W0 C0 R0 < <(writes)
wrk -t2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" --latency -s "$PERF_DIR/records.lua" "http://localhost:$PERF_PORT" > "$PERF_DIR/wrk.txt" 2>&1
read -r W1 C1 R1 < <(writes)
ROW_WRITES=$(python3 -c "print(round(($W1 - $W0) / ($R1 - $R0), 1))")
COMMITS=$(python3 -c "print(round(($C1 - $C0) / ($R1 - $R0), 2))")
API_RPS=$(grep -o 'Requests/sec: *[0-9.]*' "$PERF_DIR/wrk.txt" | awk '{print $2}')
API_RESULT=$(grep RESULT "$PERF_DIR/wrk.txt")
API_CREDITED=$(psql_perf -c "select round(avg((status = 'CREDITED')::int), 3) from activity_record")
echo "record API: $API_RPS req/s ($API_RESULT); credited share $API_CREDITED; per record: $ROW_WRITES rows written, $COMMITS commits"

# Baseline: a pgbench script that writes, one transaction per record, the rows a credited record writes in its own
# transaction — its record, ledger entry, idempotency key, points entry and counted-impact marker, each a copy of one the
# API just wrote, into tables made like theirs (`like … including all`), and the person's ledger and points balances
# updated — at CONNECTIONS clients. The platform writes many records per commit (group commit), so it should beat this
# by far (issue 25: ≥ 1.5×). The listeners' later rows (roll-ups, event publications) are not in it: ROW_WRITES counts them.
TEMPLATE=$(psql_perf -c "select r.id from activity_record r where r.status = 'CREDITED'
  and exists (select 1 from points_entry p where p.user_id = r.user_id)
  and exists (select 1 from idempotency_key k where k.scope = 'user:' || r.user_id || '/records') limit 1")
[[ -n $TEMPLATE ]] || { echo "no credited record with points and a key to copy" >&2; exit 1; }
psql_perf -c "drop table if exists perf_rec_records, perf_rec_entries, perf_rec_keys, perf_rec_points, perf_rec_counted,
    perf_rec_ledger_accounts, perf_rec_points_accounts, perf_rec_people" \
  -c "create table perf_rec_records (like activity_record including all)" \
  -c "create table perf_rec_entries (like ledger_entry including all)" \
  -c "create table perf_rec_keys (like idempotency_key including all)" \
  -c "create table perf_rec_points (like points_entry including all)" \
  -c "create table perf_rec_counted (like impact_counted_entry including all)" \
  -c "create table perf_rec_ledger_accounts (like ledger_account including all)" \
  -c "create table perf_rec_points_accounts (like points_account including all)" \
  -c "create table perf_rec_people (n int primary key, user_id uuid not null)" \
  -c "insert into perf_rec_people select n, gen_random_uuid() from generate_series(1, $PARTICIPANTS) n" \
  -c "insert into perf_rec_ledger_accounts (user_id, balance_grams, entry_count, last_hash, updated_at)
      select p.user_id, a.balance_grams, a.entry_count, a.last_hash, a.updated_at
      from perf_rec_people p cross join (select * from ledger_account limit 1) a" \
  -c "insert into perf_rec_points_accounts (user_id, balance, lifetime_earned, first_credit_at, updated_at)
      select p.user_id, a.balance, a.lifetime_earned, a.first_credit_at, a.updated_at
      from perf_rec_people p cross join (select * from points_account limit 1) a" > /dev/null
# copy_of <table> <source> <where> <overrides>: the source row selected by <where> is kept in a one-row table
# (perf_tpl_<source>), and an INSERT copies it, every column as stored but those named in <overrides>
# ("column=expression;…"): the ids made fresh so each transaction's rows are new rows.
copy_of() {
  local table=$1 source=$2 where=$3 overrides=$4 columns select c expr
  psql_perf -c "drop table if exists perf_tpl_$source" -c "create table perf_tpl_$source as select * from $source s where $where" > /dev/null
  columns=$(psql_perf -c "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns
    where table_name = '$source' and table_schema = 'public'")
  select=""
  for c in ${columns//,/ }; do
    expr=$(tr ';' '\n' <<< "$overrides" | sed -n "s/^$c=//p")
    select+="${select:+, }${expr:-s.$c}"
  done
  echo "insert into $table ($columns) select $select from perf_tpl_$source s;"
}
PERSON="(select user_id from perf_rec_people where n = :n)"
{
  echo '\set n random(1, '"$PARTICIPANTS"')'
  echo 'begin;'
  copy_of perf_rec_records activity_record "s.id = '$TEMPLATE'" "user_id=$PERSON;id=gen_random_uuid()"
  copy_of perf_rec_entries ledger_entry "s.record_id = '$TEMPLATE' and s.kind = 'CREDIT'" "user_id=$PERSON;id=gen_random_uuid();seq=(random() * 1e9)::bigint"
  copy_of perf_rec_keys idempotency_key "s.scope = (select 'user:' || user_id || '/records' from activity_record where id = '$TEMPLATE') limit 1" "scope='user:' || $PERSON || '/records';idem_key=gen_random_uuid()::text"
  copy_of perf_rec_points points_entry "s.user_id = (select user_id from activity_record where id = '$TEMPLATE') limit 1" "user_id=$PERSON;id=gen_random_uuid();source_id=gen_random_uuid();record_id=gen_random_uuid()"
  echo "insert into perf_rec_counted (entry_id) values (gen_random_uuid());"
  echo "update perf_rec_ledger_accounts set balance_grams = balance_grams + 1673, entry_count = entry_count + 1, last_hash = md5(random()::text), updated_at = now() where user_id = $PERSON;"
  echo "update perf_rec_points_accounts set balance = balance + 5, lifetime_earned = lifetime_earned + 5, updated_at = now() where user_id = $PERSON;"
  echo 'commit;'
} > "$PERF_DIR/per-record.sql"
PGPASSWORD= pgbench -h localhost -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" -f "$PERF_DIR/per-record.sql" postgres \
  > "$PERF_DIR/pgbench-per-record.txt" 2>&1 || { cat "$PERF_DIR/pgbench-per-record.txt" >&2; exit 1; }
PER_RECORD_TPS=$(grep -o 'tps = [0-9.]*' "$PERF_DIR/pgbench-per-record.txt" | head -1 | awk '{print $3}')
echo "pgbench, a credited record's rows one transaction per record: $PER_RECORD_TPS tps (the API: $API_RPS req/s)"

# Baselines without the database (P0's trivial JSON endpoint), same run: the same requests to the calculation endpoint
# (the same token check, JSON in and out and calculation; nothing stored), and GET /actuator/health.
python3 perf/records_lua.py "$PERF_DIR/tokens.txt" /api/v1/calculations > "$PERF_DIR/calculations.lua"
wrk -t2 -c "$CONNECTIONS" -d 10s -s "$PERF_DIR/calculations.lua" "http://localhost:$PERF_PORT" > /dev/null 2>&1 || true
wrk -t2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" --latency -s "$PERF_DIR/calculations.lua" "http://localhost:$PERF_PORT" > "$PERF_DIR/wrk-calc.txt" 2>&1
CALC_RPS=$(grep -o 'Requests/sec: *[0-9.]*' "$PERF_DIR/wrk-calc.txt" | awk '{print $2}')
wrk -t2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" "http://localhost:$PERF_PORT/actuator/health" > "$PERF_DIR/wrk-health.txt" 2>&1
HEALTH_RPS=$(grep -o 'Requests/sec: *[0-9.]*' "$PERF_DIR/wrk-health.txt" | awk '{print $2}')
echo "no database: calculation endpoint $CALC_RPS req/s ($(grep RESULT "$PERF_DIR/wrk-calc.txt")); health $HEALTH_RPS req/s"

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
PGPASSWORD= pgbench -h localhost -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" -f "$PERF_DIR/insert.sql" postgres \
  > "$PERF_DIR/pgbench.txt" 2>&1
PGBENCH_TPS=$(grep -o 'tps = [0-9.]*' "$PERF_DIR/pgbench.txt" | head -1 | awk '{print $3}')
psql_perf -c "drop table if exists perf_narrow; create table perf_narrow (user_id uuid not null, id uuid not null,
  grams bigint not null, idem_key text not null, created_at timestamptz not null, primary key (user_id, id), unique (user_id, idem_key))"
cat > "$PERF_DIR/narrow.sql" <<'SQL'
insert into perf_narrow values (gen_random_uuid(), gen_random_uuid(), 1673, md5(random()::text), now());
SQL
PGPASSWORD= pgbench -h localhost -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" -f "$PERF_DIR/narrow.sql" postgres \
  > "$PERF_DIR/pgbench-narrow.txt" 2>&1
NARROW_TPS=$(grep -o 'tps = [0-9.]*' "$PERF_DIR/pgbench-narrow.txt" | head -1 | awk '{print $3}')
echo "pgbench single-row insert: $PGBENCH_TPS tps into a ledger-shaped table; $NARROW_TPS tps into a narrow one"

# Bulk: 10,000 rows through records:batch — one upload to warm the path up, then three timed, each by another
# participant; the median counts. Baselines, also medians of three: psql \copy of 10,000 rows into a table made like
# the records table (the goal's "same indexed table"), and \copy of the very rows one upload stored — its records,
# ledger entries and idempotency keys, exported — into tables made like those three, in one transaction: what the
# database alone needs to store what a bulk upload stores.
python3 perf/bulk_rows.py "$PERF_DIR"
participant_bulk
BULK=("${PARTICIPANT_BULK[@]}")
BULK_ROWS_S=$PARTICIPANT_BULK_ROWS_S

psql_perf -c "drop table if exists perf_copy; create table perf_copy (like activity_record including all)"
copy_one() {
  psql_perf -c "truncate perf_copy" -c "checkpoint"
  seconds_of psql_perf -c "\\copy perf_copy (user_id, id, behaviour, quantity, base_quantity, unit, occurred_at, occurred_on, evidence, channel, status, rules_version, reduction_grams, methodology_version, effective_grams, effective_version, ledger_entry_id, created_at) from '$PERF_DIR/copy.csv' with (format csv)"
}
COPY=()
for _ in 1 2 3; do COPY+=("$(python3 -c "print(10000 / $(copy_one | tail -1))")"); done
COPY_ROWS_S=$(median "${COPY[@]}")

# The rows the last upload stored, exported, and copied into look-alike tables in one transaction.
LAST_USER=$(psql_perf -c "select user_id from activity_record group by user_id order by max(created_at) desc limit 1")
ABS_DIR=$(cd "$PERF_DIR" && pwd)
psql_perf -c "\\copy (select * from activity_record where user_id = '$LAST_USER') to '$ABS_DIR/same-records.csv' csv" \
  -c "\\copy (select * from ledger_entry where user_id = '$LAST_USER') to '$ABS_DIR/same-entries.csv' csv" \
  -c "\\copy (select * from idempotency_key where scope = 'user:$LAST_USER/records') to '$ABS_DIR/same-keys.csv' csv" \
  -c "\\copy (select user_id, id, seq, kind, grams, record_id, behaviour, category, methodology_code, methodology_version, '{}',
        occurred_at, booked_at, prev_hash, hash, restatement_id, reverses, reason, actor_id, evidence
      from ledger_entry where user_id = '$LAST_USER') to '$ABS_DIR/same-entries-lean.csv' csv" \
  -c "\\copy (select scope, idem_key, fingerprint, '{}', created_at from idempotency_key where scope = 'user:$LAST_USER/records')
      to '$ABS_DIR/same-keys-lean.csv' csv"
SAME_ROWS=$(wc -l < "$PERF_DIR/same-records.csv")
psql_perf -c "drop table if exists perf_same_records, perf_same_entries, perf_same_keys" \
  -c "create table perf_same_records (like activity_record including all)" \
  -c "create table perf_same_entries (like ledger_entry including all)" \
  -c "create table perf_same_keys (like idempotency_key including all)"
# copy_same <suffix>: median rows/s of three copies of the exported rows (same-entries<suffix>.csv, same-keys<suffix>.csv)
# into the look-alike tables, in one transaction each.
copy_same() {
  local runs=()
  for _ in 1 2 3; do
    psql_perf -c "truncate perf_same_records, perf_same_entries, perf_same_keys" -c "checkpoint" > /dev/null
    runs+=("$(python3 -c "print($SAME_ROWS / $(seconds_of psql_perf -c "begin" -c "\\copy perf_same_records from '$ABS_DIR/same-records.csv' csv" \
      -c "\\copy perf_same_entries from '$ABS_DIR/same-entries$1.csv' csv" -c "\\copy perf_same_keys from '$ABS_DIR/same-keys$1.csv' csv" \
      -c "commit" | tail -1))")")
  done
  median "${runs[@]}"
}
SAME_ROWS_S=$(copy_same "")
LEAN_ROWS_S=$(copy_same -lean)
echo "bulk ingest: $BULK_ROWS_S rows/s (${BULK[*]}); raw \\copy into a records table: $COPY_ROWS_S rows/s; the same rows into its three tables: $SAME_ROWS_S rows/s ($LEAN_ROWS_S rows/s without their JSON)"

RUN=$(date -u +%Y%m%dT%H%M%SZ)
CSV=$RESULTS/record-api.csv
[[ -f $CSV ]] || echo "run,seconds,connections,pgbench_tps,api_rps,api_ratio,api_detail,bulk_rows_s,copy_rows_s,bulk_ratio,pgbench_narrow_tps,baselines,copy_same_tables_rows_s,bulk_ratio_same_tables,api_credited_share,api_row_writes_per_record,api_commits_per_record,calculation_rps,health_rps,api_ratio_to_calculation,copy_same_tables_lean_rows_s,pgbench_per_record_tps,api_to_per_record" > "$CSV"
# Columns added over time are added to the header of an existing file too (older rows lack them).
sed -i '1s/api_commits_per_record$/api_commits_per_record,calculation_rps,health_rps,api_ratio_to_calculation,copy_same_tables_lean_rows_s/' "$CSV"
sed -i '1s/copy_same_tables_lean_rows_s$/copy_same_tables_lean_rows_s,pgbench_per_record_tps,api_to_per_record/' "$CSV"
python3 - "$CSV" "$RUN" "$SECONDS_RUN" "$CONNECTIONS" "$PGBENCH_TPS" "$API_RPS" "$API_RESULT" "$BULK_ROWS_S" "$COPY_ROWS_S" "$NARROW_TPS" "$SAME_ROWS_S" "$API_CREDITED" "$ROW_WRITES" "$COMMITS" "$CALC_RPS" "$HEALTH_RPS" "$LEAN_ROWS_S" "$PER_RECORD_TPS" <<'PY'
import sys
csv, run, secs, conns, pg, api, detail, bulk, copy, narrow, same, credited, row_writes, commits, calc, health, lean, per_record = sys.argv[1:]
api_ratio = float(api) / float(pg)
bulk_ratio = float(bulk) / float(copy)
same_ratio = float(bulk) / float(same)
open(csv, "a").write(f"{run},{secs},{conns},{float(pg):.0f},{float(api):.0f},{api_ratio:.3f},{detail.replace(',', ' ')},{bulk},{copy},{bulk_ratio:.3f},{float(narrow):.0f},ledger-shaped,{same},{same_ratio:.3f},{credited},{row_writes},{commits},{float(calc):.0f},{float(health):.0f},{float(api) / float(calc):.3f},{lean},{float(per_record):.0f},{float(api) / float(per_record):.2f}\n")
print(f"rows written per second: the API {float(api) * float(row_writes):.0f} ({row_writes} per record), pgbench {float(pg):.0f} (one per transaction): {float(api) * float(row_writes) / float(pg):.0%}")
print(f"API / pgbench = {api_ratio:.1%} (issue 25: ≥ 25 %); API / the per-record script = {float(api) / float(per_record):.2f}× (≥ 1.5×); API / the calculation endpoint (no database) = {float(api) / float(calc):.1%}; calculation endpoint / pgbench = {float(calc) / float(pg):.1%}; bulk / copy = {bulk_ratio:.1%} ; bulk / copy of the same rows into the same three tables = {same_ratio:.1%} (issue 25: ≥ 50 %); the database alone, storing an upload's rows, reaches {float(same) / float(copy):.1%} of the single-table copy ({float(lean) / float(copy):.1%} without their JSON)")
PY
