#!/usr/bin/env bash
# Storage per credited record (issue 25: all tables and indexes included; goal ≤ 700 bytes), on a throw-away database.
# Two paths, measured one after the other on the same database, each between two snapshots of every table of the
# application's schemas (pg_total_relation_size: heap with its free-space and visibility maps, indexes, TOAST):
#   api:  N records through POST /api/v1/records (wrk, 32 connections, PARTICIPANTS people, a fresh Idempotency-Key
#         each, four travel modes: perf/records_lua.py), stopped once N records are stored;
#   bulk: N rows through POST /api/v1/records:batch, 10,000-row uploads of six office behaviours (perf/bulk_rows.py),
#         each upload by a participant of its own.
# Each phase ends when every listener has run (quiesce: no incomplete event publication), then the database is settled
# the same way before every snapshot: CHECKPOINT, then VACUUM (ANALYZE). Not VACUUM FULL: a running database is never
# compacted, its B-trees grown by random keys are ~70 % full and its heaps keep the free space of rows that were updated
# or deleted, and that is what a record costs there. Plain VACUUM makes the snapshots comparable (autovacuum would
# otherwise prune dead row versions and create the free-space and visibility maps at random times) and sets the visibility
# map of the new pages; CHECKPOINT changes no size (blocks are counted when allocated) but leaves WAL out of the way.
# VACUUM FULL is run once at the very end as a lower bound: both paths' rows compacted and every index rebuilt.
# Only credited records count (activity_record.status = 'CREDITED'); every record of the phase still adds its bytes.
# Baselines, same run and same database, settled the same way: bytes per row of ledger_entry alone, and of a minimal
# row, N rows of (uuid, uuid, bigint, timestamptz) in a heap alone and with a primary key on the two uuids. To say where
# the bytes go: the average stored width of every column of the tables that grew most; what the widest column of the
# three largest contributors costs (copies with it emptied, and its width compressed); and a one-row sketch of a
# credited record. Takes about 5 minutes after the build on 2 cores (PARTICIPANTS, CONNECTIONS change the API phase).
# Usage: perf/storage.sh [N=20000]. Needs wrk, psql (Debian: wrk postgresql-client). Results: a line in
# perf/results/storage.csv, the breakdown in perf/results/storage-<date>.md.
cd "$(dirname "$0")/.."
source perf/lib.sh
require wrk psql curl python3
N=${1:-20000}
PARTICIPANTS=${PARTICIPANTS:-200}
CONNECTIONS=${CONNECTIONS:-32}
UPLOADS=$(( (N + 9999) / 10000 ))
(( UPLOADS <= 4 )) || { echo "bulk: at most 40,000 rows (perf/bulk_rows.py writes four uploads)" >&2; exit 1; }
OUT=$PERF_DIR/storage
WRK_PID=

