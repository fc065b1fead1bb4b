-- A restatement or reversal finds the groups that counted its record by the record: without this index each one
-- read the whole of participation_activity.
create index participation_activity_record on participation_activity (record_id) where behaviour_delta = 1;
