#!/usr/bin/env bash
# Read scaling on a streaming replica (issue 25): starts a PostgreSQL 15 primary and a streaming replica of it made by
# pg_basebackup -R (Debian's server binaries, /usr/lib/postgresql/15/bin) on loopback ports in a temporary directory,
# starts the packaged platform on the primary with lct.datasource.replica-url naming the replica, generates a small
# programme with its roll-ups (perf/dashboard-data.sql), records activities through the API, then loads the public
# impact, the programme's and a project's dashboards, open data and the home page — and shows with pg_stat_statements,
# counted on each server apart, that the reporting queries ran on the replica and the writes on the primary. Last, it
# stops the replica and loads two reports again (they fall back to the primary).
#
#   perf/replica.sh [entries=20000]
#   PG_BIN (default /usr/lib/postgresql/15/bin), PRIMARY_PORT (15432), REPLICA_PORT (15433), PERF_PORT (18097),
#   PERF_REBUILD=1 to rebuild the jar
# Results: perf/results/replica-<UTC date>.md
cd "$(dirname "$0")/.."
# a port of its own: other perf scripts use lib.sh's 18080
export PERF_PORT=${PERF_PORT:-18097}
source perf/lib.sh
require curl psql python3
ENTRIES=${1:-20000}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PRIMARY_PORT=${PRIMARY_PORT:-15432}
REPLICA_PORT=${REPLICA_PORT:-15433}
PROGRAMME=00000000-0000-4000-8000-00000000c001
REPORT=$RESULTS/replica-$(date -u +%Y-%m-%d).md
for tool in initdb pg_ctl pg_basebackup; do
  [[ -x "$PG_BIN/$tool" ]] || { echo "Needs $PG_BIN/$tool (Debian: apt-get install postgresql-15)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/lct-replica.XXXXXX)
# PostgreSQL refuses to run as root: as root, the servers run as the postgres user.
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) == 0 ]] && chown postgres "$WORK"
cleanup() {
  stop_platform
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -m fast stop >/dev/null 2>&1 || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/primary" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
primary() { PGPASSWORD= psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d lct -qAt "$@"; }
replica() { PGPASSWORD= psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d lct -qAt "$@"; }

# 1. The primary: WAL for a replica, pg_stat_statements, trust on loopback (initdb's pg_hba.conf already lets
#    127.0.0.1 replicate).
as_pg "$PG_BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/primary/postgresql.conf" <<CONF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
wal_level = replica
max_wal_senders = 4
hot_standby = on
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
timezone = 'UTC'
max_connections = 100
CONF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start >/dev/null
PGPASSWORD= psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -qAt -c "create database lct"
primary -c "create extension pg_stat_statements"

# 2. The replica: a base backup streaming from the primary (-R writes primary_conninfo and standby.signal).
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/replica" -R -X stream -c fast
echo "port = $REPLICA_PORT" >> "$WORK/replica/postgresql.conf"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica.log" -w start >/dev/null
[[ $(replica -c "select pg_is_in_recovery()") == t ]] || { echo "the replica is not in recovery" >&2; exit 1; }
VERSION=$(primary -c "show server_version")
echo "primary on $PRIMARY_PORT, streaming replica on $REPLICA_PORT (PostgreSQL $VERSION); state: $(primary -c "select state from pg_stat_replication")"

# 3. The platform on the primary, its reporting reads on the replica.
build_jar
! curl -s -o /dev/null "http://localhost:$PERF_PORT/" || { echo "port $PERF_PORT is taken (set PERF_PORT)" >&2; exit 1; }
"$JAVA" ${JVM_OPTS:--Xms512m -Xmx512m} -jar "$JAR" --server.port="$PERF_PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/lct" \
  --spring.datasource.username=postgres --spring.datasource.password= \
  --lct.datasource.replica-url="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/lct" \
  --lct.rate-limits.writes.capacity=100000000 --lct.rate-limits.sign-in.capacity=100000000 \
  --lct.rate-limits.registration.capacity=100000000 \
  --logging.level.root=WARN --logging.level.org.lowcarbontogether.platform=INFO \
  > "$PERF_DIR/replica-app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 "${START_TIMEOUT:-600}"); do
  curl -fs "http://localhost:$PERF_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
curl -fs "http://localhost:$PERF_PORT/actuator/health" >/dev/null \
  || { echo "platform did not start on PostgreSQL $VERSION; see $PERF_DIR/replica-app.log:" >&2; grep -m5 -i "error\|exception" "$PERF_DIR/replica-app.log" >&2; exit 1; }
MIGRATIONS=$(primary -c "select count(*) || ' migrations (last V' || (select version from flyway_schema_history where success
  order by installed_rank desc limit 1) || ')' from flyway_schema_history where success and version is not null")
echo "platform up on the primary ($MIGRATIONS applied on PostgreSQL $VERSION)"

# caught_up: waits until the replica has replayed everything the primary wrote so far; prints the wait.
caught_up() {
  local lsn start; lsn=$(primary -c "select pg_current_wal_lsn()"); start=$(date +%s.%N)
  for _ in $(seq 1 200); do
    [[ $(replica -c "select pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn") == t ]] && break
    sleep 0.05
  done
  python3 -c "print(round(($(date +%s.%N) - $start) * 1000))"
}
reset_statements() { primary -c "select pg_stat_statements_reset()" >/dev/null; replica -c "select pg_stat_statements_reset()" >/dev/null; }
# statements <server> <label>: calls of the platform's statements (not psql's own) on one server, by kind of table.
statements() {
  "$1" -F '|' -c "select '$2',
      coalesce(sum(calls) filter (where query !~* '\m(insert|update|delete|copy)\M'
        and query ~* '\m(impact_daily|impact_participant|impact_evidence_daily|rollup_key|rollup_user_key|rollup_user_day|rollup_daily|rollup_source|rollup_snapshot|public_release)\M'), 0),
      coalesce(sum(calls) filter (where query ~* '\m(insert|update|delete|copy)\M'), 0),
      coalesce(sum(calls) filter (where query ~* '\m(insert into|copy) (activity_record|ledger_entry)\M'), 0),
      coalesce(sum(calls), 0)
    from pg_stat_statements s join pg_database d on d.oid = s.dbid
    where d.datname = 'lct' and query !~* '(pg_stat_statements|pg_last_wal|pg_current_wal|pg_is_in_recovery|flyway)'"
}

# 4. A programme with funded projects and its roll-ups, generated in SQL on the primary (as perf/dashboard.sh does,
#    on roll-ups that are still empty: before any record).
primary -v entries="$ENTRIES" -v users="$(( ENTRIES / 20 ))" -v projects=4 -f perf/dashboard-data.sql > "$PERF_DIR/replica-gen.log" 2>&1
primary -c "analyze" >/dev/null
GEN_LAG_MS=$(caught_up)
echo "generated $ENTRIES ledger entries with their roll-ups; replica caught up in ${GEN_LAG_MS} ms"

# 5. Writes: participants record activities through the API.
PARTICIPANTS=${PARTICIPANTS:-4}
make_participants "$PARTICIPANTS" "$PERF_DIR/replica-tokens.txt"
reset_statements
RECORDS=0
while read -r token; do
  for i in $(seq 1 10); do
    when=$(date -u -d "-$((i * 7)) hours" +%Y-%m-%dT%H:%M:%SZ)
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$PERF_PORT/api/v1/records" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: replica-$RANDOM$RANDOM-$i" \
      -d "{\"behaviour\":\"CYCLE_INSTEAD_OF_CAR\",\"quantity\":3.$i,\"unit\":\"km\",\"occurredAt\":\"$when\",\"region\":\"CN-GD\"}")
    [[ $code == 201 || $code == 200 ]] && RECORDS=$((RECORDS + 1))
  done
