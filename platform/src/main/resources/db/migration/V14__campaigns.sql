-- Campaigns run by organisations: scope, goals, teams, and the Green Graduation hand-over of reused items.

create table campaign (
    id                    uuid        primary key,
    organisation_id       uuid        not null references organisation (id),
    name                  text        not null,
    description           text        not null default '',
    template              text        not null,   -- CUSTOM, GREEN_GRADUATION, CAR_FREE_WEEK, CYCLING_MONTH, CLEAN_PLATE
    behaviours            text[]      not null default '{}',  -- empty: every behaviour counts
    starts_on             date        not null,
    ends_on               date        not null,
    region                text,                   -- a province or grid region code; null: everywhere
    audience_community_id uuid        references community (id),  -- only its members may join; null: anyone
    goal_behaviours       bigint,
    goal_grams            bigint,
    goal_participants     bigint,
    replacement_rate      numeric(4, 3),          -- Green Graduation: share of a new item a passed-on item avoids
    created_by            uuid        not null references app_user (id),
    created_at            timestamptz not null,
    constraint campaign_period check (ends_on >= starts_on),
    constraint campaign_replacement_rate check (replacement_rate is null or (replacement_rate > 0 and replacement_rate <= 1))
);
create index campaign_organisation on campaign (organisation_id);
create index campaign_period on campaign (ends_on, starts_on);

create table campaign_team (
    id          uuid        primary key,
    campaign_id uuid        not null references campaign (id),
    name        text        not null,
    created_by  uuid        not null references app_user (id),
    created_at  timestamptz not null
);
create unique index campaign_team_name on campaign_team (campaign_id, lower(name));

-- Green Graduation: a graduate lists an item, someone reserves it, the receiver confirms the hand-over.
create table handover_item (
    id                uuid          primary key,
    campaign_id       uuid          not null references campaign (id),
    giver_id          uuid          not null references app_user (id),
    category          text          not null,   -- BOOKS, CLOTHES, ELECTRONICS, FURNITURE
    title             text          not null,
    description       text          not null default '',
    weight_kg         numeric(7, 3) not null check (weight_kg > 0),
    status            text          not null,   -- LISTED, RESERVED, HANDED_OVER, WITHDRAWN
    receiver_id       uuid          references app_user (id),
    reserved_at       timestamptz,
    handed_over_at    timestamptz,
    giver_credit      text,                     -- outcome of crediting the giver: CREDITED, FLAGGED, … or NOT_CREDITED
    giver_grams       bigint,
    receiver_credit   text,
    receiver_grams    bigint,
    created_at        timestamptz   not null,
    constraint handover_receiver check ((status in ('RESERVED', 'HANDED_OVER')) = (receiver_id is not null)),
    constraint handover_not_self check (receiver_id is null or receiver_id <> giver_id)
);
create index handover_item_campaign on handover_item (campaign_id, status);
