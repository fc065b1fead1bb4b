-- Incentives: points (their own append-only ledger), badges, campaign multipliers, rewards, voucher codes, redemptions.
-- Hot tables lead their keys with the person, so they can be distributed by person like the carbon ledger.

-- One row per person: the spendable balance (never below zero), lifetime earned points (levels) and the first credit
-- (newcomer bonus). The row is locked by every change of the person's points, which serialises them.
create table points_account (
    user_id          uuid        primary key,
    balance          bigint      not null default 0 check (balance >= 0),
    lifetime_earned  bigint      not null default 0 check (lifetime_earned >= 0),
    first_credit_at  timestamptz,
    updated_at       timestamptz not null
);

-- Every change of a balance, with its reason as data. One entry per source: a replayed event never earns twice.
create table points_entry (
    user_id       uuid        not null,
    id            uuid        not null,
    kind          text        not null check (kind in ('EARNED', 'CLAWBACK', 'REDEEMED', 'REFUNDED')),
    points        bigint      not null,
    source_kind   text        not null,
    source_id     uuid        not null,
    record_id     uuid,
    behaviour     text,
    day           date,
    rules_version text,
    reason        jsonb       not null,
    booked_at     timestamptz not null,
    primary key (user_id, id),
    unique (user_id, source_kind, source_id)
);
create index points_entry_day on points_entry (user_id, day, behaviour) where kind = 'EARNED';
create index points_entry_record on points_entry (user_id, record_id) where record_id is not null;
create index points_entry_booked on points_entry (booked_at);

create function points_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'points entries are append-only: % is not allowed', tg_op;
end $$;
create trigger points_entry_append_only before update or delete on points_entry
    for each row execute function points_entry_append_only();
create trigger points_entry_no_truncate before truncate on points_entry
    for each statement execute function points_entry_append_only();

-- Badges are awarded once: the key is the person and the badge.
create table badge_award (
    user_id       uuid        not null,
    badge_code    text        not null,
    awarded_at    timestamptz not null,
    rules_version text        not null,
    primary key (user_id, badge_code)
);

-- What other modules told us, kept for badges and eligibility: stories published, events attended, communities joined.
create table incentive_activity (
    user_id         uuid        not null,
    kind            text        not null check (kind in ('STORY_PUBLISHED', 'EVENT_ATTENDED', 'COMMUNITY_JOINED')),
    source_id       uuid        not null,
    organisation_id uuid,
    occurred_at     timestamptz not null,
    primary key (user_id, kind, source_id)
);

-- Current community membership, from CommunityJoined/CommunityLeft; the newest event wins whatever order they arrive in.
create table incentive_community_member (
    user_id         uuid        not null,
    community_id    uuid        not null,
    organisation_id uuid        not null,
    member          boolean     not null,
    changed_at      timestamptz not null,
    primary key (user_id, community_id)
);

-- Campaigns as CampaignLaunched describes them, with the points multiplier their organisers set (1.0–3.0).
create table incentive_campaign (
    campaign_id     uuid          primary key,
    organisation_id uuid          not null,
    name            text          not null,
    behaviours      text[]        not null,
    starts_on       date          not null,
    ends_on         date          not null,
    region          text,
    multiplier      numeric(3, 2) not null default 1.00 check (multiplier between 1.00 and 3.00),
    multiplier_set_by uuid,
    multiplier_set_at timestamptz
);

create table incentive_campaign_member (
    user_id     uuid        not null,
    campaign_id uuid        not null,
    joined_at   timestamptz not null,
    primary key (user_id, campaign_id)
);

-- A person's age group, asked on the rewards page, for rewards restricted to an age group.
create table incentive_profile (
    user_id    uuid        primary key,
    age_group  text        not null check (age_group in ('UNDER_18', 'AGE_18_24', 'AGE_25_34', 'AGE_35_54', 'AGE_55_PLUS')),
    updated_at timestamptz not null
);

-- Rewards listed by sponsor organisations. Stock may be unlimited (null) only where nothing physical runs out.
create table reward (
    id                 uuid          primary key,
    organisation_id    uuid          not null,
    kind               text          not null check (kind in ('GOODS', 'VOUCHER', 'DONATION', 'TREE_PLANTING', 'CERTIFICATE',
                                                              'EXPERIENCE', 'EVENT_TICKET', 'CAMPUS_CREDIT')),
    name_en            text          not null,
    name_zh            text          not null,
    description_en     text          not null,
    description_zh     text          not null,
    cost_points        bigint        not null check (cost_points > 0),
    stock              integer       check (stock >= 0),
    valid_from         date          not null,
    valid_until        date          not null,
    min_level          integer       not null default 1 check (min_level >= 1),
    age_groups         text[],
    community_id       uuid,
    campus_organisation_id uuid,
    donation_amount    numeric(12, 2),
    donation_recipient text,
    created_by         uuid          not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    constraint reward_validity check (valid_until >= valid_from),
    constraint reward_unlimited_stock check (stock is not null or kind in ('DONATION', 'TREE_PLANTING', 'CERTIFICATE')),
    constraint reward_donation check ((kind in ('DONATION', 'TREE_PLANTING')) = (donation_amount is not null and donation_recipient is not null))
);
create index reward_organisation on reward (organisation_id);

-- Single-use codes uploaded by the sponsor. Issued once: a code's holder, once set, never changes (trigger below).
create table voucher_code (
    reward_id     uuid        not null,
    id            uuid        not null,
    code          text        not null,
    upload_order  bigint      generated always as identity, -- codes are issued in the order they were uploaded
    uploaded_at   timestamptz not null,
    issued_to     uuid,
    redemption_id uuid,
    issued_at     timestamptz,
    primary key (reward_id, id),
    unique (reward_id, code)
);
create index voucher_code_free on voucher_code (reward_id, upload_order) where issued_to is null;

create function voucher_code_issued_once() returns trigger language plpgsql as $$
begin
    if old.issued_to is not null then
        raise exception 'voucher code % was issued already', old.id;
    end if;
    return new;
end $$;
create trigger voucher_code_issued_once before update on voucher_code
    for each row execute function voucher_code_issued_once();

create table redemption (
    user_id            uuid          not null,
    id                 uuid          not null,
    reward_id          uuid          not null,
    organisation_id    uuid          not null,
    kind               text          not null,
    reward_name_en     text          not null,
    reward_name_zh     text          not null,
    cost_points        bigint        not null,
    status             text          not null check (status in ('ISSUED', 'CANCELLED')),
    reference          text          not null,
    holder_name        text          not null,
    voucher_code       text,
    donation_amount    numeric(12, 2),
    donation_recipient text,
    points_entry_id    uuid          not null,
    refund_entry_id    uuid,
    created_at         timestamptz   not null,
    cancelled_at       timestamptz,
    cancelled_by       uuid,
    primary key (user_id, id)
);
create index redemption_reward on redemption (reward_id, created_at);
create index redemption_reference on redemption (reference);