done < "$PERF_DIR/replica-tokens.txt"
psql_perf() { primary "$@"; }  # for quiesce (lib.sh): the platform's database
quiesce
WRITE_LAG_MS=$(caught_up)
WRITE_PRIMARY=$(statements primary primary)
WRITE_REPLICA=$(statements replica replica)
echo "recorded $RECORDS activities through the API; replica caught up in ${WRITE_LAG_MS} ms"

# 6. Reads, as the public makes them: the impact, the programme's dashboard (published figures) and page, its open data,
#    a project's figures, the home page.
PROJECT=$(primary -c "select w.id from grant_award w join grant_application a on a.id = w.application_id
  join grant_call c on c.id = a.call_id where c.programme_id = '$PROGRAMME' order by w.starts_on, w.id limit 1")
reset_statements
URLS=(
  "/api/v1/impact"
  "/api/v1/programmes/$PROGRAMME/impact"
  "/api/v1/open-data/programmes/$PROGRAMME/impact?by=MONTH"
  "/api/v1/open-data/programmes/$PROGRAMME/impact?by=REGION"
  "/api/v1/open-data/programmes/$PROGRAMME/impact?by=CATEGORY"
  "/api/v1/projects/$PROJECT/impact"
  "/programmes/$PROGRAMME"
  "/"
)
READS=""
for url in "${URLS[@]}"; do
  for _ in 1 2 3; do
    code=$(curl -s -o "$PERF_DIR/replica-read.out" -w '%{http_code}' "http://localhost:$PERF_PORT$url")
  done
  READS+="| \`$url\` | $code | $(wc -c < "$PERF_DIR/replica-read.out") |"$'\n'
done
READ_PRIMARY=$(statements primary primary)
READ_REPLICA=$(statements replica replica)
BEHAVIOURS_API=$(curl -fs "http://localhost:$PERF_PORT/api/v1/impact" | python3 -c "import json,sys; print(json.load(sys.stdin)['behaviours'])")
BEHAVIOURS_DB=$(primary -c "select coalesce(sum(behaviours), 0) from impact_daily")
TOP_REPLICA=$(replica -F ' | ' -c "select calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_statements s
  join pg_database d on d.oid = s.dbid where d.datname = 'lct' and query !~* 'pg_stat_statements' order by calls desc limit 8")
TOP_PRIMARY=$(primary -F ' | ' -c "select calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_statements s
  join pg_database d on d.oid = s.dbid where d.datname = 'lct' and query !~* '(pg_stat_statements|pg_current_wal)' order by calls desc limit 8")
PRIMARY_REPORTING=$(primary -F ' | ' -c "select calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_statements s
  join pg_database d on d.oid = s.dbid where d.datname = 'lct'
  and (query ~* '\m(insert|update|delete|copy)\M' or query ~* '\m(impact_daily|impact_participant|impact_evidence_daily|rollup_key|rollup_user_key|rollup_user_day|rollup_daily|rollup_source|rollup_snapshot|public_release)\M')
  order by calls desc limit 12")
REPLICA_BACKENDS=$(replica -c "select count(*) from pg_stat_activity where datname = 'lct' and application_name = 'PostgreSQL JDBC Driver'")
WRITE_ON_REPLICA=$(replica -c "insert into impact_participant values (gen_random_uuid(), current_date, current_date)" 2>&1 || true)

# 7. The replica stopped: the dashboards fall back to the primary.
as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -m fast stop >/dev/null
DOWN_CODE=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "http://localhost:$PERF_PORT/api/v1/open-data/programmes/$PROGRAMME/impact?by=REGION")
DOWN_AGAIN=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "http://localhost:$PERF_PORT/api/v1/impact")

row() { IFS='|' read -r who sel wr rec all <<<"$1"; echo "| $2 | $who | $sel | $wr | $rec | $all |"; }
{
  echo "# Reporting reads on a streaming replica — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "PostgreSQL $VERSION primary (port $PRIMARY_PORT) and a streaming replica made by \`pg_basebackup -R -X stream\` (port"
  echo "$REPLICA_PORT), both on loopback on this machine; the platform jar on the primary with"
  echo "\`lct.datasource.replica-url=jdbc:postgresql://127.0.0.1:$REPLICA_PORT/lct\`. $MIGRATIONS applied."
  echo
  echo "Statement calls counted by pg_stat_statements on each server apart (reset before each phase; psql's own left out):"
  echo "reporting reads (statements on the roll-up and release tables that write nothing), writes (statements with insert,"
  echo "update, delete or copy), inserts into the records and ledger tables, all statements."
  echo
  echo "| phase | server | reporting selects | writes | record/ledger inserts | all statements |"
  echo "|---|---|---|---|---|---|"
  row "$WRITE_PRIMARY" "$RECORDS records through the API"
  row "$WRITE_REPLICA" "$RECORDS records through the API"
  row "$READ_PRIMARY" "reads (each URL 3 times)"
  row "$READ_REPLICA" "reads (each URL 3 times)"
  echo
  echo "Replica caught up ${WRITE_LAG_MS} ms after the records (and their roll-ups), ${GEN_LAG_MS} ms after generating $ENTRIES entries."
  echo "\`/api/v1/impact\` behaviours: $BEHAVIOURS_API (primary's impact_daily: $BEHAVIOURS_DB). Platform connections on the replica: $REPLICA_BACKENDS."
  echo
  echo "| read | status | bytes |"
  echo "|---|---|---|"
  printf '%s' "$READS"
  echo
  echo "Most called statements on the replica during the reads:"
  echo '```'
  echo "$TOP_REPLICA"
  echo '```'
  echo "Most called statements on the primary during the reads:"
  echo '```'
  echo "$TOP_PRIMARY"
  echo '```'
  echo "On the primary during the reads, the statements that write or touch a reporting table (releases and snapshots"
  echo "computed on first request are written here; a release the replica does not have yet is looked up here before it is"
  echo "computed; page views write their session):"
  echo '```'
  echo "$PRIMARY_REPORTING"
  echo '```'
  echo "A write on the replica: \`$WRITE_ON_REPLICA\`"
  echo
  echo "Replica stopped: open data by region answered $DOWN_CODE (the replica pool's 2 s connection timeout, then the primary),"
  echo "the public impact next answered $DOWN_AGAIN (primary, without trying the replica for 30 s)."
} > "$REPORT"
cat "$REPORT"
