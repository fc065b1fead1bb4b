package org.lowcarbontogether.methodology;

import java.time.Instant;

/** A methodology version was published (or a published one retired): calculations now follow the new state. */
public record MethodologyPublished(String code, String version, String status, Instant at) {}
