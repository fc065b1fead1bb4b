package org.lowcarbontogether.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets the current transaction commit without waiting for its WAL to reach the disk ({@code synchronous_commit = off}
 * for this transaction only). For event listeners that can be redone: their event publication was committed durably
 * with the change that published it, they are idempotent under redelivery, and PostgreSQL loses a crash's unflushed
 * commits as a suffix of the WAL — the listener's work together with its publication's completion — so the
 * publication is still outstanding after a restart and is delivered again. Nothing a client was told is lost. Each
 * group of records has four such listener transactions; waiting for each to be flushed cost a disk flush apiece.
 */
@Component
public class AsynchronousCommit {

    private final JdbcClient jdbc;

    AsynchronousCommit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void forThisTransaction() {
        jdbc.sql("set local synchronous_commit = off").update();
    }
}
