package org.lowcarbontogether.rides.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.MetroLines;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The metro and rail lines the programme office keeps for the track rule {@code RIDE_METRO}: the page under
 * {@code /admin/metro-lines} (programme officers and administrators only; the API is {@link MetroLineApiController}).
 */
@Controller
class MetroLineController {

    private final MetroLines lines;
    private final ProblemWriter problems;

    MetroLineController(MetroLines lines, ProblemWriter problems) {
        this.lines = lines;
        this.problems = problems;
    }

    @GetMapping("/admin/metro-lines")
    String page(@AuthenticationPrincipal Actor me, Model model) {
        return page(me, model, Map.of());
    }

    private String page(Actor me, Model model, Map<String, String> errors) {
        model.addAttribute("lines", lines.list(me));
        model.addAttribute("errors", errors);
        return "rides/metro-lines";
    }

    @PostMapping("/admin/metro-lines")
    String upload(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String city,
            @RequestParam(required = false) @Nullable MultipartFile file,
            Locale locale,
            Model model)
            throws IOException {
        try {
            var imported = lines.importGeoJson(me, city, name(file), bytes(file));
            return "redirect:/admin/metro-lines?imported=" + imported.lines().size() + "&skipped=" + imported.skipped();
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("city", city);
            return page(me, model, problems.fieldMessages(refusal, locale));
        }
    }

    @PostMapping("/admin/metro-lines/{id}/delete")
    String deleteFromPage(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        lines.delete(me, id);
        return "redirect:/admin/metro-lines?deleted";
    }

    static @Nullable String name(@Nullable MultipartFile file) {
        return file == null ? null : file.getOriginalFilename();
    }

    static byte @Nullable [] bytes(@Nullable MultipartFile file) throws IOException {
        return file == null || file.isEmpty() ? null : file.getBytes();
    }
}
