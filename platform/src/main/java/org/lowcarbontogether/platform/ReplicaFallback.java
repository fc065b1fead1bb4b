package org.lowcarbontogether.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The replica's connections, or the primary's for {@link #PAUSE} after the replica could not give one: a replica that
 * is down or unreachable slows one reporting request by its pool's connection timeout, never takes the dashboards
 * down. A primary connection handed out here is not the primary's transactional one (Spring binds it to this data
 * source), so a reporting read never joins a transaction of the primary.
 */
final class ReplicaFallback extends AbstractDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFallback.class);

    /** How long reporting reads stay on the primary after the replica failed before the replica is tried again. */
    static final Duration PAUSE = Duration.ofSeconds(30);

    private final DataSource replica;
    private final DataSource primary;
    private volatile long retryAt = System.nanoTime();
    private volatile boolean down;

    ReplicaFallback(DataSource replica, DataSource primary) {
        this.replica = replica;
        this.primary = primary;
    }

    DataSource replica() {
        return replica;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down && System.nanoTime() - retryAt < 0) {
            return primary.getConnection();
        }
        try {
            Connection connection = replica.getConnection();
            if (down) {
                down = false;
                log.info("The reporting replica answers again; reporting reads go to it");
            }
            return connection;
        } catch (SQLException e) {
            retryAt = System.nanoTime() + PAUSE.toNanos();
            if (!down) {
                log.warn(
                        "The reporting replica cannot be reached ({}); reporting reads go to the primary for {}",
                        e.getMessage(),
                        PAUSE);
            }
            down = true;
            return primary.getConnection();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("ReplicaFallback uses the pools' own credentials");
    }
}