cleanup() {
  [[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null && wait "$WRK_PID" 2>/dev/null || true
  stop_platform
}
trap cleanup EXIT

build_jar
rm -rf "$PERF_DIR/storage-db" "$OUT"
mkdir -p "$OUT"
start_platform "$PERF_DIR/storage-db" --lct.admission.records.concurrent="$CONNECTIONS"
echo "platform up; embedded PostgreSQL on port $PG_PORT"
# The first PARTICIPANTS post through the API; one more per bulk upload, so each path's rows are told apart by person.
make_participants $(( PARTICIPANTS + UPLOADS )) "$OUT/tokens.txt"
head -n "$PARTICIPANTS" "$OUT/tokens.txt" > "$OUT/api-tokens.txt"

SCHEMAS="n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'"
settle() { psql_perf -c "checkpoint" -c "vacuum (analyze)" -c "checkpoint"; }
# snapshot <name>: every table of the application's schemas (the perf_ tables of this script left out) and each of its
# indexes, with their sizes in bytes and the table's exact row count, as CSV.
snapshot() {
  psql_perf -F, -c "
    select 'table', c.relname, '', pg_relation_size(c.oid, 'main'),
      pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm') + pg_relation_size(c.oid, 'init'),
      coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), pg_indexes_size(c.oid), pg_total_relation_size(c.oid),
      (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'm') and $SCHEMAS and c.relname not like 'perf\\_%'
    union all
    select 'index', t.relname, i.relname, pg_relation_size(i.oid), 0, 0, 0, pg_relation_size(i.oid), ''
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
    where t.relkind in ('r', 'm') and $SCHEMAS and t.relname not like 'perf\\_%'" > "$OUT/$1.csv"
}
counts() { psql_perf -c "select count(*) filter (where status = 'CREDITED') || ' ' || count(*) from activity_record"; }
lsn() { psql_perf -c "select pg_current_wal_lsn()"; }
now() { psql_perf -c "select now()"; }

# The starting point: what the platform and its participants hold before any record, compacted and settled.
quiesce
psql_perf -c "vacuum full" > /dev/null
settle
snapshot s0
read -r CREDITED0 RECORDS0 < <(counts)

# Phase api: wrk until N records are stored. Each wrk thread stops after its share of answers; the script stops wrk
# once the records table holds N more rows (wrk otherwise sleeps out its -d).
API_START=$(now); LSN0=$(lsn)
python3 perf/records_lua.py "$OUT/api-tokens.txt" > "$OUT/records.lua"
cat >> "$OUT/records.lua" <<LUA
local answered = 0
response = function(status, headers, body)
  answered = answered + 1
  if answered >= $(( (N + 1) / 2 )) then wrk.thread:stop() end
end
LUA
wrk -t2 -c "$CONNECTIONS" -d 1800s -s "$OUT/records.lua" "http://localhost:$PERF_PORT" > "$OUT/wrk.txt" 2>&1 &
WRK_PID=$!
stored=0; still=0
while kill -0 "$WRK_PID" 2>/dev/null && (( stored < RECORDS0 + N && still < 20 )); do
  sleep 0.5
  last=$stored; stored=$(psql_perf -c "select count(*) from activity_record")
  (( stored == last )) && still=$(( still + 1 )) || still=0
done
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" 2>/dev/null || true
WRK_PID=
grep RESULT "$OUT/wrk.txt" || { cat "$OUT/wrk.txt" >&2; exit 1; }
sleep 2; quiesce; sleep 2; quiesce
API_END=$(now); LSN1=$(lsn)
settle
snapshot s1
read -r CREDITED1 RECORDS1 < <(counts)
echo "api: $(( CREDITED1 - CREDITED0 )) credited of $(( RECORDS1 - RECORDS0 )) records"

# Phase bulk: N rows in uploads of at most 10,000, each by one of the participants after the first PARTICIPANTS.
BULK_START=$(now); LSN2=$(lsn)
python3 perf/bulk_rows.py "$OUT"
left=$N
for (( u = 0; u < UPLOADS; u++ )); do
  rows=$(( left < 10000 ? left : 10000 )); left=$(( left - rows ))
  head -n "$rows" "$OUT/batch$u.ndjson" > "$OUT/upload$u.ndjson"
  curl -fs -X POST "http://localhost:$PERF_PORT/api/v1/records:batch" \
    -H "Authorization: Bearer $(sed -n "$(( PARTICIPANTS + u + 1 ))p" "$OUT/tokens.txt")" \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/upload$u.ndjson" -o "$OUT/bulk-result$u.json"
  head -c 300 "$OUT/bulk-result$u.json"; echo
  quiesce
done
sleep 2; quiesce
BULK_END=$(now); LSN3=$(lsn)
settle
snapshot s2
read -r CREDITED2 RECORDS2 < <(counts)
echo "bulk: $(( CREDITED2 - CREDITED1 )) credited of $(( RECORDS2 - RECORDS1 )) records"

# Average stored width of every column (pg_column_size: as stored, after compression) of each table that grew, over the
# rows of the phase: a person's rows by the phase's people where the table has user_id, else by the phase's time span
# where it has a time column, else all its rows. A JSON line per table and phase.
API_USERS="select distinct user_id from activity_record where created_at >= '$API_START' and created_at < '$API_END'"
BULK_USERS="select distinct user_id from activity_record where created_at >= '$BULK_START' and created_at < '$BULK_END'"
widths() {
  local phase=$1 users=$2 from=$3 to=$4 table columns filter select
  python3 perf/storage_report.py grown "$OUT/$5.csv" "$OUT/$6.csv" | while read -r table; do
    columns=$(psql_perf -c "select string_agg(column_name || ':' || replace(data_type, ' ', '_'), ' ' order by ordinal_position)
      from information_schema.columns where table_name = '$table' and table_schema = current_schema()")
    filter="true"
    if [[ " $columns " == *" user_id:"* ]]; then filter="user_id in ($users)"
    else
      for time in created_at publication_date booked_at occurred_at updated_at; do
        [[ " $columns " == *" $time:timestamp"* ]] && { filter="$time >= '$from' and $time < '$to'"; break; }
      done
    fi
    select=""
    for c in $columns; do select+="${select:+, }'${c%%:*}', round(avg(pg_column_size(t.\"${c%%:*}\")), 1)"; done
    psql_perf -c "select json_build_object('phase', '$phase', 'table', '$table', 'filter', \$\$$filter\$\$, 'rows', count(*),
      'row', round(avg(pg_column_size(t.*)), 1), 'columns', json_build_object($select)) from \"$table\" t where $filter"
  done
}
{ widths api "$API_USERS" "$API_START" "$API_END" s0 s1; widths bulk "$BULK_USERS" "$BULK_START" "$BULK_END" s1 s2; } > "$OUT/widths.jsonl"

# What the widest column of each of the three largest contributors costs, measured on copies of the record API phase's
# rows into look-alike tables (`like … including all`, filled in the same order): as stored, and with that column emptied
# (null where it may be, else '{}' or ''). And what compression would make of it: PostgreSQL compresses a value only in
# a row of more than about 2 kB (lowering toast_tuple_target does not start it earlier), and these rows are smaller, so
# each value is stored once more beside an uncompressible pad that takes its row past 2.1 kB, and its stored width read
# back: by pglz, and by lz4 where this PostgreSQL has it. One JSON line per table.
whatif() {
  local table=$1 column=$2 filter=$3 empty list lz4=null
  empty=$(psql_perf -c "select case when is_nullable = 'YES' then 'null' when data_type in ('json', 'jsonb') then '''{}''' else '''''' end
    from information_schema.columns where table_schema = current_schema() and table_name = '$table' and column_name = '$column'")
  list=$(psql_perf -c "select string_agg(case when column_name = '$column' then \$\$$empty\$\$ else quote_ident(column_name) end, ', '
    order by ordinal_position) from information_schema.columns where table_schema = current_schema() and table_name = '$table'")
  psql_perf -c "drop table if exists perf_wi_asis, perf_wi_empty, perf_wi_pglz, perf_wi_lz4" \
    -c "create table perf_wi_asis (like \"$table\" including all)" \
    -c "create table perf_wi_empty (like \"$table\" including all)" \
    -c "insert into perf_wi_asis select * from \"$table\" t where $filter" \
    -c "insert into perf_wi_empty select $list from perf_wi_asis" \
    -c "create table perf_wi_pglz (pad text storage plain, v text compression pglz)" \
    -c "insert into perf_wi_pglz select repeat('x', greatest(0, 2100 - octet_length(\"$column\"::text))), \"$column\"::text
        from perf_wi_asis where \"$column\" is not null" > /dev/null
  if psql_perf -v ON_ERROR_STOP=1 -c "create table perf_wi_lz4 (pad text storage plain, v text compression lz4)" > /dev/null 2>&1; then
    psql_perf -c "insert into perf_wi_lz4 select * from perf_wi_pglz" > /dev/null
    lz4="(select round(avg(pg_column_size(v)), 1) from perf_wi_lz4)"
  fi
  psql_perf -c "checkpoint" -c "vacuum (analyze) perf_wi_asis, perf_wi_empty" > /dev/null
  psql_perf -c "select json_build_object('table', '$table', 'column', '$column', 'emptied_to', \$\$$empty\$\$,
    'rows', (select count(*) from perf_wi_asis),
    'asis', pg_total_relation_size('perf_wi_asis'), 'empty', pg_total_relation_size('perf_wi_empty'),
    'width_asis', (select round(avg(pg_column_size(\"$column\")), 1) from perf_wi_asis),
    'text', (select round(avg(octet_length(v)), 1) from perf_wi_pglz),
    'width_pglz', (select round(avg(pg_column_size(v)), 1) from perf_wi_pglz), 'width_lz4', $lz4)"
}
python3 perf/storage_report.py widest "$OUT/widths.jsonl" api 3 | while IFS=$'\t' read -r table column filter; do
  whatif "$table" "$column" "$filter"
done > "$OUT/whatif.jsonl"
psql_perf -c "drop table if exists perf_wi_asis, perf_wi_empty, perf_wi_pglz, perf_wi_lz4" > /dev/null

# A sketch to judge the goal by, measured on the record API phase's own rows: one row per credited record holding what
# its record, ledger entry and idempotency key hold that cannot be derived — the record's inputs, the entry's sequence,
# grams, times and hash chain (hashes as 32 bytes, not 64 hex characters), the key and its fingerprint — with a lean
# provenance (parameters, factor ids and the computed figures; the factors' metadata and the steps left to the
# methodology tables, which the version names) and the indexes the three tables' look-ups need; and the same without the
# key and without provenance. Not a design: a measure of what such a row weighs.
lean() {
  psql_perf -v ON_ERROR_STOP=1 -c "drop table if exists perf_lean, perf_lean_bare" -c "
    create table perf_lean (
      user_id uuid not null, id uuid not null, seq bigint not null, grams bigint not null,
      occurred_at timestamptz not null, booked_at timestamptz not null, quantity numeric(18,6) not null,
      behaviour text not null, unit text not null, region text, evidence text not null, status text not null,
      methodology_version text not null, rules_version text, idem_key text, fingerprint bytea,
      prev_hash bytea not null, hash bytea not null, provenance json not null,
      primary key (user_id, id), unique (user_id, seq), unique (user_id, idem_key))" \
    -c "create index perf_lean_occurred on perf_lean (user_id, occurred_at)" \
    -c "create index perf_lean_booked on perf_lean (booked_at)" \
    -c "create table perf_lean_bare (like perf_lean including all)" \
    -c "alter table perf_lean_bare drop column idem_key, drop column fingerprint" \
    -c "insert into perf_lean
      select r.user_id, r.id, e.seq, e.grams, r.occurred_at, e.booked_at, r.quantity, r.behaviour, r.unit, r.region,
        r.evidence, r.status, e.methodology_version, r.rules_version, k.idem_key, decode(k.fingerprint, 'hex'),
        decode(e.prev_hash, 'hex'), decode(e.hash, 'hex'),
        json_build_object('parameters', e.provenance->'parameters',
          'factors', (select json_agg(f->'id') from json_array_elements(e.provenance->'factors') f),
          'baselineGrams', e.provenance->'baselineGrams', 'projectGrams', e.provenance->'projectGrams',
          'lowGrams', e.provenance->'lowGrams', 'highGrams', e.provenance->'highGrams', 'flags', e.provenance->'flags')
      from activity_record r join ledger_entry e on e.user_id = r.user_id and e.id = r.ledger_entry_id
      left join (select (response->>'id')::uuid as record_id, idem_key, fingerprint from idempotency_key
        where scope like 'user:%/records' and response is not null) k on k.record_id = r.id
      where r.status = 'CREDITED' and r.user_id in ($API_USERS)" \
    -c "insert into perf_lean_bare select user_id, id, seq, grams, occurred_at, booked_at, quantity, behaviour, unit, region,
      evidence, status, methodology_version, rules_version, prev_hash, hash, '{}' from perf_lean" > /dev/null
  psql_perf -c "checkpoint" -c "vacuum (analyze) perf_lean, perf_lean_bare" > /dev/null
  for t in perf_lean perf_lean_bare; do
    psql_perf -c "select json_build_object('table', '$t', 'rows', (select count(*) from $t), 'total', pg_total_relation_size('$t'),
      'heap', pg_table_size('$t'), 'indexes', pg_indexes_size('$t'),
      'row', (select round(avg(pg_column_size(l.*)), 1) from $t l),
      'provenance', (select round(avg(pg_column_size(provenance)), 1) from $t),
      'index_sizes', (select json_object_agg(i.relname, pg_relation_size(i.oid)) from pg_index x join pg_class i on i.oid = x.indexrelid
        where x.indrelid = '$t'::regclass))"
  done
  psql_perf -c "drop table perf_lean, perf_lean_bare" > /dev/null
}
lean > "$OUT/lean.jsonl" || { echo "warning: the one-row sketch failed (the tables changed?); left out" >&2; : > "$OUT/lean.jsonl"; }

# Baselines: minimal rows, N of them, in a heap alone and with a primary key on the two uuids (filled in random key
# order, as the platform's random ids are), settled like the rest.
psql_perf -c "drop table if exists perf_min_heap, perf_min_pk" \
  -c "create table perf_min_heap (a uuid not null, b uuid not null, n bigint not null, t timestamptz not null)" \
  -c "create table perf_min_pk (a uuid not null, b uuid not null, n bigint not null, t timestamptz not null, primary key (a, b))" \
  -c "insert into perf_min_heap select gen_random_uuid(), gen_random_uuid(), i, now() from generate_series(1, $N) i" \
  -c "insert into perf_min_pk select * from perf_min_heap" > /dev/null
settle
MIN_HEAP=$(psql_perf -c "select pg_total_relation_size('perf_min_heap')")
MIN_PK=$(psql_perf -c "select pg_total_relation_size('perf_min_pk')")

# The lower bound: everything compacted (VACUUM FULL rewrites each table and rebuilds its indexes), both paths together.
psql_perf -c "vacuum full" > /dev/null
settle
snapshot s3

RUN=$(date -u +%Y%m%dT%H%M%SZ)
python3 perf/storage_report.py report "$OUT" "$RUN" "$N" "$PARTICIPANTS" \
  "$CREDITED0 $RECORDS0 $CREDITED1 $RECORDS1 $CREDITED2 $RECORDS2" \
  "$(psql_perf -c "select pg_wal_lsn_diff('$LSN1', '$LSN0')") $(psql_perf -c "select pg_wal_lsn_diff('$LSN3', '$LSN2')")" \
  "$MIN_HEAP $MIN_PK" "$(grep RESULT "$OUT/wrk.txt")" \
  "$RESULTS/storage.csv" "$RESULTS/storage-$(date -u +%Y-%m-%d).md"
