package org.lowcarbontogether.schools;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A pupil's place in their class (nickname, age, when they joined; never their pupil code), and what a teacher did for
 * a school: the classes they created, the challenges they set and the resources they tagged. Deleting a pupil's
 * account deletes their place (the class total, from the ledger, keeps their records under the id); a teacher's work
 * stays with the school.
 */
@Component
class SchoolsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    SchoolsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("school_pupil", "school-class-places", Treatment.DELETED, "user_id"),
                Holding.of("school_class", "school-classes-created", Treatment.KEPT, "created_by"),
                Holding.of("class_challenge", "class-challenges-set", Treatment.KEPT, "created_by"),
                Holding.of("school_resource_grade", "school-resources-tagged", Treatment.KEPT, "tagged_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("school-class-places", PersonalData.query(jdbc, """
                        select p.class_id, c.name as class, c.grade, c.school_year, p.nickname, p.age, p.joined_at,
                            p.left_at
                        from school_pupil p join school_class c on c.id = p.class_id where p.user_id = :person""", person));
        export.kind("school-classes-created", PersonalData.query(jdbc, """
                        select id, school_id, name, grade, school_year, created_at from school_class
                        where created_by = :person order by created_at""", person));
        export.kind("class-challenges-set", PersonalData.query(jdbc, """
                        select id, class_id, measure, target, starts_on, ends_on, created_at from class_challenge
                        where created_by = :person order by created_at""", person));
        export.kind("school-resources-tagged", PersonalData.query(jdbc, """
                        select resource_id, grade, tagged_at from school_resource_grade
                        where tagged_by = :person order by tagged_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("delete from school_pupil where user_id = :person")
                .param("person", erasure.person())
                .update();
    }
}
