package org.lowcarbontogether.recording.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Organisers load offline sheets — an event's sign-up list, a campus collection day — for their members. */
@Controller
class OrganiserImportPageController {

    private final Recording recording;
    private final Organisations organisations;
    private final ProblemWriter problems;

    OrganiserImportPageController(Recording recording, Organisations organisations, ProblemWriter problems) {
        this.recording = recording;
        this.organisations = organisations;
        this.problems = problems;
    }

    @GetMapping("/organiser/import")
    String form(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        return "recording/import";
    }

    @PostMapping("/organiser/import")
    String upload(
            @AuthenticationPrincipal Actor me,
            @RequestParam UUID organisationId,
            @RequestParam("file") MultipartFile file,
            Model model,
            Locale locale)
            throws IOException {
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            model.addAttribute("result", recording.ingestOrganiserSheet(me, organisationId, reader));
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
        }
        return "recording/import";
    }
}
