package org.lowcarbontogether.reporting;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a person counts in the figures: their first and last day in the platform's impact, and per project and programme
 * what they did on each day and under each published cell. Kept when the account is deleted, under the account's id, so
 * participant counts and retention do not change.
 */
@Component
class ReportingPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    ReportingPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("impact_participant", "impact-participation", Treatment.KEPT, "user_id"),
                Holding.of("rollup_user_day", "counted-days", Treatment.KEPT, "user_id"),
                Holding.of("rollup_user_key", "counted-totals", Treatment.KEPT, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind(
                "impact-participation",
                PersonalData.query(
                        jdbc, "select first_day, last_day from impact_participant where user_id = :person", person));
        export.kind("counted-days", PersonalData.query(jdbc, """
                        select rollup_kind, rollup_id, day, behaviour, category, region, evidence, behaviours, grams
                        from rollup_user_day where user_id = :person order by day, rollup_kind, rollup_id, behaviour""", person));
        export.kind("counted-totals", PersonalData.query(jdbc, """
                        select rollup_kind, rollup_id, key_kind, key, behaviours
                        from rollup_user_key where user_id = :person order by rollup_kind, rollup_id, key_kind, key""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        // Kept: see the class comment.
    }
}
