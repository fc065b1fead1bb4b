package org.lowcarbontogether.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.ledger.LedgerEntry;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's carbon account: balance and entries, each with the calculation that produced it. */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Account", description = "The caller's carbon account")
class AccountLedgerApiController {

    private final Ledger ledger;

    AccountLedgerApiController(Ledger ledger) {
        this.ledger = ledger;
    }

    record AccountResponse(
            UUID userId, long balanceGrams, BigDecimal balanceKg, long entryCount, List<EntryResponse> entries) {}

    record EntryResponse(
            UUID id,
            long sequence,
            String kind,
            long grams,
            @Nullable UUID recordId,
            String behaviour,
            String category,
            Instant occurredAt,
            Instant bookedAt,
            String methodologyCode,
            String methodologyVersion,
            Calculation.Credited provenance,
            String previousHash,
            String hash) {

        static EntryResponse of(LedgerEntry e) {
            return new EntryResponse(
                    e.id(),
                    e.sequence(),
                    e.kind().name(),
                    e.grams(),
                    e.recordId(),
                    e.behaviour(),
                    e.category(),
                    e.occurredAt(),
                    e.bookedAt(),
                    e.methodologyCode(),
                    e.methodologyVersion(),
                    e.provenance(),
                    e.previousHash(),
                    e.hash());
        }
    }

    @GetMapping
    @Operation(
            summary = "My carbon account",
            description = "Balance in grams CO2e and the newest entries (limit 1–1000, default 100), newest first.")
    AccountResponse account(@AuthenticationPrincipal Actor me, @RequestParam(defaultValue = "100") int limit) {
        var statement = ledger.statement(me.id(), limit);
        return new AccountResponse(
                me.id(),
                statement.balance().grams(),
                statement.balance().kilograms(),
                statement.entryCount(),
                statement.entries().stream().map(EntryResponse::of).toList());
    }
}
