package org.lowcarbontogether.training;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proof that a trainee took part in a session: the organiser scans (or types) the trainee's personal code, which names
 * one enrolment and works for no one else; in a large room the trainee types the rotating code on the trainer's screen;
 * online and self-paced sessions are attended by passing the session's module quiz. In-person codes work from an hour
 * before a session starts to an hour after it ends. Attendance is not a carbon reduction and writes nothing to the
 * ledger; attending a session of the course completes it, which issues the certificate.
 */
@Service
public class Attendance {

    /** Codes work from an hour before a session to an hour after it. */
    static final Duration MARGIN = Duration.ofHours(1);

    public enum Outcome {
        ATTENDED,
        ALREADY_ATTENDED
    }

    /** A quiz's result: the share of right answers (percent), whether it passed, and what it did. */
    public record QuizResult(int score, int passMark, boolean passed, boolean attended) implements Serializable {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Courses courses;
    private final Certificates certificates;
    private final AuditLog audit;

    Attendance(JdbcClient jdbc, Clock clock, Courses courses, Certificates certificates, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.courses = courses;
        this.certificates = certificates;
    }

    /**
     * An organiser of the course scans a trainee's personal code at an in-person session: that enrolment, and only
     * it, is marked present. A code of another course, a cancelled enrolment or no enrolment at all is 404
     * {@code course-personal-code-unknown}; an organiser cannot vouch for themselves.
     */
    @Transactional
    public Outcome byPersonalCode(Actor me, UUID sessionId, @Nullable String code) {
        UUID courseId = courses.courseOfSession(sessionId);
        courses.manageable(me, courseId);
        Courses.Session session = courses.session(sessionId);
        if (session.mode() != Courses.Mode.IN_PERSON) {
            throw Refusal.conflict("course-session-not-in-person", "sessionId", sessionId);
        }
        UUID trainee = jdbc.sql("""
                        select user_id from course_enrolment
                        where course_id = :course and personal_code = :code and cancelled_at is null""")
                .param("course", courseId)
                .param("code", code == null ? "" : code.strip())
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("course-personal-code-unknown", "code"));
        if (trainee.equals(me.id())) {
            throw Refusal.conflict("course-self-attendance", "code");
        }
        open(session);
        return attend(courseId, session.id(), trainee, "PERSONAL_CODE", me.id());
    }

    /**
     * An organiser of the course records, from a signed attendance sheet, that an enrolled trainee attended an
     * in-person session that has already ended (the demo data's past cohorts come this way). Only enrolled trainees;
     * never the organiser themselves; never before the session ended.
     */
    @Transactional
    public Outcome fromSheet(Actor me, UUID sessionId, UUID trainee) {
        UUID courseId = courses.courseOfSession(sessionId);
        courses.manageable(me, courseId);
        Courses.Session session = courses.session(sessionId);
        Instant ends = session.endsAt();
        if (session.mode() != Courses.Mode.IN_PERSON || ends == null || ends.isAfter(clock.instant())) {
            throw Refusal.conflict("course-session-closed", "sessionId", sessionId);
        }
        if (trainee.equals(me.id())) {
            throw Refusal.conflict("course-self-attendance", "userId");
        }
        if (courses.enrolment(trainee, courseId).isEmpty()) {
            throw Refusal.conflict("course-not-enrolled", "userId");
        }
        var outcome = attend(courseId, sessionId, trainee, "PERSONAL_CODE", me.id(), ends);
        if (outcome == Outcome.ATTENDED) {
            // Only ids: the course's title is the course's, the trainee's name their account's.
            audit.record(
                    me.id(),
                    AuditLog.Action.COURSE_ATTENDANCE_FROM_SHEET,
                    courses.get(courseId).organisationId(),
                    AuditLog.Target.PERSON,
                    trainee,
                    Map.of("courseId", courseId.toString(), "sessionId", sessionId.toString()));
        }
        return outcome;
    }

    /** The rotating code for the trainer's screen, for the course's organisers. */
    public RotatingCodes.Shown screenCode(Actor me, UUID sessionId) {
        courses.manageable(me, courses.courseOfSession(sessionId));
        return RotatingCodes.shown(secret(sessionId), sessionId, clock.instant());
    }

