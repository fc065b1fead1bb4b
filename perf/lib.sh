# Shared helpers for the perf scripts: build the jar, start the platform on a throw-away embedded database, find its
# PostgreSQL port, create participants with tokens, stop everything.
set -euo pipefail

PERF_PORT=${PERF_PORT:-18080}
PERF_DIR=${PERF_DIR:-target/perf}
RESULTS=perf/results
mkdir -p "$PERF_DIR" "$RESULTS"

find_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    local version
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [[ "${version%%.*}" -ge 21 ]]; then echo "$candidate/bin/java"; return; fi
  done
  echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1
}
JAVA=$(find_java)

require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "Needs $tool (Debian: apt-get install $tool)" >&2; exit 1; }
  done
}

build_jar() {
  [[ -n "$(ls platform/target/low-carbon-together-*.jar 2>/dev/null | grep -v plain)" && "${PERF_REBUILD:-0}" != 1 ]] \
    || ./mvnw -q -B -DskipTests -pl platform -am package
  JAR=$(ls platform/target/low-carbon-together-*.jar | grep -v plain | head -1)
}

# start_platform <data dir> [extra app arguments...]: starts the jar in the background, waits for health, sets APP_PID
# and PG_PORT.
start_platform() {
  local data=$1; shift
  # A fixed 1 GiB heap, as in production (docs/architecture.md, Operations): left to grow from its small default, G1
  # kept the heap near 150 MB and paused about 5 times a second under load, which alone tripled the p99 at 1,000 req/s.
  # PERF_APP_ARGS: more arguments for a diagnostic run (for example the settings that load pg_stat_statements).
  "$JAVA" ${JVM_OPTS:--Xms1g -Xmx1g} -jar "$JAR" --server.port="$PERF_PORT" --lct.database.data-dir="$data" "$@" ${PERF_APP_ARGS:-} \
    --lct.rate-limits.writes.capacity=100000000 --lct.rate-limits.sign-in.capacity=100000000 \
    --lct.rate-limits.registration.capacity=100000000 \
    --logging.level.root=WARN --logging.level.org.lowcarbontogether.platform=INFO \
    > "$PERF_DIR/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 "${START_TIMEOUT:-600}"); do
    curl -fs "http://localhost:$PERF_PORT/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://localhost:$PERF_PORT/actuator/health" >/dev/null || { echo "platform did not start; see $PERF_DIR/app.log" >&2; exit 1; }
  PG_PORT=$(grep -o 'Embedded PostgreSQL listening on port [0-9]*' "$PERF_DIR/app.log" | tail -1 | awk '{print $NF}')
}

stop_platform() {
  [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
}

psql_perf() {
  PGPASSWORD= psql -h localhost -p "$PG_PORT" -U postgres -d postgres -qAt "$@"
}

# make_participants <n> <file>: registers n participants and writes their tokens, one per line.
make_participants() {
  local n=$1 file=$2
  # Four at a time: each costs two bcrypt checks (registration and the token), about 0.1 s of CPU.
  seq 1 "$n" | xargs -P 4 -I{} bash -c '
    for attempt in 1 2 3 4 5; do
      email="perf-{}-$attempt-$RANDOM$RANDOM$RANDOM@example.org"
      registered=$(curl -s -o /dev/null -w "%{http_code}" -X POST "http://localhost:'"$PERF_PORT"'/api/v1/users" \
        -H "Content-Type: application/json" \
        -d "{\"email\":\"$email\",\"password\":\"green steps every day\",\"displayName\":\"Perf {}\"}")
      token=$(curl -s -X POST -u "$email:green steps every day" "http://localhost:'"$PERF_PORT"'/api/v1/tokens" \
        | sed -n "s/.*\"token\":\"\([^\"]*\)\".*/\1/p")
      if [[ $token == lct_* ]]; then echo "$token"; exit 0; fi
      echo "participant {}: registration $registered, no token; again" >&2
      sleep 1
    done' > "$file"
  [[ $(grep -c '^lct_' "$file") -eq $n ]] || { echo "could not create $n participants" >&2; exit 1; }
}

# quiesce: waits (at most 120 s) until the platform has run every after-commit listener of what it took so far — roll-ups,
# points, webhooks: the event publications left incomplete — so a timed upload does not pay for the one before it.
quiesce() {
  for _ in $(seq 1 240); do
    [[ "$(psql_perf -c "select count(*) from event_publication where completion_date is null")" == 0 ]] && return
    sleep 0.5
  done
  echo "warning: event publications still incomplete after 120 s" >&2
}

median() { python3 -c "import statistics, sys; print(round(statistics.median(float(x) for x in sys.argv[1:])))" "$@"; }
seconds_of() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); python3 -c "print($e - $s)"; }

# participant_bulk: P3's participant bulk upload, after `python3 perf/bulk_rows.py "$PERF_DIR"` and make_participants
# into $PERF_DIR/tokens.txt — 10,000 rows through records:batch, one upload to warm the path up, then three timed, each
# by another participant (tokens 1 to 4), each after the platform is quiet (quiesce) and 5 s. Sets PARTICIPANT_BULK (the three rows/s) and PARTICIPANT_BULK_ROWS_S (median).
participant_bulk() {
  upload() {
    curl -fs -X POST "http://localhost:$PERF_PORT/api/v1/records:batch" -H "Authorization: Bearer $(sed -n "$(( $1 + 1 ))p" "$PERF_DIR/tokens.txt")" \
      -H 'Content-Type: application/x-ndjson' --data-binary @"$PERF_DIR/batch$1.ndjson" -o "$PERF_DIR/batch-result.json"
  }
  upload 0
  PARTICIPANT_BULK=()
  for u in 1 2 3; do quiesce; sleep 5; PARTICIPANT_BULK+=("$(python3 -c "print(10000 / $(seconds_of upload $u))")"); done
  PARTICIPANT_BULK_ROWS_S=$(median "${PARTICIPANT_BULK[@]}")
  grep -q '"credited":9' "$PERF_DIR/batch-result.json" || { echo "the bulk upload did not credit its rows:" >&2; head -c 400 "$PERF_DIR/batch-result.json" >&2; exit 1; }
}
