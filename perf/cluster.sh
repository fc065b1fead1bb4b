#!/usr/bin/env bash
# Three instances of the packaged jar on loopback ports against one PostgreSQL, nginx (Debian's package) round-robin
# in front. Drives records, sign-ins and page sessions through nginx, kills one instance mid-run, and reports: acknowledged
# records lost or duplicated, sessions on the survivors, the sign-in limit across instances, how soon a token revoked on
# one instance is refused by another, and how often each scheduled job ran. Appends to perf/results/cluster.csv.
#
#   perf/cluster.sh [seconds]        (default 60; CI: perf/cluster.sh 20)
source "$(dirname "$0")/lib.sh"
require curl psql python3

SECONDS_RUN=${1:-60}
SIGN_IN_CAPACITY=${SIGN_IN_CAPACITY:-30}
LB_PORT=${LB_PORT:-18090}
PORTS=(18081 18082 18083)
CLUSTER_DIR="$PERF_DIR/cluster"
rm -rf "$CLUSTER_DIR"
mkdir -p "$CLUSTER_DIR"

if ! command -v nginx >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y nginx-light >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y nginx-light >/dev/null 2>&1; } \
    || apt-get install -y nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
build_jar

PIDS=()
cleanup() {
  [[ -f "$CLUSTER_DIR/nginx.pid" ]] && kill "$(cat "$CLUSTER_DIR/nginx.pid")" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# start_instance <n> [extra arguments]: instance n (0-based) on PORTS[n]; the first starts the embedded PostgreSQL.
start_instance() {
  local n=$1; shift
  "$JAVA" ${JVM_OPTS:--Xms512m -Xmx512m} -jar "$JAR" --server.port="${PORTS[$n]}" "$@" \
    --server.forward-headers-strategy=native \
    --lct.rate-limits.writes.capacity=100000000 --lct.rate-limits.registration.capacity=100000000 \
    --lct.rate-limits.sign-in.capacity="$SIGN_IN_CAPACITY" --lct.events.republish-after=PT2M \
    --spring.datasource.hikari.maximum-pool-size=8 \
    --logging.level.root=WARN --logging.level.org.lowcarbontogether.platform=INFO \
    > "$CLUSTER_DIR/app$n.log" 2>&1 &
  PIDS[$n]=$!
}
wait_healthy() {
  for _ in $(seq 1 "${START_TIMEOUT:-600}"); do
    curl -fs "http://localhost:$1/actuator/health" >/dev/null 2>&1 && return
    sleep 1
  done
  echo "instance on port $1 did not start; see $CLUSTER_DIR" >&2; exit 1
}

start_instance 0 --lct.database.data-dir="$CLUSTER_DIR/db"
wait_healthy "${PORTS[0]}"
PG_PORT=$(grep -o 'Embedded PostgreSQL listening on port [0-9]*' "$CLUSTER_DIR/app0.log" | tail -1 | awk '{print $NF}')
# Instances 2 and 3 use the first one's database by URL.
for n in 1 2; do
  start_instance "$n" --spring.datasource.url="jdbc:postgresql://localhost:$PG_PORT/postgres" \
    --spring.datasource.username=postgres --spring.datasource.password=
done
wait_healthy "${PORTS[1]}"
wait_healthy "${PORTS[2]}"

cat > "$CLUSTER_DIR/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $PWD/$CLUSTER_DIR/nginx.pid;
error_log $PWD/$CLUSTER_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$CLUSTER_DIR/nginx-body;
  proxy_temp_path $PWD/$CLUSTER_DIR/nginx-proxy;
  upstream lct {
    server 127.0.0.1:${PORTS[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${PORTS[2]} max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://lct;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A request that failed on a dead instance is tried on the next one only when it cannot have been taken:
      # nginx never retries a POST that was sent (non_idempotent is not set); the client retries with its key.
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
EOF
"$NGINX" -c "$PWD/$CLUSTER_DIR/nginx.conf"
sleep 1

python3 perf/cluster_drive.py --lb "http://localhost:$LB_PORT" --ports "${PORTS[@]}" --seconds "$SECONDS_RUN" \
  --sign-in-capacity "$SIGN_IN_CAPACITY" --out "$CLUSTER_DIR" --kill-pid "${PIDS[1]}"

# Every acknowledged record is in the database, once.
python3 - "$CLUSTER_DIR" "$PG_PORT" <<'EOF'
import json, subprocess, sys
out, pg = sys.argv[1], sys.argv[2]
acked = json.load(open(f"{out}/acknowledged.json"))
def psql(sql):
    return subprocess.run(["psql", "-h", "localhost", "-p", pg, "-U", "postgres", "-d", "postgres", "-qAt", "-c", sql],
                          capture_output=True, text=True, check=True, env={"PGPASSWORD": "", "PATH": "/usr/bin:/bin"}).stdout
ids = ",".join(f"'{i}'" for i in acked) or "null"
found = int(psql(f"select count(*) from activity_record where id in ({ids})").strip() or 0)
# Every logical record was retried with its key until acknowledged: more rows than acknowledged ids are duplicates.
rows = int(psql("select count(*) from activity_record r join app_user u on u.id = r.user_id "
                "where u.email like 'cluster-%@example.org'").strip() or 0)
duplicated = rows - len(acked)
jobs = psql("select name || ' ' || runs || ' ' || last_instance from cluster_job order by name").strip()
republication = psql("select coalesce(max(runs), 0) from cluster_job where name = 'event-republication'").strip()
summary = json.load(open(f"{out}/summary.json"))
summary.update(acknowledged=len(acked), lost=len(acked) - found, duplicated=duplicated,
               republication_runs=int(republication or 0))
json.dump(summary, open(f"{out}/summary.json", "w"))
print(f"records: {len(acked)} acknowledged, {len(acked) - found} lost, {duplicated} duplicated")
print("scheduled jobs (name, runs, last instance):")
print(jobs)
EOF

python3 - "$CLUSTER_DIR" "$RESULTS/cluster.csv" "$SECONDS_RUN" <<'EOF'
import json, os, sys, datetime
s = json.load(open(f"{sys.argv[1]}/summary.json"))
csv, secs = sys.argv[2], sys.argv[3]
header = "run,seconds,acknowledged,lost,duplicated,record_rps,session_pages_ok,session_pages_failed,sign_in_capacity,sign_in_accepted,revocation_ms,republication_runs"
new = not os.path.exists(csv)
with open(csv, "a") as f:
    if new: f.write(header + "\n")
    f.write(",".join(str(x) for x in [datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), secs,
        s["acknowledged"], s["lost"], s["duplicated"], s["record_rps"], s["pages_ok"], s["pages_failed"],
        s["sign_in_capacity"], s["sign_in_accepted"], s["revocation_ms"], s.get("republication_runs", "")]) + "\n")
EOF
