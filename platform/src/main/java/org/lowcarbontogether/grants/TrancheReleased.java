package org.lowcarbontogether.grants;

import java.time.LocalDate;
import java.util.UUID;

/** An officer recorded a funded project's tranche as paid. */
public record TrancheReleased(
        UUID projectId, UUID organisationId, String projectTitle, int position, long amountFen, LocalDate paidOn) {}
