#!/usr/bin/env python3
"""Latency of the dashboard endpoints and of same-run baselines, for perf/dashboard.sh.

For every target and every concurrency level: a warm-up, then a fixed number of requests (hey for HTTP, pgbench for the
direct SQL baseline); p50/p95/p99 from the per-request latencies (nearest rank). Prints one CSV row per target and level.

Usage: dashboard_bench.py <base url> <programme id> <pg port> <csv> <run> <entries> <users> <gen seconds> <note>
Environment: REQUESTS (max per level, default 200), LEVELS (default "1 4 16"), BUDGET (seconds per level, default 45),
WARMUP (requests, default 20), GOAL_MS (default 200).
"""
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

base, programme, pg_port, csv_path, run, entries, users, gen_seconds, note = sys.argv[1:10]
REQUESTS = int(os.environ.get("REQUESTS", "200"))
LEVELS = [int(x) for x in os.environ.get("LEVELS", "1 4 16").split()]
BUDGET = float(os.environ.get("BUDGET", "45"))
WARMUP = int(os.environ.get("WARMUP", "20"))
GOAL = float(os.environ.get("GOAL_MS", "200"))

TARGETS = [
    ("health", "/actuator/health"),
    ("impact", "/api/v1/impact"),
    ("programme_impact", f"/api/v1/programmes/{programme}/impact"),
    ("open_data_region", f"/api/v1/open-data/programmes/{programme}/impact?by=REGION"),
    ("page_home", "/"),
    ("page_programme", f"/programmes/{programme}"),
]


def pct(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))  # nearest rank
    return s[k]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def get(path):
    start = time.perf_counter()
    try:
        with opener.open(base + path, timeout=600) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, (time.perf_counter() - start) * 1000


def count_for(level, probe_ms):
    # fixed count per level, capped so that one level takes about BUDGET seconds on 2 cores
    n = min(REQUESTS, max(level, int(BUDGET * 1000 * min(level, 2) / max(probe_ms, 0.1))))
    return max(level, n - n % level)


