-- Schools and classes (programme recommendation 4.5). A school is an organisation of kind SCHOOL; its organisers are
-- its teachers. Pupils join a class through its code, their guardian's consent recorded first (account's consent
-- records and guardian_consent_request); a pupil's account has no email of its own ('pupil:<id>', never an address).

alter table app_user add column pupil boolean not null default false;
-- A pupil's account is named by its id, never by an address; everyone else's email is an address or, once deleted,
-- 'deleted:<id>'.
alter table app_user add constraint app_user_pupil_email
    check (not pupil or email like 'pupil:%' or email like 'deleted:%');

create table school_class (
    id            uuid        primary key,
    school_id     uuid        not null references organisation (id),
    name          text        not null check (length(name) between 1 and 80),
    grade         smallint    not null check (grade between 1 and 12),
    school_year   text        not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
    code          text        not null unique,
    code_rotated_at timestamptz not null,
    created_by    uuid        not null references app_user (id),
    created_at    timestamptz not null
);
create index school_class_school on school_class (school_id, school_year desc, grade, name);
create index school_class_created_by on school_class (created_by);

-- One row per pupil: the class they joined, the nickname and age their guardian gave, and the hash of the short pupil
-- code the guardian was given (sha-256 of the class id and the code: the pupil signs in with the class code and it).
create table school_pupil (
    user_id         uuid        primary key references app_user (id),
    class_id        uuid        not null references school_class (id),
    nickname        text        not null check (length(nickname) between 1 and 40),
    age             smallint    not null check (age between 5 and 19),
    pupil_code_hash text        not null,
    joined_at       timestamptz not null,
    left_at         timestamptz
);
create unique index school_pupil_code on school_pupil (class_id, pupil_code_hash);

create table class_challenge (
    id          uuid        primary key,
    class_id    uuid        not null references school_class (id),
    measure     text        not null check (measure in ('ACTIONS', 'GRAMS')),
    target      bigint      not null check (target > 0),
    starts_on   date        not null,
    ends_on     date        not null,
    created_by  uuid        not null references app_user (id),
    created_at  timestamptz not null,
    check (ends_on >= starts_on)
);
create index class_challenge_class on class_challenge (class_id, starts_on desc);
create index class_challenge_created_by on class_challenge (created_by);

-- The training library's resources tagged for a grade by a school's teacher.
create table school_resource_grade (
    resource_id uuid        not null references training_resource (id),
    grade       smallint    not null check (grade between 1 and 12),
    tagged_by   uuid        not null references app_user (id),
    tagged_at   timestamptz not null,
    primary key (resource_id, grade)
);
create index school_resource_grade_grade on school_resource_grade (grade);
create index school_resource_grade_tagged_by on school_resource_grade (tagged_by);

-- A pupil's guardian accepts the privacy notice for the pupil on the class's join page, or consents on a signed paper
-- form the school keeps (entered by a teacher).
alter table consent drop constraint consent_how_check;
alter table consent add constraint consent_how_check
    check (how in ('REGISTRATION', 'REGISTRATION_PAGE', 'REGISTRATION_API', 'CONSENT_PAGE', 'CONSENT_API', 'GUARDIAN_EMAIL',
                   'GUARDIAN_CLASS_CODE', 'GUARDIAN_PAPER_FORM'));