    /**
     * An enrolled trainee types the code on the trainer's screen (valid for the 30 seconds it is shown and the next
     * 30): 403 {@code course-code-wrong} for a wrong or expired code.
     */
    @Transactional
    public Outcome byScreenCode(Actor me, UUID sessionId, @Nullable String code) {
        UUID courseId = courses.courseOfSession(sessionId);
        Courses.Session session = courses.session(sessionId);
        if (session.mode() != Courses.Mode.IN_PERSON) {
            throw Refusal.conflict("course-session-not-in-person", "sessionId", sessionId);
        }
        if (code == null || !RotatingCodes.valid(secret(sessionId), sessionId, code, clock.instant())) {
            throw Refusal.forbidden("course-code-wrong", "code");
        }
        if (courses.enrolment(me.id(), courseId).isEmpty()) {
            throw Refusal.conflict("course-not-enrolled", "code");
        }
        open(session);
        return attend(courseId, sessionId, me.id(), "SCREEN_CODE", null);
    }

    /**
     * An enrolled trainee answers a module's quiz ({@code answers}: the index of the chosen option per question). The
     * best result is kept; a pass attends the course's online sessions open now and its self-paced sessions whose quiz
     * this is.
     */
    @Transactional
    public QuizResult submitQuiz(Actor me, UUID courseId, UUID moduleId, @Nullable List<Integer> answers) {
        courses.get(courseId);
        var module = courses.modules(courseId).stream()
                .filter(m -> m.id().equals(moduleId))
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("course-module-unknown", "moduleId", moduleId));
        if (courses.enrolment(me.id(), courseId).isEmpty()) {
            throw Refusal.conflict("course-not-enrolled", "id", courseId);
        }
        var questions = courses.answers(moduleId);
        if (questions.isEmpty()) {
            throw Refusal.conflict("course-module-has-no-quiz", "moduleId", moduleId);
        }
        if (answers == null || answers.size() != questions.size()) {
            throw Refusal.invalid("course-quiz-answers-invalid", "answers", questions.size());
        }
        int right = 0;
        for (int i = 0; i < questions.size(); i++) {
            Integer expected = questions.get(i).answer();
            if (expected != null && expected.equals(answers.get(i))) {
                right++;
            }
        }
        int score = Math.round(100f * right / questions.size());
        boolean passed = score >= module.passMark();
        jdbc.sql("""
                        insert into course_quiz_result (module_id, user_id, score, passed, attempted_at)
                        values (:module, :user, :score, :passed, :now)
                        on conflict (module_id, user_id) do update set
                            score = greatest(course_quiz_result.score, excluded.score),
                            passed = course_quiz_result.passed or excluded.passed, attempted_at = excluded.attempted_at""")
                .param("module", moduleId)
                .param("user", me.id())
                .param("score", score)
                .param("passed", passed)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        boolean attended = false;
        if (passed) {
            Instant now = clock.instant();
            for (var session : courses.sessions(courseId)) {
                boolean quizzed = moduleId.equals(session.quizModule());
                boolean online = session.mode() == Courses.Mode.ONLINE && isOpen(session, now);
                if (quizzed && (online || session.mode() == Courses.Mode.SELF_PACED)) {
                    attend(courseId, session.id(), me.id(), "QUIZ", null);
                    attended = true;
                }
            }
        }
        return new QuizResult(score, module.passMark(), passed, attended);
    }

    private Outcome attend(UUID courseId, UUID sessionId, UUID userId, String method, @Nullable UUID recordedBy) {
        return attend(courseId, sessionId, userId, method, recordedBy, clock.instant());
    }

    private Outcome attend(
            UUID courseId, UUID sessionId, UUID userId, String method, @Nullable UUID recordedBy, Instant at) {
        int fresh = jdbc.sql("""
                        insert into course_attendance (session_id, user_id, course_id, method, attended_at, recorded_by)
                        values (:session, :user, :course, :method, :now, :by) on conflict do nothing""")
                .param("session", sessionId)
                .param("user", userId)
                .param("course", courseId)
                .param("method", method)
                .param("now", Timestamp.from(at))
                .param("by", recordedBy)
                .update();
        certificates.completeIfDue(courseId, userId);
        return fresh > 0 ? Outcome.ATTENDED : Outcome.ALREADY_ATTENDED;
    }

    private void open(Courses.Session session) {
        if (!isOpen(session, clock.instant())) {
            throw Refusal.conflict("course-session-closed", "sessionId", session.id());
        }
    }

    private static boolean isOpen(Courses.Session session, Instant now) {
        Instant starts = session.startsAt();
        Instant ends = session.endsAt();
        return starts != null && ends != null && !now.isBefore(starts.minus(MARGIN)) && !now.isAfter(ends.plus(MARGIN));
    }

    private String secret(UUID sessionId) {
        return jdbc.sql("select screen_secret from course_session where id = :id")
                .param("id", sessionId)
                .query(String.class)
                .single();
    }
}
