package org.lowcarbontogether.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A streaming replica of the primary database for read-only reporting queries ({@link ReportingReads}).
 *
 * @param replicaUrl JDBC URL of the replica; blank: every query goes to the primary
 * @param replicaUsername the replica's user; blank: the primary's
 * @param replicaPassword the replica's password; blank (with a blank user): the primary's
 * @param replicaPoolSize connections in the replica's pool
 */
@ConfigurationProperties("lct.datasource")
public record ReplicaProperties(
        @Nullable String replicaUrl,
        @Nullable String replicaUsername,
        @Nullable String replicaPassword,
        @DefaultValue("4") int replicaPoolSize) {}
