package org.lowcarbontogether.schools;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.training.Resources;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lesson resources: the training library's published resources, tagged by a school's teacher for a grade, shown on
 * the class pages of that grade. A tag names its teacher (kept when their account is deleted: a choice made for the
 * school).
 */
@Service
public class SchoolResources {

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Schools schools;
    private final Clock clock;

    SchoolResources(JdbcClient jdbc, Resources resources, Schools schools, Clock clock) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.schools = schools;
        this.clock = clock;
    }

    /** The published resources tagged for a grade, as the library lists them. */
    public List<Resources.Resource> forGrade(int grade) {
        return jdbc
                .sql("select resource_id from school_resource_grade where grade = :grade order by tagged_at")
                .param("grade", grade)
                .query((rs, n) -> rs.getObject("resource_id", UUID.class))
                .list()
                .stream()
                .map(this::published)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** The library's published resources a teacher may tag (most opened first). */
    public List<Resources.Resource> library() {
        return resources.search(null, null, null, null);
    }

    /** A teacher of the class tags a published resource for the class's grade (again: nothing changes). */
    @Transactional
    public void tag(Actor me, UUID classId, UUID resourceId) {
        var schoolClass = schools.get(me, classId);
        if (published(resourceId).isEmpty()) {
            throw Refusal.notFound("resource-not-found", "resourceId");
        }
        jdbc.sql("""
                        insert into school_resource_grade (resource_id, grade, tagged_by, tagged_at)
                        values (:resource, :grade, :by, :now) on conflict do nothing""")
                .param("resource", resourceId)
                .param("grade", schoolClass.grade())
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private java.util.Optional<Resources.Resource> published(UUID id) {
        try {
            var resource = resources.get(id);
            return resource.status() == Resources.Status.PUBLISHED
                    ? java.util.Optional.of(resource)
                    : java.util.Optional.empty();
        } catch (Refusal missing) {
            return java.util.Optional.empty();
        }
    }
}
