#!/usr/bin/env bash
# Partner activities from Kafka (issue 18: "a Kafka consumer that keeps up with 1,000 activities/s on this machine"),
# with a same-run baseline: the same number of the same kind of activities through the partner bulk API.
#   1. A broker: an embedded single-node KRaft broker (spring-kafka-test, from the test classpath, on a free port), or the
#      one named by KAFKA_BOOTSTRAP (then nothing is started; the platform's consumer group must be new or empty).
#   2. The platform (throw-away embedded database) with spring.kafka.bootstrap-servers set, so its consumer runs.
#   3. Two partners onboarded through the admin API, each with live credentials and PARTICIPANTS people linked (their
#      links written straight into partner_link: the consent flow is a browser's, not a benchmark's).
#   4. Kafka: N rides for the first partner's people sent to lct.partner.<client>.activities at RATE a second (open loop,
#      key = reference); every second the consumer group's committed offset gives the lag. Reported: the rate it was
#      sent at, the consumer's sustained rate (N over the time from the first message to the last committed offset),
#      the largest lag seen and how long the consumer took to drain after the last message was sent.
#   5. Baseline: rides for the second partner's people through POST /api/v1/partner/activities/bulk (JSON lines,
#      BULK_ROWS a request): one upload to warm up, then three timed, each once the platform is quiet; the median rows/s.
#   6. Baseline for the partner bulk API (issue 18: "at least as fast as today's participant bulk upload"): record-api.sh's
#      P3 participant bulk upload in the same run — 10,000 rows through POST /api/v1/records:batch, median of three.
#   7. The same rows through both paths: PAIRS + 1 (8) uploads of 10,000 rows of six behaviours a partner may credit (office and
#      home: e-receipts, electricity, water, recycling), in P3's pattern (one every 4.3 minutes over 30 days, one fresh
#      person an upload); through a third partner's bulk API for people linked to it and through records:batch by
#      participants, alternating: one pair to warm up, then PAIRS (7) pairs, each upload once the platform is quiet and
#      right after a checkpoint;
#      the medians, and the median of the pairs' ratios. Step 5's
#      rides spread over 200 people do per-person work (daily windows, streaks, tallies) a one-person upload does not,
#      so step 5 against step 6 compares different work; step 7 compares the two paths on the same work.
# Usage: perf/partner-kafka.sh [n=60000] [rate=1000]. Environment: PARTICIPANTS (200),
# KAFKA_BOOTSTRAP, BULK_ROWS (10000), PAIRS (7). Needs psql, curl, python3. Results are appended to perf/results/partner-kafka.csv.
cd "$(dirname "$0")/.."
source perf/lib.sh
require psql curl python3
N=${1:-60000}
RATE=${2:-1000}
PARTICIPANTS=${PARTICIPANTS:-200}
BULK_ROWS=${BULK_ROWS:-10000}
ADMIN_EMAIL=perf-admin@example.org
ADMIN_PASSWORD="perf admin password 2026"

build_jar
# The broker and the load generator run from the test classpath (spring-kafka-test, kafka-clients).
[[ -s "$PERF_DIR/test-classpath.txt" ]] \
  || ./mvnw -q -B -pl platform -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile="$PWD/$PERF_DIR/test-classpath.txt"
# (With -am and package, the methodology library resolves from this build, not from a local repository that may not
# hold it; the platform, built last, writes the file last.)
CP=$(cat "$PERF_DIR/test-classpath.txt")
tool() { "$JAVA" -cp "$CP" perf/PartnerKafka.java "$@"; }

stop_all() {
  stop_platform
  [[ -n "${BROKER_PID:-}" ]] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null || true
}
trap stop_all EXIT
if [[ -z "${KAFKA_BOOTSTRAP:-}" ]]; then
  "$JAVA" -cp "$CP" perf/PartnerKafka.java broker > "$PERF_DIR/broker.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 120); do grep -q '^BROKER ' "$PERF_DIR/broker.log" && break; sleep 1; done
  KAFKA_BOOTSTRAP=$(awk '/^BROKER /{print $2}' "$PERF_DIR/broker.log")
  [[ -n "$KAFKA_BOOTSTRAP" ]] || { echo "the broker did not start; see $PERF_DIR/broker.log" >&2; exit 1; }
