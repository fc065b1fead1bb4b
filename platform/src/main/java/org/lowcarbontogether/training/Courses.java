package org.lowcarbontogether.training;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Courses an organisation publishes: for its employees or a campus (its members, and the addresses its organisers
 * invite), for the public, or for the programme's grantees. A course has modules with materials and an optional short
 * quiz, one or more sessions (in person, online or self-paced), a language and, optionally, a number of places.
 * Enrolling locks the course's row, so however many people enrol at once the places are never exceeded.
 */
@Service
public class Courses {

    public static final int MAX_TITLE = 200;
    public static final int MAX_TEXT = 20_000;
    public static final int MAX_MODULES = 30;
    public static final int MAX_SESSIONS = 30;
    public static final int MAX_QUESTIONS = 20;

    public enum Audience {
        EMPLOYEES,
        CAMPUS,
        PUBLIC,
        GRANTEES
    }

    public enum Mode {
        IN_PERSON,
        ONLINE,
        SELF_PACED
    }

    /** A quiz question as an organiser writes it: the options and the index of the right one. */
    public record QuizQuestion(
            @Nullable String question,
            @Nullable List<String> options,
            @Nullable Integer answer) {}

    public record ModuleForm(
            @Nullable String title,
            @Nullable String material,
            @Nullable String materialUrl,
            @Nullable List<QuizQuestion> quiz,
            @Nullable Integer passMark) {}

    /** A session; online and self-paced ones name the module (by position, from 1) whose quiz proves attendance. */
    public record SessionForm(
            @Nullable String mode,
            @Nullable OffsetDateTime startsAt,
            @Nullable OffsetDateTime endsAt,
            @Nullable String place,
            @Nullable String onlineUrl,
            @Nullable Integer quizModule) {}

    public record CourseForm(
            @Nullable UUID organisationId,
            @Nullable String title,
            @Nullable String description,
            @Nullable String audience,
            @Nullable String language,
            @Nullable Integer capacity,
            @Nullable List<ModuleForm> modules,
            @Nullable List<SessionForm> sessions) {}

    /** What an organiser may change of a published course: its title, description, language and places. */
    public record CourseEdit(
            @Nullable String title,
            @Nullable String description,
            @Nullable String language,
            @Nullable Integer capacity) {}

    /** A quiz question as trainees see it: without its answer. */
    public record Question(String question, List<String> options) {}

    public record Module(
            UUID id,
            int position,
            String title,
            String material,
            @Nullable String materialUrl,
            List<Question> quiz,
            int passMark) {

        public boolean hasQuiz() {
            return !quiz.isEmpty();
        }
    }

    public record Session(
            UUID id,
            Mode mode,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable String place,
            @Nullable String onlineUrl,
            @Nullable UUID quizModule) {}

    public record Course(
            UUID id,
            UUID organisationId,
            String organisationName,
            String title,
            String description,
            Audience audience,
            String language,
            @Nullable Integer capacity,
            long enrolled,
            List<Module> modules,
            List<Session> sessions) {

        public boolean full() {
            return capacity != null && enrolled >= capacity;
        }

        public @Nullable Long placesLeft() {
            return capacity == null ? null : Math.max(0, capacity - enrolled);
        }
    }

    /** A course in a list. */
    public record Summary(
            UUID id,
            UUID organisationId,
            String organisationName,
            String title,
            Audience audience,
            String language,
            @Nullable Integer capacity,
            long enrolled) {}

    /** The caller's enrolment. */
    public record Enrolment(
            UUID courseId,
            Instant enrolledAt,
            String personalCode,
            @Nullable Instant completedAt,
            int attended) {}

    /** An enrolled trainee as the organiser sees them. */
    public record Trainee(
            UUID userId,
            String name,
            String email,
            Instant enrolledAt,
            @Nullable Instant completedAt,
            int attended) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<QuizQuestion>> QUIZ = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final List<GranteeDirectory> grantees;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    Courses(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            List<GranteeDirectory> grantees,
            AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.grantees = grantees;
    }

