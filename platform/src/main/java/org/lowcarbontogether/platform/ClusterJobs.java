package org.lowcarbontogether.platform;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job on one instance at a time, and a periodic job once per period across every instance that fires
 * it. Each instance's scheduler still fires every job; the run goes ahead only where PostgreSQL's advisory lock for the
 * job is free (held on a connection of its own for as long as the run lasts, released when it ends or the connection
 * is lost), and only when the job last started at least {@code apart} ago (table {@code cluster_job}, which also counts
 * runs). A daily job fired at 03:17 by three instances thus runs once, however long it takes.
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    /** This instance, as written next to the runs it made: host and process. */
    public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final DataSource dataSource;

    public ClusterJobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} here unless another instance is running the job now or it started less than {@code apart} ago
     * (zero: only the first). Answers whether it ran. A failure of the work is thrown to the caller, as it would be
     * without this; the job counts as started.
     */
    public boolean once(String job, Duration apart, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            boolean locked = jdbc.sql("select pg_try_advisory_lock(hashtextextended('lct-job:' || :job, 0))")
                    .param("job", job)
                    .query(Boolean.class)
                    .single();
            if (!locked) {
                log.debug("Job {} is running on another instance; not here", job);
                return false;
            }
            try {
                boolean due = jdbc.sql("""
                                insert into cluster_job as j (name, last_started_at, last_instance, runs)
                                values (:job, now(), :instance, 1)
                                on conflict (name) do update
                                set last_started_at = now(), last_instance = excluded.last_instance, runs = j.runs + 1
                                where j.last_started_at <= now() - make_interval(secs => :apart)
                                returning 1""")
                        .param("job", job)
                        .param("instance", INSTANCE)
                        .param("apart", apart.toMillis() / 1000.0)
                        .query(Integer.class)
                        .optional()
                        .isPresent();
                if (!due) {
                    log.debug("Job {} ran less than {} ago; not again", job, apart);
                    return false;
                }
                work.run();
                return true;
            } finally {
                jdbc.sql("select pg_advisory_unlock(hashtextextended('lct-job:' || :job, 0))")
                        .param("job", job)
                        .query(Boolean.class)
                        .single();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lock of job " + job, e);
        }
    }
}
