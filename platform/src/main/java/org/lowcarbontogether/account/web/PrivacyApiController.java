package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AccountDeletion;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Consents;
import org.lowcarbontogether.account.DataExport;
import org.lowcarbontogether.account.PrivacyNotice;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's rights over their data through the API: copy it, delete the account, see and give consent. */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Account", description = "The caller's carbon account")
class PrivacyApiController {

    private final DataExport exports;
    private final AccountDeletion deletion;
    private final Consents consents;

    PrivacyApiController(DataExport exports, AccountDeletion deletion, Consents consents) {
        this.exports = exports;
        this.deletion = deletion;
        this.consents = consents;
    }

    @GetMapping("/export")
    @Operation(
            summary = "Download everything the platform holds about me",
            description =
                    "One ZIP: a README in the caller's language (Accept-Language), then for each kind of data a JSON and a "
                            + "CSV file (profile, records, ledger entries with their hashes, points, redemptions, stories, "
                            + "memberships, participation, consents, tokens without their secrets, …) and the photos of my "
                            + "stories. A few per hour: 429 with Retry-After beyond that.")
    ResponseEntity<Resource> export(@AuthenticationPrincipal AuthenticatedUser me, Locale locale) {
        return DataDownloads.archive(exports, me, locale);
    }

    record DeletionRequest(
            @Nullable String password, @Nullable Boolean keepPublishedStories) {}

    @DeleteMapping
    @Operation(
            summary = "Delete my account",
            description =
                    "Asks for the password (counted like a sign-in attempt). Erases my personal data: the email, name and "
                            + "password, tokens (this one too), sessions, memberships, invitations, photos; my ledger entries and "
                            + "records stay under the account's id as a pseudonym, so hash chains verify and programme totals do "
                            + "not change. Published stories are unpublished, or kept without my name when keepPublishedStories "
                            + "is true. 400 for a wrong password; 409 for the last organiser of an organisation; 204 when done.")
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestBody DeletionRequest request,
            HttpServletRequest http) {
        deletion.delete(
                me, http.getRemoteAddr(), request.password(), Boolean.TRUE.equals(request.keepPublishedStories()));
        return ResponseEntity.noContent().build();
    }

    record ConsentsResponse(String currentVersion, boolean acceptedCurrent, List<Consents.Consent> consents) {}

    @GetMapping("/consents")
    @Operation(
            summary = "My consents",
            description =
                    "The privacy notice's current version, whether I accepted it, and every acceptance, newest first.")
    ConsentsResponse myConsents(@AuthenticationPrincipal AuthenticatedUser me) {
        return new ConsentsResponse(PrivacyNotice.VERSION, consents.hasAcceptedCurrent(me.id()), consents.of(me.id()));
    }

    @PostMapping("/consents")
    @Operation(
            summary = "Accept the current privacy notice",
            description =
                    "Records that I accept the privacy notice's current version (/privacy); accepting it again changes nothing. "
                            + "The API works without it; pages ask for it on the next visit.")
    Consents.Consent accept(@AuthenticationPrincipal AuthenticatedUser me) {
        return consents.accept(me, Consents.How.CONSENT_API);
    }
}
