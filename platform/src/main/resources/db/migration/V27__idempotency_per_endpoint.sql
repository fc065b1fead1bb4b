-- Idempotency keys are scoped by caller and by what they are for: a key used for a record no longer collides with the
-- same key used for a redemption. Keys already stored move to the scope their response shows.
update idempotency_key
set scope = scope || case when response::jsonb ? 'rewardId' then '/redemptions' else '/records' end
where scope like 'user:%' and scope not like '%/%';
