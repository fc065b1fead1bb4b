package org.lowcarbontogether;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.lowcarbontogether.platform.ReplicaProperties;
import org.lowcarbontogether.platform.ReportingReads;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A "replica" for tests: a schema of the test database holding empty copies of some tables (to be filled with figures
 * the primary does not have), reached through a read-only pool built as {@code lct.datasource.replica-url} builds it
 * (the URL names the schema; no user named, so the pool takes the primary's credentials). Closing it closes the pool
 * and drops the schema.
 */
public final class ReplicaSchema implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String schema;
    private final ReportingReads reads;

    private ReplicaSchema(JdbcClient jdbc, String schema, ReportingReads reads) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.reads = reads;
    }

    public static ReplicaSchema create(JdbcClient jdbc, DataSource primary, String schema, List<String> tables)
            throws SQLException {
        jdbc.sql("create schema if not exists " + schema).update();
        for (String table : tables) {
            jdbc.sql("drop table if exists %s.%s".formatted(schema, table)).update();
            jdbc.sql("create table %1$s.%2$s (like public.%2$s including all)".formatted(schema, table))
                    .update();
        }
        String url = primary.unwrap(HikariDataSource.class).getJdbcUrl();
        String replicaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new ReplicaSchema(
                jdbc, schema, ReportingReads.of(new ReplicaProperties(replicaUrl, null, null, 2), jdbc, primary));
    }

    /** The reporting reads that go to this schema. */
    public ReportingReads reads() {
        return reads;
    }

    /** The schema's name, to write the replica's figures with the primary's client. */
    public String name() {
        return schema;
    }

    @Override
    public void close() {
        reads.close();
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
    }
}
