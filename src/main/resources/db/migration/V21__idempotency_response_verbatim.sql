-- A key's response is kept as the JSON text first answered (json, not jsonb): a replay can send it back byte for byte
-- without parsing and writing it again, and storing it skips jsonb's conversion (perf/record-api.sh).
alter table idempotency_key alter column response type json using response::json;
