package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AsynchronousCommitIntegrationTests {

    @Autowired
    AsynchronousCommit asynchronousCommit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    String setting() {
        return jdbc.sql("show synchronous_commit").query(String.class).single();
    }

    @Test
    void onlyTheCurrentTransactionCommitsWithoutWaitingForTheDisk() {
        var template = new TransactionTemplate(transactions);
        String before = template.execute(status -> setting());

        String inside = template.execute(status -> {
            jdbc.sql("set local synchronous_commit = on").update();
            asynchronousCommit.forThisTransaction();
            return setting();
        });

        String after = template.execute(status -> setting());

        assertThat(inside).isEqualTo("off");
        assertThat(after).as("the next transaction on the pool").isEqualTo(before);
    }

    @Test
    void thereMustBeATransaction() {
        assertThatThrownBy(() -> asynchronousCommit.forThisTransaction()).isInstanceOf(IllegalTransactionStateException.class);
    }
}
