#!/usr/bin/env python3
"""Writes the wrk script for the record API: each request a random participant, a fresh idempotency key, a trip by one
of four travel modes some time in the last 29 days (the API takes records up to 30 days old). Short trips spread that
wide rarely pass a mode's daily cap, so nearly every record is credited (the full path) rather than flagged — as
FixedRate.Trips. usage: records_lua.py <tokens-file> [path, /api/v1/records by default] > records.lua
The same requests to /api/v1/calculations make the P0 baseline: the same JSON in and out, token and calculation, and no
database."""
import sys
tokens = [t.strip() for t in open(sys.argv[1]) if t.strip()]
path = sys.argv[2] if len(sys.argv) > 2 else "/api/v1/records"
print("local tokens = {" + ",".join('"%s"' % t for t in tokens) + "}")
print('local path = "%s"' % path)
print(r'''
local modes = {"METRO_INSTEAD_OF_CAR", "BUS_INSTEAD_OF_CAR", "CYCLE_INSTEAD_OF_CAR", "WALK_INSTEAD_OF_CAR"}
local max_km = {10, 10, 8, 4}
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
init = function(args) nonce = os.time(); math.randomseed(nonce * 1000 + id) end
request = function()
  counter = counter + 1
  local token = tokens[math.random(#tokens)]
  local minutes = math.random(60, 29 * 24 * 60)
  local when = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - minutes * 60)
  local mode = math.random(#modes)
  local body = string.format('{"behaviour":"%s","quantity":%d.%d,"unit":"km","occurredAt":"%s","region":"CN-GD"}',
    modes[mode], math.random(1, max_km[mode] - 1), math.random(0, 9), when)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("perf-%d-%d-%d", nonce, id, counter)}
  return wrk.format("POST", path, headers, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d p50=%.2f p99=%.2f\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
''')
