package org.lowcarbontogether.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every instance that a person's tokens, password or roles changed, so what each instance remembers of them
 * (checked tokens, session validity) is forgotten within a second: PostgreSQL's NOTIFY, sent in the transaction that
 * made the change (delivered when it commits), and a LISTEN on one connection per instance. An instance whose listening
 * connection is lost forgets everything once it listens again, since it may have missed changes meanwhile.
 */
@Component
class AccountChanges implements SmartLifecycle {

    static final String CHANNEL = "lct_account_changed";
    private static final Logger log = LoggerFactory.getLogger(AccountChanges.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final List<Consumer<@Nullable UUID>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private @Nullable Thread thread;

    AccountChanges(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Registers what to forget when a person changes ({@code null}: everyone, after a gap in listening). */
    void onChange(Consumer<@Nullable UUID> listener) {
        listeners.add(listener);
    }

    /** A person's tokens, password or roles changed: this instance forgets now and after commit, the others on commit. */
    void changed(UUID userId) {
        jdbc.sql("select pg_notify(:channel, :id)")
                .param("channel", CHANNEL)
                .param("id", userId.toString())
                .query(String.class)
                .list();
        tell(userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    tell(userId);
                }
            });
        }
    }

    private void tell(@Nullable UUID userId) {
        listeners.forEach(l -> l.accept(userId));
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("account-changes").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (!first) {
                    tell(null);
                }
                first = false;
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            tell(UUID.fromString(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for account changes failed; listening again in a second", e);
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
