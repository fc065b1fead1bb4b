-- Points earned per person, day and behaviour, kept beside the count of earnings: the daily caps read the day's
-- points from here instead of summing the day's points entries for every batch of credits. Earnings that were later
-- clawed back still count here (caps count what was earned that day), as they did in the sum.
alter table points_tally add column points bigint not null default 0;

insert into points_tally (user_id, day, behaviour, earnings, points)
select user_id, day, behaviour, 0, sum(points)
from points_entry
where kind = 'EARNED' and behaviour is not null and day is not null
group by user_id, day, behaviour
on conflict (user_id, day, behaviour) do update set points = excluded.points;
