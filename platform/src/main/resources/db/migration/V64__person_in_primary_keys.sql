-- Issue 25, the path to Citus (docs/scaling.md): a table distributed by the person needs the person's id in its primary
-- key, since Citus enforces uniqueness only within one shard. These per-person tables had their own id alone; their
-- primary key becomes (user_id, id), as activity_record, ledger_entry and points_entry already have. Nothing references
-- these ids by a foreign key. The ids are random UUIDs made by the platform; a row is still found by its id (the
-- tables read by id alone — ride, partner_link, personal_access_token — keep a plain index on it, which Citus allows).
-- participation_activity counts a ledger entry once per group; an entry belongs to one person, so adding the person to
-- that key changes nothing it guarantees (its inserts use "on conflict do nothing", which any unique key serves).
-- DistributionReadinessIntegrationTests checks the result.
--
-- On a large database each statement rebuilds an index and holds an ACCESS EXCLUSIVE lock on its table while it does:
-- ride, notification and participation_activity are the large ones. There, build the new unique indexes first with
-- "create unique index concurrently …" and swap them in with "alter table … add constraint … primary key using index".

alter table consent drop constraint consent_pkey, add primary key (user_id, id);
alter table notification drop constraint notification_pkey, add primary key (user_id, id);
alter table privacy_zone drop constraint privacy_zone_pkey, add primary key (user_id, id);
alter table role_grant drop constraint role_grant_pkey, add primary key (user_id, id);
alter table product_purchase drop constraint product_purchase_pkey, add primary key (user_id, id);

alter table ride drop constraint ride_pkey, add primary key (user_id, id);
create index ride_id on ride (id);
alter table partner_link drop constraint partner_link_pkey, add primary key (user_id, id);
create index partner_link_id on partner_link (id);
alter table personal_access_token drop constraint personal_access_token_pkey, add primary key (user_id, id);
create index personal_access_token_id on personal_access_token (id);

alter table participation_activity drop constraint participation_activity_pkey,
    add primary key (scope_kind, scope_id, user_id, entry_id);
