package org.lowcarbontogether.platform;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ReportingReads}: a second, small, read-only Hikari pool on {@code lct.datasource.replica-url} when it is set
 * (credentials default to the primary's), the primary otherwise. The replica's pool is not a {@link DataSource} bean,
 * so the primary stays the application's only data source (Flyway, transactions, Spring Data JDBC).
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplicaConfiguration.class);

    /** Closed with the context (its close method is inferred): the replica's pool with it. */
    @Bean
    ReportingReads reportingReads(JdbcClient jdbc, DataSource dataSource, ReplicaProperties properties) {
        var reads = ReportingReads.of(properties, jdbc, dataSource);
        if (reads.fromReplica()) {
            log.info("Reporting reads go to the replica at {}", properties.replicaUrl());
        }
        return reads;
    }
}
