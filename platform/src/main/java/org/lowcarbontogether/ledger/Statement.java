package org.lowcarbontogether.ledger;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.shared.CarbonQuantity;

/** A person's balance and their most recent ledger entries, newest first. */
public record Statement(UUID userId, CarbonQuantity balance, long entryCount, List<LedgerEntry> entries) {}
