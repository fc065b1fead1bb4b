/**
 * The platform every module stands on: the database (embedded PostgreSQL when no URL is given), security chains,
 * languages, RFC 9457 problem responses and idempotent request handling. It depends on no business module.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        allowedDependencies = {"shared"})
@NullMarked
package org.lowcarbontogether.platform;

import org.jspecify.annotations.NullMarked;
