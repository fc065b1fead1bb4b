package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.GrantAgreements;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** An award's grant agreement over the API; its document is downloaded from the project page's link. */
@RestController
@RequestMapping("/api/v1/awards/{id}/agreement")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class AgreementApiController {

    private final GrantAgreements agreements;

    AgreementApiController(GrantAgreements agreements) {
        this.agreements = agreements;
    }

    @GetMapping
    @Operation(summary = "An award's grant agreement (grantee organisers, officers); 404 while none is recorded")
    GrantAgreements.Agreement agreement(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return agreements
                .agreement(me, id)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "agreement-unknown", "id", id));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Record (or correct) the grant agreement with its signed PDF (officers)",
            description =
                    "Multipart: signedOn, amountFen, currency (ISO 4217, default CNY), conditions, document (a PDF "
                            + "of at most 10 MB, checked by its first bytes).")
    GrantAgreements.Agreement record(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate signedOn,
            @RequestParam(required = false) @Nullable Long amountFen,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String conditions,
            @RequestParam(required = false) @Nullable MultipartFile document)
            throws IOException {
        return agreements.record(
                me, id, signedOn, amountFen, currency, conditions, AgreementPageController.upload(document));
    }
}
