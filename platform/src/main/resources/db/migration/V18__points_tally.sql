-- Earnings per person, day and behaviour whose credit was not reversed: what badges (behaviour counts) and streaks
-- (active days) are judged on. Kept by every earning and claw-back in the same transaction, so judging a person's
-- badges reads a few rows per active day instead of scanning their whole points history on every credit.
create table points_tally (
    user_id   uuid    not null,
    day       date    not null,
    behaviour text    not null,
    earnings  integer not null check (earnings >= 0),
    primary key (user_id, day, behaviour)
);

insert into points_tally (user_id, day, behaviour, earnings)
select e.user_id, e.day, e.behaviour, count(*)
from points_entry e
where e.kind = 'EARNED' and e.behaviour is not null and e.day is not null
  and not exists (select 1 from points_entry c where c.user_id = e.user_id and c.kind = 'CLAWBACK' and c.record_id = e.record_id)
group by e.user_id, e.day, e.behaviour;
