-- Training and capacity building: courses an organisation publishes (for its employees, a campus, the public or the
-- programme's grantees), their modules with materials and an optional short quiz, their sessions (in person, online or
-- self-paced), enrolments with a personal attendance code, attendance, certificates with a verification code, and the
-- resource library. Attendance is never a carbon reduction: nothing here reaches the ledger.
create table course (
    id              uuid        primary key,
    organisation_id uuid        not null references organisation (id),
    title           text        not null,
    description     text        not null default '',
    audience        text        not null check (audience in ('EMPLOYEES', 'CAMPUS', 'PUBLIC', 'GRANTEES')),
    -- the language the course is taught in: en or zh-CN
    language        text        not null check (language in ('en', 'zh-CN')),
    -- places; null for no limit. Enrolment locks the course row, so the count of active enrolments never exceeds it.
    capacity        int         check (capacity is null or capacity > 0),
    created_by      uuid        references app_user (id),
    created_at      timestamptz not null
);
create index course_organisation on course (organisation_id);

create table course_module (
    id          uuid primary key,
    course_id   uuid not null references course (id),
    position    int  not null,
    title       text not null,
    -- the material: text for the trainee, and optionally a link (slides, a video)
    material    text not null default '',
    material_url text,
    -- the quiz: [{"question": "...", "options": ["...", "..."], "answer": 1}], or null for none
    quiz        jsonb,
    -- share of correct answers (percent) that passes the quiz
    pass_mark   int  not null default 70 check (pass_mark between 1 and 100),
    unique (course_id, position)
);

create table course_session (
    id            uuid        primary key,
    course_id     uuid        not null references course (id),
    mode          text        not null check (mode in ('IN_PERSON', 'ONLINE', 'SELF_PACED')),
    starts_at     timestamptz,
    ends_at       timestamptz,
    place         text,
    online_url    text,
    -- online and self-paced sessions are attended by passing this module's quiz
    quiz_module   uuid        references course_module (id),
    -- the secret behind the rotating on-screen code (never shown)
    screen_secret text        not null,
    check (mode = 'SELF_PACED' or (starts_at is not null and ends_at is not null and ends_at > starts_at)),
    check (mode = 'IN_PERSON' or quiz_module is not null)
);
create index course_session_course on course_session (course_id);

create table course_enrolment (
    course_id     uuid        not null references course (id),
    user_id       uuid        not null references app_user (id),
    enrolled_at   timestamptz not null,
    cancelled_at  timestamptz,
    -- the trainee's own attendance code, shown as a QR code on their phone; it names this enrolment only
    personal_code text        not null unique,
    completed_at  timestamptz,
    primary key (course_id, user_id)
);
create index course_enrolment_user on course_enrolment (user_id);

create table course_attendance (
    session_id  uuid        not null references course_session (id),
    user_id     uuid        not null references app_user (id),
    course_id   uuid        not null references course (id),
    method      text        not null check (method in ('PERSONAL_CODE', 'SCREEN_CODE', 'QUIZ')),
    attended_at timestamptz not null,
    -- the organiser who scanned the personal code
    recorded_by uuid        references app_user (id),
    primary key (session_id, user_id)
);
create index course_attendance_user on course_attendance (user_id);

create table course_quiz_result (
    module_id    uuid        not null references course_module (id),
    user_id      uuid        not null references app_user (id),
    score        int         not null,
    passed       boolean     not null,
    attempted_at timestamptz not null,
    primary key (module_id, user_id)
);
create index course_quiz_result_user on course_quiz_result (user_id);

create table course_invitation (
    course_id  uuid        not null references course (id),
    email      text        not null,
    invited_by uuid        not null references app_user (id),
    invited_at timestamptz not null,
    primary key (course_id, email)
);
create index course_invitation_email on course_invitation (email);
create index course_invitation_invited_by on course_invitation (invited_by);

-- A certificate keeps what it certified as it was printed: the holder's name, the course and the organisation.
create table course_certificate (
    code              text        primary key,
    course_id         uuid        not null references course (id),
    user_id           uuid        not null references app_user (id),
    holder_name       text        not null,
    course_title      text        not null,
    organisation_name text        not null,
    language          text        not null,
    issued_at         timestamptz not null,
    unique (course_id, user_id)
);
create index course_certificate_user on course_certificate (user_id);

-- The resource library: the programme's knowledge products. Grantees' submissions wait for review.
create table training_resource (
    id              uuid        primary key,
    organisation_id uuid        references organisation (id),
    kind            text        not null check (kind in ('GUIDE', 'SLIDES', 'VIDEO', 'CASE_STUDY', 'TEMPLATE')),
    title           text        not null,
    summary         text        not null default '',
    url             text        not null,
    language        text        not null check (language in ('en', 'zh-CN')),
    topics          text[]      not null default '{}',
    audience        text        not null check (audience in ('EMPLOYEES', 'CAMPUS', 'PUBLIC', 'GRANTEES')),
    status          text        not null check (status in ('SUBMITTED', 'PUBLISHED', 'REJECTED')),
    submitted_by    uuid        references app_user (id),
    reviewed_by     uuid        references app_user (id),
    submitted_at    timestamptz not null,
    reviewed_at     timestamptz,
    downloads       bigint      not null default 0
);
create index training_resource_status on training_resource (status, submitted_at desc);
create index training_resource_submitted_by on training_resource (submitted_by);
create index training_resource_reviewed_by on training_resource (reviewed_by);
