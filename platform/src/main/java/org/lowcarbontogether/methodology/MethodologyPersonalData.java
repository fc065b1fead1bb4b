package org.lowcarbontogether.methodology;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The methodology versions a person drafted or reviewed, and their steps in its public trail. Kept when the account is
 * deleted: the trail is append-only and says who did what by the account's id, which then names no one.
 */
@Component
class MethodologyPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    MethodologyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("methodology_version", "methodology-versions", Treatment.KEPT, "author_id", "reviewer_id"),
                Holding.of("methodology_event", "methodology-actions", Treatment.KEPT, "actor_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("methodology-versions", PersonalData.query(jdbc, """
                        select code, version, status, coalesce(author_id = :person, false) as authored,
                            coalesce(reviewer_id = :person, false) as reviewed, created_at, submitted_at, published_at, retired_at
                        from methodology_version where author_id = :person or reviewer_id = :person order by created_at""", person));
        export.kind(
                "methodology-actions",
                PersonalData.query(
                        jdbc,
                        "select code, version, action, comment, at from methodology_event where actor_id = :person order by at",
                        person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Kept: see the class comment.
    }
}
