package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Which client reporting reads get, without a database: the pools are made but never asked for a connection here. */
class ReportingReadsTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Primary.class, ReplicaConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReplicaProperties.class)
    static class Primary {
        @Bean(destroyMethod = "")
        DataSource dataSource() {
            return new HikariDataSource();
        }

        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            return JdbcClient.create(dataSource);
        }
    }

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
    }

    @Test
    void withoutAReplicaUrlEveryReadIsOnThePrimary() {
        context.run(app -> {
            var reads = app.getBean(ReportingReads.class);
            assertThat(reads.fromReplica()).isFalse();
            assertThat(reads.jdbc()).isSameAs(app.getBean(JdbcClient.class));
        });
    }

    @Test
    void aReplicaUrlSendsReadsToTheReplicasOwnClient() {
        context.withPropertyValues("lct.datasource.replica-url=jdbc:postgresql://127.0.0.1:1/replica")
                .run(app -> {
                    var reads = app.getBean(ReportingReads.class);
                    assertThat(reads.fromReplica()).isTrue();
                    assertThat(reads.jdbc()).isNotSameAs(app.getBean(JdbcClient.class));
                    assertThat(app.getBeansOfType(DataSource.class)).hasSize(1);
                });
    }

    @Test
    void insideAReadWriteTransactionReadsAreOnThePrimaryAndInAReadOnlyOneOnTheReplica() {
        context.withPropertyValues("lct.datasource.replica-url=jdbc:postgresql://127.0.0.1:1/replica")
                .run(app -> {
                    var reads = app.getBean(ReportingReads.class);
                    TransactionSynchronizationManager.setActualTransactionActive(true);
                    assertThat(reads.jdbc()).isSameAs(app.getBean(JdbcClient.class));
                    TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
                    assertThat(reads.jdbc()).isNotSameAs(app.getBean(JdbcClient.class));
                });
    }
}
