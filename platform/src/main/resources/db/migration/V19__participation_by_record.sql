-- Activity rows by record: a restatement or reversal finds the groups that counted its record, and every figure asks
-- whether a credit's record was reversed in its group (not_reversed in Participation). Without it each of those
-- look-ups read all of the group's activity.
create index participation_activity_record on participation_activity (record_id, behaviour_delta);