fi
echo "broker $KAFKA_BOOTSTRAP"

rm -rf "$PERF_DIR/db"
start_platform "$PERF_DIR/db" --spring.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP" \
  --spring.kafka.consumer.auto-offset-reset=earliest \
  --spring.kafka.consumer.properties.metadata.max.age.ms=1000 \
  --lct.admin.email="$ADMIN_EMAIL" --lct.admin.password="$ADMIN_PASSWORD" \
  --lct.api.max-body-size=8MB
# (The partner bulk endpoint is not among the large-document paths of platform.RequestSizeLimitFilter, so by default it
# takes 64 KB, about 300 rides; the baseline raises the general limit to send BULK_ROWS a request.)
echo "platform up; embedded PostgreSQL on port $PG_PORT"
BASE="http://localhost:$PERF_PORT"
ADMIN=$(curl -fs -X POST -u "$ADMIN_EMAIL:$ADMIN_PASSWORD" "$BASE/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ $ADMIN == lct_* ]] || { echo "no admin token" >&2; exit 1; }
# Step 7 uploads PAIRS + 1 times each way (one to warm up), each as a fresh person.
PAIRS=${PAIRS:-7}
SAME=$((PAIRS + 1))
make_participants "$((2 * PARTICIPANTS + 2 * SAME))" "$PERF_DIR/tokens.txt"

# partner <name> <first person> [people] [scenario] [behaviours]: onboards a partner allowed these behaviours (JSON
# strings, comma-separated; bike-share rides by default) in one scenario, links that many people (PARTICIPANTS) from the
# given row on, writes their subjects to $PERF_DIR/<name>.subjects and sets CLIENT_ID and SECRET.
partner() {
  local name=$1 offset=$2 people=${3:-$PARTICIPANTS} scenario=${4:-rides} behaviours=${5:-'"BIKE_SHARE_INSTEAD_OF_CAR"'}
  local org id credentials
  org=$(psql_perf -c "insert into organisation (id, name, kind, created_at)
    values (gen_random_uuid(), 'Perf $name ' || gen_random_uuid(), 'INTERNET_PARTNER', now()) returning id" | head -1)
  id=$(curl -fs -X POST "$BASE/api/v1/admin/partners" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"organisationId\":\"$org\",\"nameEn\":\"Perf $name\",\"nameZh\":\"性能测试$name\",
      \"behaviours\":[$behaviours],
      \"scenarios\":[{\"code\":\"$scenario\",\"labelEn\":\"Perf\",\"labelZh\":\"性能\",\"behaviours\":[$behaviours]}],
      \"redirectUris\":[\"https://partner.example/callback\"]}" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  [[ -n "$id" ]] || { echo "could not onboard partner $name" >&2; exit 1; }
  credentials=$(curl -fs -X POST "$BASE/api/v1/admin/partners/$id/credentials/LIVE" -H "Authorization: Bearer $ADMIN")
  CLIENT_ID=$(sed -n 's/.*"clientId":"\([^"]*\)".*/\1/p' <<< "$credentials")
  SECRET=$(sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' <<< "$credentials")
  psql_perf -c "insert into partner_link (id, partner_id, user_id, subject, principal_name, scenarios, linked_at)
    select gen_random_uuid(), '$id', u.id, 'perf-$name-' || row_number() over (order by u.email), u.email, '{$scenario}', now()
    from (select id, email from app_user where email like 'perf-%' order by email offset $offset limit $people) u
    returning subject" > "$PERF_DIR/$name.subjects"
}

partner kafka 0
KAFKA_CLIENT=$CLIENT_ID
partner http "$PARTICIPANTS"
HTTP_CLIENT=$CLIENT_ID; HTTP_SECRET=$SECRET
OFFICE='"E_RECEIPT","ELECTRICITY_SAVED","WATER_SAVED","RECYCLE_PAPER","RECYCLE_PLASTICS","RECYCLE_GLASS"'
partner same "$((2 * PARTICIPANTS))" "$SAME" office "$OFFICE"
SAME_CLIENT=$CLIENT_ID; SAME_SECRET=$SECRET
# The people the participant side of step 7 uploads as: the last SAME registered in email order (nobody links them).
psql_perf -c "select email from app_user where email like 'perf-%' order by email offset $((2 * PARTICIPANTS + SAME)) limit $SAME" \
  | while read -r email; do
      echo "$(curl -fs -X POST -u "$email:green steps every day" "$BASE/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
    done > "$PERF_DIR/same-tokens.txt"
[[ $(grep -c '^lct_' "$PERF_DIR/same-tokens.txt") -eq $SAME ]] || { echo "no tokens for the same-rows participants" >&2; exit 1; }
python3 - "$PERF_DIR" "$SAME" <<'PY'
import datetime, json, sys, uuid
d = sys.argv[1]
subjects = [s for s in open(d + "/same.subjects").read().split() if s]
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
kinds = [("E_RECEIPT", 1, "sheet"), ("ELECTRICITY_SAVED", 0.5, "kWh"), ("WATER_SAVED", 0.05, "m3"),
         ("RECYCLE_PAPER", 0.2, "kg"), ("RECYCLE_PLASTICS", 0.2, "kg"), ("RECYCLE_GLASS", 0.2, "kg")]
for u in range(int(sys.argv[2])):
    run = uuid.uuid4().hex[:8]
    with open(d + "/same-participant-%d" % u, "w") as p, open(d + "/same-partner-%d" % u, "w") as q:
        for i in range(10000):
            code, quantity, unit = kinds[i % len(kinds)]
            when = (now - datetime.timedelta(minutes=60 + i * 4.3)).strftime("%Y-%m-%dT%H:%M:%SZ")
            row = {"behaviour": code, "quantity": quantity, "unit": unit, "occurredAt": when}
            p.write(json.dumps({"key": "same-%s-%d" % (run, i), **row}) + "\n")
            q.write(json.dumps({"subject": subjects[u], "scenario": "office", "reference": "same-%s-%d" % (run, i), **row}) + "\n")
PY
tool generate "$PERF_DIR/kafka.subjects" "$N" "kafka-ride-" "$PERF_DIR/kafka.jsonl"
tool generate "$PERF_DIR/http.subjects" "$((4 * BULK_ROWS))" "http-ride-" "$PERF_DIR/http.jsonl"
split -l "$BULK_ROWS" -d -a 1 "$PERF_DIR/http.jsonl" "$PERF_DIR/http-upload-"

echo "Kafka: $N rides at $RATE/s to lct.partner.$KAFKA_CLIENT.activities"
tool produce "$KAFKA_BOOTSTRAP" "lct.partner.$KAFKA_CLIENT.activities" "$PERF_DIR/kafka.jsonl" "$RATE" lct-partners \
  | tee "$PERF_DIR/kafka.txt"
IFS=, read -r _ _ _ PRODUCED CONSUMED MAX_LAG DRAIN < <(grep '^RESULT' "$PERF_DIR/kafka.txt")
KAFKA_CREDITED=$(psql_perf -c "select count(*) from partner_activity a join partner_client c on c.partner_id = a.partner_id
  where c.client_id = '$KAFKA_CLIENT' and a.outcome = 'CREDITED'")

HTTP_TOKEN=$(curl -fs -u "$HTTP_CLIENT:$HTTP_SECRET" -d 'grant_type=client_credentials&scope=activities.write' \
  "$BASE/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
# Measured as the participant bulk upload is (lib.sh participant_bulk): one upload to warm the path up, then three timed,
# each after the platform has run every listener of what came before (quiesce) and 5 s; the median.
echo "HTTP bulk: 4 uploads of $BULK_ROWS rides (one to warm up, three timed)"
# partner_uploads <token> <file prefix>: uploads <prefix>0 to warm up, then <prefix>1..3 timed, each after quiesce and
# 5 s; sets UPLOAD_RPS (the three rows/s), UPLOAD_MEDIAN and UPLOAD_CREDITED (of the three).
partner_uploads() {
  local token=$1 prefix=$2 u rps credited
  quiesce
  tool bulk "$BASE" "$token" "${prefix}0" "$BULK_ROWS" > /dev/null
  UPLOAD_RPS=(); UPLOAD_CREDITED=0
  for u in 1 2 3; do
    quiesce; sleep 5
    IFS=, read -r _ _ rps credited < <(tool bulk "$BASE" "$token" "$prefix$u" "$BULK_ROWS" | grep '^RESULT')
    UPLOAD_RPS+=("$rps"); UPLOAD_CREDITED=$((UPLOAD_CREDITED + credited))
  done
  UPLOAD_MEDIAN=$(median "${UPLOAD_RPS[@]}")
}
partner_uploads "$HTTP_TOKEN" "$PERF_DIR/http-upload-"
PARTNER_BULK=("${UPLOAD_RPS[@]}"); HTTP_CREDITED=$UPLOAD_CREDITED; BULK_RPS=$UPLOAD_MEDIAN

# Step 7 alternates the two paths, an upload each in turn, so a machine whose speed drifts during the run (other work,
# frequency scaling) slows both alike: each pair's ratio is of uploads seconds apart, and the medians are over the pairs.
echo "Same rows: $SAME uploads of 10,000 rows each way, alternating partner bulk API and records:batch (one pair to warm up)"
SAME_TOKEN=$(curl -fs -u "$SAME_CLIENT:$SAME_SECRET" -d 'grant_type=client_credentials&scope=activities.write' \
  "$BASE/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
same_upload() {
  curl -fs -X POST "$BASE/api/v1/records:batch" -H "Authorization: Bearer $(sed -n "$(( $1 + 1 ))p" "$PERF_DIR/same-tokens.txt")" \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$PERF_DIR/same-participant-$1" -o "$PERF_DIR/same-result-$1.json"
}
quiesce
tool bulk "$BASE" "$SAME_TOKEN" "$PERF_DIR/same-partner-0" 10000 > /dev/null
quiesce
same_upload 0
SAME_PARTNER=(); SAME_PARTICIPANT=(); SAME_RATIOS=(); SAME_PARTNER_CREDITED=0; SAME_PARTICIPANT_CREDITED=0
# Each timed upload starts right after a checkpoint: the first change to a page after one writes the whole page to the
# WAL, so an upload that happened to meet a checkpoint wrote several times the WAL of one that did not (uploads of the
# same path varied by 60 % without this).
settle() { quiesce; psql_perf -c "checkpoint" > /dev/null; sleep 5; [[ -z "${PG_STATEMENTS:-}" ]] || psql_perf -c "select pg_stat_statements_reset()" > /dev/null; }
# PG_STATEMENTS=1 (with PERF_APP_ARGS=--lct.database.settings.shared_preload_libraries=pg_stat_statements): after each
# timed upload, the statements that took the database's time, in $PERF_DIR/statements-<path>-<n>.txt.
statements() {
  [[ -z "${PG_STATEMENTS:-}" ]] || psql_perf -c "select round(total_exec_time::numeric, 1) || ' ms, ' || calls || ' calls, ' || rows || ' rows: ' || left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    from pg_stat_statements order by total_exec_time desc limit 25" > "$PERF_DIR/statements-$1.txt"
}
[[ -z "${PG_STATEMENTS:-}" ]] || psql_perf -c "create extension if not exists pg_stat_statements" > /dev/null
for ((u = 1; u <= PAIRS; u++)); do
  settle
  IFS=, read -r _ _ partner_rps credited < <(tool bulk "$BASE" "$SAME_TOKEN" "$PERF_DIR/same-partner-$u" 10000 | grep '^RESULT')
  SAME_PARTNER+=("$partner_rps"); SAME_PARTNER_CREDITED=$((SAME_PARTNER_CREDITED + credited))
  statements "partner-$u"
  settle
  participant_rps=$(python3 -c "print(round(10000 / $(seconds_of same_upload $u)))")
  SAME_PARTICIPANT+=("$participant_rps")
  statements "participant-$u"
  SAME_PARTICIPANT_CREDITED=$((SAME_PARTICIPANT_CREDITED + $(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['credited'])" "$PERF_DIR/same-result-$u.json")))
  SAME_RATIOS+=("$(python3 -c "print(round($partner_rps / $participant_rps, 3))")")
  echo "  pair $u: partner $partner_rps rows/s, participant $participant_rps rows/s, ratio ${SAME_RATIOS[-1]}"
done
SAME_PARTNER_RPS=$(median "${SAME_PARTNER[@]}")
SAME_PARTICIPANT_RPS=$(median "${SAME_PARTICIPANT[@]}")
SAME_RATIO=$(python3 -c "import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "${SAME_RATIOS[@]}")

echo "Participant bulk (same run): 10,000 rows through records:batch, median of three"
python3 perf/bulk_rows.py "$PERF_DIR"
participant_bulk

RUN=$(date -u +%Y-%m-%dT%H:%M:%SZ)
[[ -s "$RESULTS/partner-kafka.csv" ]] || echo "run,n,target_rps,produced_rps,kafka_consumed_rps,max_lag,drain_s,kafka_credited,bulk_rps,bulk_credited,load,participant_bulk_rps,partner_to_participant_bulk,same_rows_partner_rps,same_rows_participant_rps,same_rows_partner_to_participant,same_rows_pairs,same_rows_pair_ratios" > "$RESULTS/partner-kafka.csv"
# Columns added over time are added to the header of an existing file too (older rows lack them).
sed -i '1s/,same_rows_partner_to_participant$/,same_rows_partner_to_participant,same_rows_pairs,same_rows_pair_ratios/' "$RESULTS/partner-kafka.csv"
sed -i '1s/,load$/,load,participant_bulk_rps,partner_to_participant_bulk/' "$RESULTS/partner-kafka.csv"
sed -i '1s/,partner_to_participant_bulk$/,partner_to_participant_bulk,same_rows_partner_rps,same_rows_participant_rps,same_rows_partner_to_participant/' "$RESULTS/partner-kafka.csv"
echo "$RUN,$N,$RATE,$PRODUCED,$CONSUMED,$MAX_LAG,$DRAIN,$KAFKA_CREDITED,$BULK_RPS,$HTTP_CREDITED,$(cut -d' ' -f1 /proc/loadavg),$PARTICIPANT_BULK_ROWS_S,$(python3 -c "print(round($BULK_RPS / $PARTICIPANT_BULK_ROWS_S, 3))"),$SAME_PARTNER_RPS,$SAME_PARTICIPANT_RPS,$SAME_RATIO,$PAIRS,$(IFS=' '; echo "${SAME_RATIOS[*]}")" >> "$RESULTS/partner-kafka.csv"
echo "Kafka consumer: $CONSUMED activities/s sustained (sent at $PRODUCED/s; largest lag $MAX_LAG; drained ${DRAIN}s after the last; $KAFKA_CREDITED credited)"
echo "HTTP bulk (same run): $BULK_RPS activities/s (${PARTNER_BULK[*]}; $HTTP_CREDITED of $((3 * BULK_ROWS)) credited)"
echo "Participant bulk (same run): $PARTICIPANT_BULK_ROWS_S rows/s (${PARTICIPANT_BULK[*]}); partner / participant = $(python3 -c "print(f'{$BULK_RPS / $PARTICIPANT_BULK_ROWS_S:.1%}')")"
echo "Same rows (same run): partner $SAME_PARTNER_RPS rows/s (${SAME_PARTNER[*]}; $SAME_PARTNER_CREDITED of $((PAIRS * 10000)) credited), participant $SAME_PARTICIPANT_RPS rows/s (${SAME_PARTICIPANT[*]}; $SAME_PARTICIPANT_CREDITED of $((PAIRS * 10000)) credited); partner / participant, median of the $PAIRS pairs: $(python3 -c "print(f'{$SAME_RATIO:.1%}')") (${SAME_RATIOS[*]})"
