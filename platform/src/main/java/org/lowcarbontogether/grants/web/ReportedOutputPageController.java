package org.lowcarbontogether.grants.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ReportedOutputs;
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

/** Off-platform outputs on the project page: the grantee reports with evidence, a reviewer accepts or queries. */
@Controller
class ReportedOutputPageController {

    private final ReportedOutputs outputs;
    private final FormActions actions;

    ReportedOutputPageController(ReportedOutputs outputs, FormActions actions) {
        this.outputs = outputs;
        this.actions = actions;
    }

    @PostMapping("/projects/{id}/reported-outputs")
    String report(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable Long quantity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate occurredOn,
            @RequestParam(required = false) @Nullable String method,
            @RequestParam(required = false) @Nullable String evidenceLink,
            @RequestParam(required = false) @Nullable MultipartFile evidence,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        var upload = AgreementPageController.upload(evidence);
        var form = new ReportedOutputs.Form(kind, description, quantity, occurredOn, method, evidenceLink);
        return actions.act(
                "/projects/" + id + "#reported-outputs", redirect, locale, () -> outputs.report(me, id, form, upload));
    }

    @PostMapping("/reported-outputs/{id}/review")
    String review(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam UUID project,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String question,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/projects/" + project + "#reported-outputs",
                redirect,
                locale,
                () -> outputs.review(me, id, decision, question));
    }

    @PostMapping("/reported-outputs/{id}/answer")
    String answer(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam UUID project,
            @RequestParam(required = false) @Nullable String answer,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/projects/" + project + "#reported-outputs", redirect, locale, () -> outputs.answer(me, id, answer));
    }

    /** The evidence, always as a download of its cleaned name, never rendered by the browser. */
    @GetMapping("/reported-outputs/{id}/evidence")
    ResponseEntity<byte[]> evidence(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var file = outputs.evidence(me, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
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
