package org.lowcarbontogether.grants.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.GrantAgreements;
import org.lowcarbontogether.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grant agreement on the project page: an officer records it with its signed PDF; the grantee downloads it. */
@Controller
class AgreementPageController {

    private final GrantAgreements agreements;
    private final FormActions actions;

    AgreementPageController(GrantAgreements agreements, FormActions actions) {
        this.agreements = agreements;
        this.actions = actions;
    }

    @PostMapping("/projects/{id}/agreement")
    String record(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate signedOn,
            @RequestParam(required = false) @Nullable BigDecimal amountYuan,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String conditions,
            @RequestParam(required = false) @Nullable MultipartFile document,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        var upload = upload(document);
        Long fen = amountYuan == null || amountYuan.stripTrailingZeros().scale() > 2 ? null : Money.fen(amountYuan);
        return actions.act(
                "/projects/" + id + "#agreement",
                redirect,
                locale,
                () -> agreements.record(me, id, signedOn, fen, currency, conditions, upload));
    }

    static Applications.@Nullable Upload upload(@Nullable MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            return null;
        }
        String name = file.getOriginalFilename();
        return new Applications.Upload(name == null ? "agreement.pdf" : name, file.getBytes());
    }

    /** The signed document, always as a download of its cleaned name. */
    @GetMapping("/projects/{id}/agreement/document")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var file = agreements.document(me, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(file.bytes());
    }
}