    /** Publishes a course for an organisation the caller organises (403 otherwise). */
    @Transactional
    public Course create(Actor me, CourseForm form) {
        if (form.organisationId() == null) {
            throw Refusal.invalid(List.of(Violation.of("organisationId", "field-required", "organisationId")));
        }
        organisations.requireOrganiser(me, form.organisationId());
        var violations = new ArrayList<Violation>();
        String title = text(form.title(), "title", MAX_TITLE, true, violations);
        String description = text(form.description(), "description", MAX_TEXT, false, violations);
        Audience audience = parse(Audience.class, form.audience(), "audience", violations);
        String language = form.language() == null ? "" : form.language().strip();
        if (!language.equals("en") && !language.equals("zh-CN")) {
            violations.add(Violation.of("language", "course-language-unknown", language));
        }
        Integer capacity = form.capacity();
        if (capacity != null && (capacity < 1 || capacity > 100_000)) {
            violations.add(Violation.of("capacity", "course-capacity-invalid", 100_000));
        }
        List<ModuleForm> modules = form.modules() == null ? List.of() : form.modules();
        List<SessionForm> sessions = form.sessions() == null ? List.of() : form.sessions();
        if (modules.size() > MAX_MODULES) {
            violations.add(Violation.of("modules", "course-too-many", MAX_MODULES));
        }
        if (sessions.isEmpty() || sessions.size() > MAX_SESSIONS) {
            violations.add(Violation.of("sessions", "course-sessions-required", MAX_SESSIONS));
        }
        var checkedModules = new ArrayList<CheckedModule>();
        for (int i = 0; i < modules.size(); i++) {
            checkedModules.add(checkModule(modules.get(i), "modules[" + i + "]", violations));
        }
        var checkedSessions = new ArrayList<CheckedSession>();
        for (int i = 0; i < sessions.size(); i++) {
            checkedSessions.add(checkSession(sessions.get(i), "sessions[" + i + "]", checkedModules, violations));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into course (id, organisation_id, title, description, audience, language, capacity, created_by,
                            created_at)
                        values (:id, :org, :title, :description, :audience, :language, :capacity, :by, :now)""")
                .param("id", id)
                .param("org", form.organisationId())
                .param("title", title)
                .param("description", description)
                .param("audience", audience.name())
                .param("language", language)
                .param("capacity", capacity)
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        var moduleIds = new ArrayList<UUID>();
        for (int i = 0; i < checkedModules.size(); i++) {
            var module = checkedModules.get(i);
            UUID moduleId = UUID.randomUUID();
            moduleIds.add(moduleId);
            jdbc.sql("""
                            insert into course_module (id, course_id, position, title, material, material_url, quiz, pass_mark)
                            values (:id, :course, :position, :title, :material, :url, cast(:quiz as jsonb), :pass)""")
                    .param("id", moduleId)
                    .param("course", id)
                    .param("position", i + 1)
                    .param("title", module.title())
                    .param("material", module.material())
                    .param("url", module.materialUrl())
                    .param("quiz", module.quiz().isEmpty() ? null : JSON.writeValueAsString(module.quiz()))
                    .param("pass", module.passMark())
                    .update();
        }
        for (var session : checkedSessions) {
            jdbc.sql("""
                            insert into course_session (id, course_id, mode, starts_at, ends_at, place, online_url, quiz_module,
                                screen_secret)
                            values (:id, :course, :mode, :starts, :ends, :place, :url, :quiz, :secret)""")
                    .param("id", UUID.randomUUID())
                    .param("course", id)
                    .param("mode", session.mode().name())
                    .param("starts", session.startsAt() == null ? null : Timestamp.from(session.startsAt()))
                    .param("ends", session.endsAt() == null ? null : Timestamp.from(session.endsAt()))
                    .param("place", session.place())
                    .param("url", session.onlineUrl())
                    .param("quiz", session.quizModule() == null ? null : moduleIds.get(session.quizModule() - 1))
                    .param("secret", newCode() + newCode())
                    .update();
        }
        audit.record(
                me.id(),
                AuditLog.Action.COURSE_PUBLISHED,
                form.organisationId(),
                AuditLog.Target.COURSE,
                id,
                Map.of(
                        "course",
                        title,
                        "audience",
                        audience.name(),
                        "sessions",
                        String.valueOf(checkedSessions.size())));
        return get(id);
    }

    public Optional<Course> find(UUID id) {
        return jdbc.sql(SUMMARY + " where c.id = :id")
                .param("id", id)
                .query(Courses::summary)
                .optional()
                .map(s -> new Course(
                        s.id(),
                        s.organisationId(),
                        s.organisationName(),
                        s.title(),
                        jdbc.sql("select description from course where id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single(),
                        s.audience(),
                        s.language(),
                        s.capacity(),
                        s.enrolled(),
                        modules(id),
                        sessions(id)));
    }

    public Course get(UUID id) {
        return find(id).orElseThrow(() -> Refusal.notFound("course-unknown", "id", id));
    }

    /** A course the caller organises: 404 if unknown, 403 if it is another organisation's. */
    public Course manageable(Actor me, UUID id) {
        Course course = get(id);
        organisations.requireOrganiser(me, course.organisationId());
        return course;
    }

    public boolean mayManage(@Nullable Actor me, Course course) {
        return me != null && (me.hasRole(Role.ADMIN) || organisations.isOrganiser(me.id(), course.organisationId()));
    }

    /** Every course, newest first. */
    public List<Summary> all(int limit) {
        return jdbc.sql(SUMMARY + " order by c.created_at desc limit :limit")
                .param("limit", limit)
                .query(Courses::summary)
                .list();
    }

    /** The courses of the organisations a person organises, newest first. */
    public List<Summary> organisedBy(UUID userId) {
        return jdbc.sql(SUMMARY + " " + """
                         where c.organisation_id in (select organisation_id from membership where user_id = :user and role = 'ORGANISER')
                         order by c.created_at desc""")
                .param("user", userId)
                .query(Courses::summary)
                .list();
    }

    /** The courses a person is enrolled in, newest first. */
    public List<Summary> enrolledBy(UUID userId) {
        return jdbc.sql(SUMMARY + " " + """
                         where c.id in (select course_id from course_enrolment where user_id = :user and cancelled_at is null)
                         order by c.created_at desc""")
                .param("user", userId)
                .query(Courses::summary)
                .list();
    }

    public List<Module> modules(UUID courseId) {
        return jdbc.sql("""
                        select id, position, title, material, material_url, quiz::text, pass_mark
                        from course_module where course_id = :course order by position""")
                .param("course", courseId)
                .query((rs, n) -> new Module(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        quiz(rs.getString(6)).stream()
                                .map(q -> new Question(
                                        String.valueOf(q.question()), q.options() == null ? List.of() : q.options()))
                                .toList(),
                        rs.getInt(7)))
                .list();
    }

    public List<Session> sessions(UUID courseId) {
        return jdbc.sql("""
                        select id, mode, starts_at, ends_at, place, online_url, quiz_module
                        from course_session where course_id = :course order by starts_at nulls last, id""").param("course", courseId).query(Courses::session).list();
    }

    public Session session(UUID sessionId) {
        return jdbc.sql("""
                        select id, mode, starts_at, ends_at, place, online_url, quiz_module
                        from course_session where id = :id""")
                .param("id", sessionId)
                .query(Courses::session)
                .optional()
                .orElseThrow(() -> Refusal.notFound("course-session-unknown", "sessionId", sessionId));
    }

    UUID courseOfSession(UUID sessionId) {
        return jdbc.sql("select course_id from course_session where id = :id")
                .param("id", sessionId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("course-session-unknown", "sessionId", sessionId));
    }

    /**
     * Whether a person may enrol: anyone signed in for a public course; members of an organisation holding an award in
     * the grant programme (see {@link GranteeDirectory}) or invited people for a grantees' course; the organisation's
     * members and invited people otherwise.
     */
    public boolean mayEnrol(Actor me, Course course) {
        return switch (course.audience()) {
            case PUBLIC -> true;
            case GRANTEES ->
                grantees.stream().anyMatch(g -> g.isGranteeMember(me.id())) || invited(me.id(), course.id());
            case EMPLOYEES, CAMPUS ->
                organisations.isMember(me.id(), course.organisationId()) || invited(me.id(), course.id());
        };
    }

    private boolean invited(UUID userId, UUID courseId) {
        return jdbc.sql("""
                        select count(*) from course_invitation
                        where course_id = :course and email = (select email from app_user where id = :user)""")
                        .param("course", courseId)
                        .param("user", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * An organiser of the course changes its title, description, language or places (403 otherwise). The course's row
     * is locked first, as enrolment does, so the places are never set below the active enrolments (409
     * {@code course-capacity-below-enrolled}). Its modules, sessions and audience stay as published: trainees enrolled
     * under them.
     */
    @Transactional
    public Course edit(Actor me, UUID courseId, CourseEdit edit) {
        manageable(me, courseId);
        lock(courseId);
        Course course = get(courseId);
        var violations = new ArrayList<Violation>();
        String title = text(edit.title(), "title", MAX_TITLE, true, violations);
        String description = text(edit.description(), "description", MAX_TEXT, false, violations);
        String language =
                edit.language() == null ? course.language() : edit.language().strip();
        if (!language.equals("en") && !language.equals("zh-CN")) {
            violations.add(Violation.of("language", "course-language-unknown", language));
        }
        Integer capacity = edit.capacity();
        if (capacity != null && (capacity < 1 || capacity > 100_000)) {
            violations.add(Violation.of("capacity", "course-capacity-invalid", 100_000));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        if (capacity != null && capacity < course.enrolled()) {
            throw Refusal.conflict("course-capacity-below-enrolled", "capacity", course.enrolled());
        }
        jdbc.sql("""
                        update course set title = :title, description = :description, language = :language, capacity = :capacity
                        where id = :id""")
                .param("title", title)
                .param("description", description)
                .param("language", language)
                .param("capacity", capacity)
                .param("id", courseId)
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.COURSE_EDITED,
                course.organisationId(),
                AuditLog.Target.COURSE,
                courseId,
                Map.of("course", title));
        return get(courseId);
    }

    /**
     * Enrols the caller. The course's row is locked first, so two people can never both take the last place: the count
     * of active enrolments never exceeds the capacity (409 {@code course-full}). Enrolling again is harmless.
     */
    @Transactional
    public Enrolment enrol(Actor me, UUID courseId) {
        lock(courseId);
        Course course = get(courseId);
        if (!mayEnrol(me, course)) {
            throw Refusal.forbidden("course-not-open-to-you", "id", courseId);
        }
        var existing = enrolment(me.id(), courseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (course.full()) {
            throw Refusal.conflict("course-full", "id", courseId, course.capacity());
        }
        jdbc.sql("""
                        insert into course_enrolment (course_id, user_id, enrolled_at, personal_code) values (:course, :user, :now, :code)
                        on conflict (course_id, user_id) do update set cancelled_at = null, enrolled_at = excluded.enrolled_at""")
                .param("course", courseId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("code", newCode())
                .update();
        return enrolment(me.id(), courseId).orElseThrow();
    }

    /** Cancels the caller's enrolment, freeing the place; a completed course stays completed. */
    @Transactional
    public void cancel(Actor me, UUID courseId) {
        lock(courseId);
        jdbc.sql("""
                        update course_enrolment set cancelled_at = :now
                        where course_id = :course and user_id = :user and cancelled_at is null and completed_at is null""")
                .param("course", courseId)
                .param("user", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** A person's active enrolment in a course. */
    public Optional<Enrolment> enrolment(UUID userId, UUID courseId) {
        return jdbc.sql("""
                        select e.course_id, e.enrolled_at, e.personal_code, e.completed_at,
                            (select count(*) from course_attendance a where a.course_id = e.course_id and a.user_id = e.user_id)
                        from course_enrolment e where e.course_id = :course and e.user_id = :user and e.cancelled_at is null""")
                .param("course", courseId)
                .param("user", userId)
                .query((rs, n) -> new Enrolment(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        instant(rs, 4),
                        rs.getInt(5)))
                .optional();
    }

    /** The trainees of a course, for its organisers. */
    public List<Trainee> trainees(Actor me, UUID courseId) {
        manageable(me, courseId);
        return jdbc.sql("""
                        select e.user_id, u.display_name, u.email, e.enrolled_at, e.completed_at,
                            (select count(*) from course_attendance a where a.course_id = e.course_id and a.user_id = e.user_id)
                        from course_enrolment e join app_user u on u.id = e.user_id
                        where e.course_id = :course and e.cancelled_at is null order by e.enrolled_at""")
                .param("course", courseId)
                .query((rs, n) -> new Trainee(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        instant(rs, 5),
                        rs.getInt(6)))
                .list();
    }

    /** Whether the course has a quiz module answered by this question list; the answers, for marking. */
    List<QuizQuestion> answers(UUID moduleId) {
        return quiz(jdbc.sql("select quiz::text from course_module where id = :id")
                .param("id", moduleId)
                .query(String.class)
                .optional()
                .orElse(null));
    }

    void lock(UUID courseId) {
        boolean known = jdbc.sql("select id from course where id = :id for update")
                .param("id", courseId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw Refusal.notFound("course-unknown", "id", courseId);
        }
    }

    String newCode() {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private record CheckedModule(
            String title, String material, @Nullable String materialUrl, List<QuizQuestion> quiz, int passMark) {}

    private record CheckedSession(
            Mode mode,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable String place,
            @Nullable String onlineUrl,
            @Nullable Integer quizModule) {}

    private static CheckedModule checkModule(ModuleForm form, String field, List<Violation> violations) {
        String title = text(form.title(), field + ".title", MAX_TITLE, true, violations);
        String material = text(form.material(), field + ".material", MAX_TEXT, false, violations);
        String url = link(form.materialUrl(), field + ".materialUrl", violations);
        List<QuizQuestion> quiz = form.quiz() == null ? List.of() : form.quiz();
        if (quiz.size() > MAX_QUESTIONS) {
            violations.add(Violation.of(field + ".quiz", "course-too-many", MAX_QUESTIONS));
        }
        var checked = new ArrayList<QuizQuestion>();
        for (int q = 0; q < quiz.size(); q++) {
            var question = quiz.get(q);
            String text = text(question.question(), field + ".quiz[" + q + "].question", 1000, true, violations);
            List<String> options = question.options() == null
                    ? List.of()
                    : question.options().stream()
                            .map(o -> o == null ? "" : o.strip())
                            .toList();
            Integer answer = question.answer();
            if (options.size() < 2
                    || options.size() > 8
                    || options.stream().anyMatch(o -> o.isEmpty() || o.length() > 500)
                    || answer == null
                    || answer < 0
                    || answer >= options.size()) {
                violations.add(Violation.of(field + ".quiz[" + q + "]", "course-quiz-question-invalid"));
            } else {
                checked.add(new QuizQuestion(text, options, answer));
            }
        }
        int passMark = form.passMark() == null ? 70 : form.passMark();
        if (passMark < 1 || passMark > 100) {
            violations.add(Violation.of(field + ".passMark", "course-pass-mark-invalid"));
        }
        return new CheckedModule(title, material, url, checked, passMark);
    }

    private static CheckedSession checkSession(
            SessionForm form, String field, List<CheckedModule> modules, List<Violation> violations) {
        Mode mode = parse(Mode.class, form.mode(), field + ".mode", violations);
        Instant starts = form.startsAt() == null ? null : form.startsAt().toInstant();
        Instant ends = form.endsAt() == null ? null : form.endsAt().toInstant();
        if (mode != Mode.SELF_PACED) {
            if (starts == null || ends == null) {
                violations.add(Violation.of(field + ".startsAt", "course-session-times-required"));
            } else if (!ends.isAfter(starts) || Duration.between(starts, ends).toDays() > 31) {
                violations.add(Violation.of(field + ".endsAt", "course-session-times-invalid"));
            }
        } else {
            starts = null;
            ends = null;
        }
        String place = form.place() == null || form.place().isBlank()
                ? null
                : text(form.place(), field + ".place", 300, true, violations);
        String url = link(form.onlineUrl(), field + ".onlineUrl", violations);
        Integer quiz = form.quizModule();
        if (mode != Mode.IN_PERSON) {
            if (quiz == null
                    || quiz < 1
                    || quiz > modules.size()
                    || modules.get(quiz - 1).quiz().isEmpty()) {
                violations.add(Violation.of(field + ".quizModule", "course-session-quiz-required"));
            }
        } else {
            quiz = null;
        }
        return new CheckedSession(mode, starts, ends, place, url, quiz);
    }

    private static String text(
            @Nullable String value, String field, int max, boolean required, List<Violation> violations) {
        String text = value == null ? "" : value.strip();
        if (required && text.isEmpty()) {
            violations.add(Violation.of(field, "field-required", field));
        } else if (text.length() > max) {
            violations.add(Violation.of(field, "course-text-too-long", max));
        }
        return text;
    }

    private static @Nullable String link(@Nullable String value, String field, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        if (url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://")) || url.contains(" ")) {
            violations.add(Violation.of(field, "course-link-invalid"));
        }
        return url;
    }

    private static <E extends Enum<E>> E parse(
            Class<E> type, @Nullable String value, String field, List<Violation> violations) {
        E[] values = type.getEnumConstants();
        if (value != null) {
            for (E e : values) {
                if (e.name().equalsIgnoreCase(value.strip())) {
                    return e;
                }
            }
        }
        violations.add(Violation.of(field, "course-choice-unknown", value == null ? "" : value));
        return values[0];
    }

    static List<QuizQuestion> quiz(@Nullable String json) {
        return json == null ? List.of() : JSON.readValue(json, QUIZ);
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Session session(ResultSet rs, int n) throws SQLException {
        return new Session(
                rs.getObject(1, UUID.class),
                Mode.valueOf(rs.getString(2)),
                instant(rs, 3),
                instant(rs, 4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, UUID.class));
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        int places = rs.getInt(7);
        Integer capacity = rs.wasNull() ? null : places;
        return new Summary(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                Audience.valueOf(rs.getString(5)),
                rs.getString(6),
                capacity,
                rs.getLong(8));
    }

    static Locale locale(String language) {
        return Locale.forLanguageTag(language);
    }

    private static final String SUMMARY = """
            select c.id, c.organisation_id, o.name, c.title, c.audience, c.language, c.capacity,
                (select count(*) from course_enrolment e where e.course_id = c.id and e.cancelled_at is null)
            from course c join organisation o on o.id = c.organisation_id""";
}
