"""Latency of the public riding map against a same-run baseline, for perf/ride-map.sh.

For each target (GET /actuator/health as the baseline, then GET /api/v1/ride-map with a few periods) and each
concurrency level: a warm-up, then a fixed number of requests from a thread pool, each timed from send to the last byte.
Appends one CSV row per target and level. Usage: ride_map_bench.py <base url> <csv> <run> <rides> <riders> <note>
"""
import concurrent.futures
import csv
import json
import os
import sys
import time
import urllib.request

base, out, run, rides, riders, note = sys.argv[1:7]
REQUESTS = int(os.environ.get("REQUESTS", "300"))
WARMUP = int(os.environ.get("WARMUP", "30"))
LEVELS = [int(x) for x in os.environ.get("LEVELS", "1,4").split(",")]
GOAL_P95_MS = 100


def pct(values, p):
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 2)


def once(path):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            body = r.read()
            ok = r.status == 200
    except Exception:
        body, ok = b"", False
    return (time.perf_counter() - start) * 1000, ok, body


def measure(path, clients):
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda _: once(path), range(WARMUP)))
        results = list(pool.map(lambda _: once(path), range(REQUESTS)))
    return [r[0] for r in results], sum(1 for r in results if not r[1])


targets = [
    ("health", "/actuator/health"),
    ("ride_map_default", "/api/v1/ride-map"),
    ("ride_map_12_months", "/api/v1/ride-map?from=%s&to=%s" % (time.strftime("%Y-%m", time.gmtime(time.time() - 330 * 86400)), time.strftime("%Y-%m"))),
    ("ride_map_morning", "/api/v1/ride-map?slot=MORNING"),
]
new = not os.path.exists(out)
with open(out, "a", newline="") as f:
    w = csv.writer(f)
    if new:
        w.writerow(["run", "rides", "riders", "target", "path", "clients", "requests", "errors", "cells_shown", "p50_ms",
                    "p95_ms", "p99_ms", "p95_vs_health", "goal_p95_ms", "meets_goal", "note"])
    for clients in LEVELS:
        health_p95 = None
        for name, path in targets:
            first, ok, body = once(path)
            cells = len(json.loads(body)["features"]) if ok and name != "health" else ""
            if name != "health" and clients == LEVELS[0]:
                # The first request after the data was written rebuilds the kept rendering: what a change costs once.
                w.writerow([run, rides, riders, name + "_first", path, 1, 1, 0 if ok else 1, cells, round(first, 2),
                            round(first, 2), round(first, 2), "", "", "", note])
                print(f"{name:20} first request (rebuilds the kept map): {round(first, 2)} ms, cells {cells}")
            lat, errors = measure(path, clients)
            p95 = pct(lat, 95)
            if name == "health":
                health_p95 = p95
            ratio = "" if name == "health" else round(p95 / health_p95, 1) if health_p95 else ""
            goal = "" if name == "health" else GOAL_P95_MS
            meets = "" if name == "health" else ("yes" if p95 <= GOAL_P95_MS and errors == 0 else "no")
            w.writerow([run, rides, riders, name, path, clients, len(lat), errors, cells, pct(lat, 50), p95, pct(lat, 99),
                        ratio, goal, meets, note])
            print(f"{name:20} clients {clients}: p50 {pct(lat, 50)} ms, p95 {p95} ms, p99 {pct(lat, 99)} ms, "
                  f"errors {errors}, cells {cells}")
