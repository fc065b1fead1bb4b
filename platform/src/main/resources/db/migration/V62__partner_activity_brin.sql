-- partner_activity is written a thousand rows at a time by partners' bulk uploads and Kafka topics, and read by day
-- ranges: the officer's contributions by day of the activity (across partners), a partner's reconciliation by day
-- received. Both columns follow the order rows arrive in, so block-range indexes serve those reads at a fraction of the
-- cost of B-trees on every insert (perf/partner-kafka.sh). The partner's own reconciliation filters the day's blocks by
-- partner and mode.
drop index partner_activity_day;
drop index partner_activity_occurred;
create index partner_activity_received on partner_activity using brin (received_at) with (autosummarize = on);
create index partner_activity_occurred on partner_activity using brin (occurred_on) with (autosummarize = on);
