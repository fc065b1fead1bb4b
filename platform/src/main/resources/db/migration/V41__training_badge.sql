-- Completed training courses count towards the incentives' badges (the TRAINED badge), never towards reductions.
alter table incentive_activity drop constraint incentive_activity_kind_check;
alter table incentive_activity add constraint incentive_activity_kind_check
    check (kind in ('STORY_PUBLISHED', 'EVENT_ATTENDED', 'COMMUNITY_JOINED', 'COURSE_COMPLETED'));
