package org.lowcarbontogether.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live between runs; blank for a throw-away database (tests)
 * @param port the port to listen on; 0 picks a free one
 * @param settings PostgreSQL server settings (postgresql.conf names), e.g. {@code lct.database.settings.shared_buffers=512MB}
 */
@ConfigurationProperties("lct.database")
public record DatabaseProperties(
        @Nullable String dataDir, int port, java.util.@Nullable Map<String, String> settings) {}
