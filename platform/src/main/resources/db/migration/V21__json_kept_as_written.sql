-- JSON written once and read back as text is kept as json (the text as written), not jsonb: nothing queries inside it,
-- and storing it then skips jsonb's conversion.
-- A key's response: a replay sends back the very text first answered, without parsing and writing it again.
alter table idempotency_key alter column response type json using response::json;
-- A points entry's reason: read only as a whole, to show how the points were worked out.
alter table points_entry alter column reason type json using reason::json;
