package org.lowcarbontogether.account;

import java.time.Instant;
import java.util.UUID;

/** A person created an account. */
public record UserRegistered(UUID userId, Instant registeredAt) {}
