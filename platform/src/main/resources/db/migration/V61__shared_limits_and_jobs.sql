-- What several instances behind a load balancer must share besides sessions (V60).

-- Token buckets of the request budgets and allowances (platform.RateBudgets): one row per key (a client address, a
-- person, an API client, an allowance), taken from and refilled in one atomic statement, so a limit holds across
-- instances. Unlogged: a crash of the database refills every bucket, which costs nothing but a few extra requests,
-- and every take writes no WAL.
create unlogged table rate_bucket (
    key text primary key,
    tokens double precision not null,
    refilled_at timestamptz not null,
    granted int not null,
    expires_at timestamptz not null
);

create index rate_bucket_expires on rate_bucket (expires_at);

-- Wrong passwords counted per account and address, and per account (platform.SignInThrottle), seen by every instance.
create table sign_in_failure (
    key text primary key,
    failures int not null,
    last_at timestamptz not null
);

create index sign_in_failure_last on sign_in_failure (last_at);

-- Scheduled jobs run once across instances (platform.ClusterJobs): an advisory lock while a run lasts, and here when
-- each job last started (so a daily job fired by every instance's clock runs once) and how often it ran.
create table cluster_job (
    name text primary key,
    last_started_at timestamptz not null,
    last_instance text not null,
    runs bigint not null
);
