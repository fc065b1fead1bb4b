package org.lowcarbontogether.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.ReplicaProperties;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.stories.Reach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reporting reads on a replica: a "replica" here is a schema of the test database holding copies of the reporting
 * tables with other figures than the primary's, reached through a read-only pool built as {@code
 * lct.datasource.replica-url} builds it (the URL names the schema). What the reports show comes from it; what they
 * write goes to the primary; inside a read-write transaction, and while the replica is unreachable, they read the
 * primary. The whole path on a real streaming replica: {@code perf/replica.sh}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaReadsIntegrationTests {

    private static final String SCHEMA = "replica_reads_it";
    private static final List<String> TABLES = List.of(
            "impact_daily",
            "impact_participant",
            "impact_evidence_daily",
            "rollup_source",
            "rollup_key",
            "rollup_user_day",
            "rollup_snapshot");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    Reach reach;

    @Autowired
    JsonMapper json;

    @Autowired
    Methodology methodology;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    TaskExecutor executor;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ReportingReads configured;

    private ReplicaSchema replica;
    private ReportingReads reads;
    private final UUID programme = UUID.randomUUID();
    private final String category =
            "REPLICA_" + programme.toString().substring(0, 8).toUpperCase();

    @BeforeAll
    void replica() throws SQLException {
        replica = ReplicaSchema.create(jdbc, dataSource, SCHEMA, TABLES);
        reads = replica.reads();
        LocalDate today = ProgrammeCalendar.today(clock);
        jdbc.sql("insert into " + SCHEMA
                        + ".impact_daily (day, category, behaviours, reduction_grams) values (:day, :c, 424242, 9000)")
                .param("day", Date.valueOf(today.minusDays(1)))
                .param("c", category)
                .update();
        jdbc.sql("insert into " + SCHEMA + ".rollup_source values ('PROGRAMME', :id, 'COMMUNITY', :scope, :from)")
                .param("id", programme)
                .param("scope", UUID.randomUUID())
                .param("from", Date.valueOf(today.minusDays(60)))
                .update();
        jdbc.sql("""
                        insert into %s.rollup_key (rollup_kind, rollup_id, key_kind, key, behaviours, grams_recorded,
                            grams_restated, participants) values ('PROGRAMME', :id, 'ALL', '', 777, 5000, 5100, 3)""".formatted(SCHEMA)).param("id", programme).update();
    }

    @AfterAll
    void dropReplica() {
        replica.close();
    }

    @Test
    void withoutAReplicaUrlReportsReadThePrimary() {
        assertThat(configured.fromReplica()).isFalse();
        assertThat(new Impact(configured, clock).byCategory())
                .extracting(Impact.CategoryShare::category)
                .doesNotContain(category);
    }

    @Test
    void theProgrammesImpactComesFromTheReplica() {
        var impact = new Impact(reads, clock);

        assertThat(reads.fromReplica()).isTrue();
        assertThat(impact.totals().behaviours()).isEqualTo(424242);
        assertThat(impact.byCategory())
                .extracting(Impact.CategoryShare::category)
                .containsExactly(category);
        assertThat(new Impact(configured, clock).byCategory())
                .extracting(Impact.CategoryShare::category)
                .doesNotContain(category);
    }

    @Test
    void aDashboardReadsTheReplicaAndKeepsItsSnapshotOnThePrimary() {
        var reported = new ReportedImpact(jdbc, reads, reach, clock, executor, json, methodology);
        var today = ProgrammeCalendar.today(clock);
        var ref = ImpactRollups.Ref.programme(programme);

        var figures = reported.figures(
                ref,
                ReportedImpact.Filter.period(today.minusDays(60), today),
                new ReportedImpact.Assumptions(4, 8, BigDecimal.ONE));

        assertThat(figures.behaviours()).isEqualTo(777);
        assertThat(figures.gramsRestated()).isEqualTo(5100);
        assertThat(figures.participants()).isEqualTo(3);
        String snapshots = "select count(*) from %s where rollup_kind = 'PROGRAMME' and rollup_id = :id";
        assertThat(jdbc.sql(snapshots.formatted("public.rollup_snapshot"))
                        .param("id", programme)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(snapshots.formatted(SCHEMA + ".rollup_snapshot"))
                        .param("id", programme)
                        .query(Long.class)
                        .single())
                .isZero();
        jdbc.sql("delete from rollup_snapshot where rollup_kind = 'PROGRAMME' and rollup_id = :id")
                .param("id", programme)
                .update();
    }

    @Test
    void theReplicasPoolIsReadOnly() {
        assertThatThrownBy(() -> reads.jdbc()
                        .sql("insert into impact_participant values (:id, current_date, current_date)")
                        .param("id", UUID.randomUUID())
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void insideAReadWriteTransactionReportsReadThePrimaryAndItsUncommittedWrites() {
        var impact = new Impact(reads, clock);
        String written = category + "_RW";
        var seen = transactions.execute(status -> {
            jdbc.sql(
                            "insert into impact_daily (day, category, behaviours, reduction_grams) values (date '1999-01-01', :c, 1, 1)")
                    .param("c", written)
                    .update();
            status.setRollbackOnly();
            return impact.byCategory().stream()
                    .map(Impact.CategoryShare::category)
                    .toList();
        });

        assertThat(seen).contains(written).doesNotContain(category);
    }

    @Test
    void anUnreachableReplicaLeavesReportsOnThePrimary() {
        try (var down = ReportingReads.of(
                new ReplicaProperties("jdbc:postgresql://127.0.0.1:1/none", "nobody", "", 1), jdbc, dataSource)) {
            var impact = new Impact(down, clock);

            assertThat(impact.byCategory())
                    .extracting(Impact.CategoryShare::category)
                    .doesNotContain(category);
            // the second read does not try the replica again for a while, and still answers
            assertThat(impact.totals().behaviours()).isNotEqualTo(424242);
        }
    }
}
