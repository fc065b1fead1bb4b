package org.lowcarbontogether.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where read-only reporting queries go — dashboards, the public impact figures and the open data: the streaming
 * replica named by {@code lct.datasource.replica-url} when one is configured, the primary otherwise.
 * <p>
 * A replica lags the primary by its replication delay, so its figures may be that much behind; nothing a person must
 * see right after writing it (their own account, statement, records) is read here. Inside a read-write transaction
 * {@link #jdbc()} answers the primary's client, which joins that transaction and sees its writes; otherwise the
 * replica's, which never joins a transaction of the primary (its connections come from a pool of their own). While the
 * replica cannot be reached, its queries go to the primary ({@link ReplicaFallback}).
 */
public final class ReportingReads implements AutoCloseable {

    private final JdbcClient primary;
    private final @Nullable JdbcClient replica;
    private final @Nullable DataSource replicaSource;

    private ReportingReads(JdbcClient primary, @Nullable DataSource replicaSource) {
        this.primary = primary;
        this.replicaSource = replicaSource;
        this.replica = replicaSource == null ? null : JdbcClient.create(replicaSource);
    }

    /**
     * Reads on the replica the properties name — a small read-only pool of its own, closed with this object — or, when
     * they name none, on the primary ({@code primary} is the primary's client, {@code primarySource} its pool, whose
     * credentials the replica's default to and whose connections stand in while the replica cannot be reached).
     */
    public static ReportingReads of(ReplicaProperties properties, JdbcClient primary, DataSource primarySource) {
        String url = properties.replicaUrl();
        if (url == null || url.isBlank()) {
            return new ReportingReads(primary, null);
        }
        return new ReportingReads(
                primary, new ReplicaFallback(replicaPool(properties, url, primarySource), primarySource));
    }

    private static HikariDataSource replicaPool(ReplicaProperties properties, String url, DataSource primary) {
        String username = properties.replicaUsername();
        String password = properties.replicaPassword();
        if ((username == null || username.isBlank()) && primary instanceof HikariDataSource hikari) {
            username = hikari.getUsername();
            password = hikari.getPassword();
        }
        var pool = new HikariDataSource();
        pool.setPoolName("reporting-replica");
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password == null ? "" : password);
        pool.setReadOnly(true);
        // PgJDBC makes a read-only connection read-only in autocommit too only in this mode (by default only inside
        // transactions it begins): a write on this pool is refused even where the replica would take it
        pool.addDataSourceProperty("readOnlyMode", "always");
        pool.setMaximumPoolSize(Math.max(1, properties.replicaPoolSize()));
        pool.setMinimumIdle(1);
        // a replica that is down answers within two seconds and the platform starts anyway; its reads go to the
        // primary meanwhile (ReplicaFallback)
        pool.setConnectionTimeout(2_000);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    /** The client for a reporting read now: the replica's, unless there is none or a read-write transaction is open. */
    public JdbcClient jdbc() {
        return replica == null || inWriteTransaction() ? primary : replica;
    }

    /** Whether {@link #jdbc()} answers from the replica now (when it is reachable). */
    public boolean fromReplica() {
        return replica != null && !inWriteTransaction();
    }

    private static boolean inWriteTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    @Override
    public void close() {
        if (replicaSource instanceof ReplicaFallback fallback
                && fallback.replica() instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }
}
