package org.lowcarbontogether.training;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's part in training: their enrolments, attendance, quiz results, certificates and invitations, and — as an
 * organiser — the courses they published, the attendance they recorded, the invitations they sent and the resources
 * they submitted or reviewed. Deleting the account cancels open enrolments and makes their personal codes useless,
 * deletes quiz results and invitations, and keeps certificates (others may hold a copy to verify) under the deleted
 * participant's name.
 */
@Component
class TrainingPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Courses courses;

    TrainingPersonalData(JdbcClient jdbc, Courses courses) {
        this.jdbc = jdbc;
        this.courses = courses;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("course", "courses-created", Treatment.KEPT, "created_by"),
                Holding.of("course_enrolment", "course-enrolments", Treatment.CLEARED, "user_id"),
                Holding.of("course_attendance", "course-attendance", Treatment.KEPT, "user_id"),
                Holding.of("course_attendance", "course-attendance-recorded", Treatment.KEPT, "recorded_by"),
                Holding.of("course_quiz_result", "course-quiz-results", Treatment.DELETED, "user_id"),
                Holding.of("course_invitation", "course-invitations", Treatment.DELETED, "email"),
                Holding.of("course_invitation", "course-invitations-sent", Treatment.KEPT, "invited_by"),
                Holding.of("course_certificate", "course-certificates", Treatment.CLEARED, "user_id"),
                Holding.of("training_resource", "resources-submitted", Treatment.KEPT, "submitted_by", "reviewed_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("courses-created", PersonalData.query(jdbc, """
                        select id, organisation_id, title, audience, language, capacity, created_at
                        from course where created_by = :person order by created_at""", person));
        export.kind("course-enrolments", PersonalData.query(jdbc, """
                        select e.course_id, c.title as course, e.enrolled_at, e.cancelled_at, e.completed_at
                        from course_enrolment e join course c on c.id = e.course_id
                        where e.user_id = :person order by e.enrolled_at""", person));
        export.kind("course-attendance", PersonalData.query(jdbc, """
                        select course_id, session_id, method, attended_at
                        from course_attendance where user_id = :person order by attended_at""", person));
        // Attendance recorded as an organiser: what was done, not who attended.
        export.kind("course-attendance-recorded", PersonalData.query(jdbc, """
                        select course_id, session_id, method, attended_at
                        from course_attendance where recorded_by = :person order by attended_at""", person));
        export.kind("course-quiz-results", PersonalData.query(jdbc, """
                        select module_id, score, passed, attempted_at
                        from course_quiz_result where user_id = :person order by attempted_at""", person));
        export.kind("course-invitations", PersonalData.query(jdbc, """
                        select i.course_id, c.title as course, i.invited_at
                        from course_invitation i join course c on c.id = i.course_id
                        where i.email = :email order by i.invited_at""", Map.of("email", export.email())));
        export.kind("course-invitations-sent", PersonalData.query(jdbc, """
                        select course_id, invited_at from course_invitation
                        where invited_by = :person order by invited_at""", person));
        export.kind("course-certificates", PersonalData.query(jdbc, """
                        select code, course_id, holder_name, course_title, organisation_name, language, issued_at
                        from course_certificate where user_id = :person order by issued_at""", person));
        export.kind("resources-submitted", PersonalData.query(jdbc, """
                        select id, kind, title, url, language, status, submitted_at, reviewed_at,
                            submitted_by = :person as submitted, reviewed_by = :person as reviewed
                        from training_resource where submitted_by = :person or reviewed_by = :person
                        order by submitted_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        var enrolments = jdbc.sql("select course_id from course_enrolment where user_id = :person")
                .param("person", erasure.person())
                .query(UUID.class)
                .list();
        for (UUID course : enrolments) {
            jdbc.sql("""
                            update course_enrolment set personal_code = :code,
                                cancelled_at = case when completed_at is null then coalesce(cancelled_at, :at) else cancelled_at end
                            where course_id = :course and user_id = :person""")
                    .param("code", courses.newCode())
                    .param("at", Timestamp.from(erasure.at()))
                    .param("course", course)
                    .param("person", erasure.person())
                    .update();
        }
        jdbc.sql("update course_certificate set holder_name = :name where user_id = :person")
                .param("name", PersonalData.DELETED_NAME)
                .param("person", erasure.person())
                .update();
        jdbc.sql("delete from course_quiz_result where user_id = :person")
                .param("person", erasure.person())
                .update();
        jdbc.sql("delete from course_invitation where email = :email")
                .param("email", erasure.email())
                .update();
    }
}
