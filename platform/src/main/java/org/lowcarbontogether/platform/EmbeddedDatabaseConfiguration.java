package org.lowcarbontogether.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL 17 (zonky binaries, run in a user namespace so it works as root too) when no database
 * URL is configured. Data lives in {@code lct.database.data-dir} and survives restarts; a blank data dir gives a
 * throw-away database, as tests use.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DatabaseProperties properties) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops the server after everything that uses it (the bean's close), not a racing JVM hook.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        if (properties.settings() != null) {
            properties.settings().forEach(builder::setServerConfig);
        }
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        if (StringUtils.hasText(properties.dataDir())) {
            // zonky turns synchronous_commit off for speed; data kept between runs gets PostgreSQL's full durability.
            builder.setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on");
            Path dataDir = Path.of(properties.dataDir()).toAbsolutePath();
            Files.createDirectories(dataDir.getParent());
            stopOrphanedServer(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            log.info("Embedded PostgreSQL keeps its data in {}", dataDir);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
        return postgres;
    }

    /** A Hikari pool on the embedded server; {@code spring.datasource.hikari.*} settings apply as usual. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password("")
                .build();
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    /**
     * A server left running by a JVM that was killed holds the data directory; stop it so this start can use it.
     * Only a process that is still alive and named postgres is stopped.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(orphan -> {
                    log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", orphan.pid());
                    orphan.destroy();
                    orphan.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
    }

    /** Matches when neither {@code spring.datasource.url} nor {@code DATABASE_URL} names a database. */
    static class NoDatabaseUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
