-- The day an activity happened (programme calendar), so partners' contributions are counted by the same day as the
-- programme's figures and published by the same calendar months. Activities without a time count on the day received.
alter table partner_activity add column occurred_on date;
update partner_activity set occurred_on = (received_at at time zone 'Asia/Shanghai')::date;
alter table partner_activity alter column occurred_on set not null;
create index partner_activity_occurred on partner_activity (mode, occurred_on);