def hey(path, n, c):
    with tempfile.NamedTemporaryFile("r", suffix=".csv") as out:
        start = time.perf_counter()
        subprocess.run(["hey", "-n", str(n), "-c", str(c), "-t", "600", "-o", "csv", base + path], stdout=open(out.name, "w"),
                       stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        rows = list(csv.DictReader(open(out.name)))
    lat = [float(r["response-time"]) * 1000 for r in rows]
    errors = sum(1 for r in rows if r["status-code"] != "200") + (n - len(rows))
    return lat, errors, wall


def pgbench(n, c, script):
    with tempfile.TemporaryDirectory() as d:
        start = time.perf_counter()
        subprocess.run(["pgbench", "-h", "localhost", "-p", pg_port, "-U", "postgres", "-n", "-c", str(c), "-j", str(min(c, 2)),
                        "-t", str(n // c), "-f", script, "-l", "--log-prefix", d + "/pgb", "postgres"],
                       env={**os.environ, "PGPASSWORD": ""}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        lat = []
        for f in os.listdir(d):
            for line in open(os.path.join(d, f)):
                lat.append(int(line.split()[2]) / 1000)  # microseconds
    return lat, 0, wall


rows = []


def record(name, path, level, n, lat, errors, wall):
    p50, p95, p99 = pct(lat, 50), pct(lat, 95), pct(lat, 99)
    rows.append(dict(run=run, entries=entries, users=users, gen_seconds=gen_seconds, target=name, path=path, concurrency=level,
                     requests=n, errors=errors, p50_ms=round(p50, 2), p95_ms=round(p95, 2), p99_ms=round(p99, 2),
                     mean_ms=round(sum(lat) / len(lat), 2), rps=round(len(lat) / wall, 1)))
    print(f"{name:18s} c={level:<3d} n={n:<4d} err={errors} p50={p50:9.2f} p95={p95:9.2f} p99={p99:9.2f} ms", flush=True)


# Direct SQL baseline: a one-row select by primary key from the same database (pgbench, persistent connections).
uid = subprocess.run(["psql", "-h", "localhost", "-p", pg_port, "-U", "postgres", "-qAt", "-c",
                      "select user_id from ledger_account order by user_id limit 1"], env={**os.environ, "PGPASSWORD": ""},
                     capture_output=True, text=True, check=True).stdout.strip()
script = tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False)
script.write(f"select balance_grams from ledger_account where user_id = '{uid}';\n")
script.close()
pgbench(200, 2, script.name)  # warm-up
for level in LEVELS:
    n = max(level, REQUESTS * 5 - (REQUESTS * 5) % level)
    lat, errors, wall = pgbench(n, level, script.name)
    record("psql_select", "select balance_grams from ledger_account where user_id = ?", level, n, lat, errors, wall)

for name, path in TARGETS:
    status, ms = get(path)
    if status == 404:
        print(f"{name:18s} {path}: 404, skipped", flush=True)
        rows.append(dict(run=run, entries=entries, users=users, gen_seconds=gen_seconds, target=name, path=path, concurrency=0,
                         requests=0, errors=0, p50_ms="", p95_ms="", p99_ms="", mean_ms="", rps="", note_extra="404 skipped"))
        continue
    if status != 200:
        # anonymous requests for pages that do not exist (or are not public) are redirected to /login: skipped too
        print(f"{name:18s} {path}: HTTP {status}, skipped", flush=True)
        rows.append(dict(run=run, entries=entries, users=users, gen_seconds=gen_seconds, target=name, path=path, concurrency=0,
                         requests=0, errors=0, p50_ms="", p95_ms="", p99_ms="", mean_ms="", rps="",
                         note_extra=f"HTTP {status} (redirect to /login: no public page) skipped"))
        continue
    # warm-up: WARMUP sequential requests or 30 s, whichever comes first
    warm, started = [ms], time.perf_counter()
    while len(warm) < WARMUP and time.perf_counter() - started < 30:
        warm.append(get(path)[1])
    probe = sorted(warm[len(warm) // 2:])[len(warm[len(warm) // 2:]) // 2]
    for level in LEVELS:
        n = count_for(level, probe)
        lat, errors, wall = hey(path, n, level)
        record(name, path, level, n, lat, errors, wall)

# Ratios against the same-run baselines at the same concurrency.
base_health = {r["concurrency"]: r for r in rows if r["target"] == "health"}
base_sql = {r["concurrency"]: r for r in rows if r["target"] == "psql_select"}
fields = ["run", "entries", "users", "gen_seconds", "target", "path", "concurrency", "requests", "errors", "p50_ms", "p95_ms",
          "p99_ms", "mean_ms", "rps", "p95_vs_health", "p95_vs_psql", "goal_p95_ms", "meets_goal", "note"]
new = not os.path.exists(csv_path)
with open(csv_path, "a", newline="") as f:
    w = csv.DictWriter(f, fields, extrasaction="ignore")
    if new:
        w.writeheader()
    for r in rows:
        c = r["concurrency"]
        if r["p95_ms"] != "" and c in base_health and c in base_sql and r["target"] not in ("health", "psql_select"):
            r["p95_vs_health"] = round(r["p95_ms"] / base_health[c]["p95_ms"], 1)
            r["p95_vs_psql"] = round(r["p95_ms"] / base_sql[c]["p95_ms"], 1)
        if r["target"] not in ("health", "psql_select") and r["p95_ms"] != "":
            r["goal_p95_ms"] = GOAL
            r["meets_goal"] = "yes" if r["p95_ms"] <= GOAL else "no"
        r["note"] = (note + ("; " + r["note_extra"] if r.get("note_extra") else "")).replace(",", ";")
        w.writerow(r)
print(f"appended {len(rows)} rows to {csv_path}")
