package org.lowcarbontogether.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.ReplicaSchema;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Story reach is a report: with a replica configured, its figures come from there. The "replica" is a schema of the
 * test database holding copies of the story tables with a story the primary does not have (as in {@code
 * reporting.ReplicaReadsIntegrationTests}).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReachOnReplicaIntegrationTests {

    private static final String SCHEMA = "reach_replica_it";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    ClusterJobs jobs;

    @Autowired
    Reach configured;

    private ReplicaSchema replica;
    private final UUID community = UUID.randomUUID();

    @BeforeAll
    void replica() throws SQLException {
        replica = ReplicaSchema.create(jdbc, dataSource, SCHEMA, List.of("story", "story_reach_daily"));
        UUID story = UUID.randomUUID();
        jdbc.sql("""
                        insert into %s.story (id, author_id, community_id, title, body, status, created_at, published_at)
                        values (:id, :author, :community, 'On the replica', 'Only there', 'PUBLISHED', now(), now())""".formatted(SCHEMA))
                .param("id", story)
                .param("author", UUID.randomUUID())
                .param("community", community)
                .update();
        jdbc.sql("insert into %s.story_reach_daily (story_id, day, views, shares) values (:id, :day, 99, 7)"
                        .formatted(SCHEMA))
                .param("id", story)
                .param("day", Date.valueOf(ProgrammeCalendar.today(clock)))
                .update();
    }

    @AfterAll
    void dropReplica() {
        replica.close();
    }

    @Test
    void reachIsReadOnTheReplica() {
        LocalDate today = ProgrammeCalendar.today(clock);
        var onReplica = new Reach(jdbc, replica.reads(), clock, jobs);

        assertThat(onReplica.of(List.of(community), List.of(), today.minusDays(7), today))
                .isEqualTo(new Reach.Figures(1, 99, 7));
        assertThat(onReplica.of(community, null, null, today.minusDays(7), today))
                .isEqualTo(new Reach.Figures(1, 99, 7));
        assertThat(configured.of(List.of(community), List.of(), today.minusDays(7), today))
                .as("the primary has no such story")
                .isEqualTo(new Reach.Figures(0, 0, 0));
    }
}
