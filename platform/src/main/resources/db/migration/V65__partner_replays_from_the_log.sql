-- A partner's activity is answered again from its decision, not from an idempotency key holding a copy of the receipt:
-- the fingerprint of what the partner sent tells a replay (answered the same) from a reference reused for another
-- activity (refused). Decisions logged before this have none, and any replay of them is answered the same.
alter table partner_activity add column fingerprint text;
