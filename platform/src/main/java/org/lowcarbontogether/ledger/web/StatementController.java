package org.lowcarbontogether.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.ledger.Statements;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Statements (CSV with hashes, PDF) and the verification of a person's hash chain — for the API and the account page. */
@RestController
@Tag(name = "Account", description = "The caller's carbon account")
class StatementController {

    private final Statements statements;
    private final Ledger ledger;
    private final Clock clock;

    StatementController(Statements statements, Ledger ledger, Clock clock) {
        this.statements = statements;
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/api/v1/account/verify")
    @Operation(
            summary = "Verify my ledger",
            description = "Recomputes the hash chain and the balance from the stored entries.")
    Ledger.Verification verify(@AuthenticationPrincipal AuthenticatedUser me) {
        return ledger.verify(me.id());
    }

    @GetMapping({"/api/v1/account/statement", "/account/statement"})
    @Operation(
            summary = "My statement for a period",
            description =
                    "format=csv (with the hashes a third party needs to verify the chain) or pdf. Dates are days in China Standard Time; default: the current year.")
    ResponseEntity<byte[]> statement(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "csv") String format,
            Locale locale) {
        LocalDate today = ProgrammeCalendar.today(clock);
        LocalDate start = from == null ? today.withDayOfYear(1) : from;
        LocalDate end = to == null ? today : to;
        if (end.isBefore(start)) {
            throw Refusal.invalid("statement-period", "to", start, end);
        }
        var period = statements.period(me.id(), start, end);
        String name = "carbon-statement-" + start + "-" + end;
        return switch (format) {
            case "pdf" ->
                ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(name + ".pdf")
                                        .build()
                                        .toString())
                        .body(statements.pdf(period, me.displayName(), locale));
            case "csv" ->
                ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(name + ".csv")
                                        .build()
                                        .toString())
                        .body(statements.csv(period).getBytes(StandardCharsets.UTF_8));
            default -> throw Refusal.invalid("statement-format", "format", format);
        };
    }
}
