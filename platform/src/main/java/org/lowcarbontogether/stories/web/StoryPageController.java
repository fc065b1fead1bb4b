package org.lowcarbontogether.stories.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.stories.Reach;
import org.lowcarbontogether.stories.Stories;
import org.lowcarbontogether.stories.Stories.Story;
import org.lowcarbontogether.stories.StoryForms;
import org.lowcarbontogether.stories.StoryInput;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Public story pages (each visit counts as a view), the writing form, the author's list and the moderation queue. */
@Controller
class StoryPageController {

    private final Stories stories;
    private final Reach reach;
    private final ProblemWriter problems;
    private final StoryForms storyForms;

    StoryPageController(Stories stories, Reach reach, ProblemWriter problems, StoryForms storyForms) {
        this.storyForms = storyForms;
        this.stories = stories;
        this.reach = reach;
        this.problems = problems;
    }

    @GetMapping("/stories")
    String list(Model model) {
        model.addAttribute("stories", stories.published(null, null, 60));
        return "stories/list";
    }

    @GetMapping("/stories/{id}")
    String story(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Story story = stories.visible(me, id);
        if (story.status() == Stories.Status.PUBLISHED) {
            var visitor = Visitors.of(me, request, response, reach, true);
            if (visitor.key() != null && reach.count(id, Reach.Kind.VIEW, visitor.key())) {
                story = stories.visible(me, id);
            }
        }
        model.addAttribute("story", story);
        model.addAttribute("mayModerate", stories.mayModerate(me, story));
        model.addAttribute(
                "shareUrl",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/stories/{id}")
                        .buildAndExpand(id)
                        .toUriString());
        return "stories/story";
    }

    /** "Share": counts the share and shows the link to pass on. */
    @PostMapping("/stories/{id}/share")
    String share(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        stories.visible(null, id);
        var visitor = Visitors.of(me, request, response, reach, false);
        if (visitor.key() != null) {
            reach.count(id, Reach.Kind.SHARE, visitor.key());
        }
        redirect.addAttribute("shared", true);
        return "redirect:/stories/" + id;
    }

    @GetMapping("/stories/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(
            @AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, @PathVariable UUID photoId) {
        return StoryApiController.StoryPhotoResponse.of(stories.photo(me, id, photoId));
    }

    @GetMapping("/stories/new")
    String form(Model model) {
        return storyForms.show(model, "/stories/new", null, Map.of(), Map.of());
    }

    @PostMapping("/stories/new")
    String submit(
            @AuthenticationPrincipal Actor me,
            StoryInput input,
            @RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> photos,
            Model model,
            Locale locale) {
        return storyForms.submit(me, Stories.Link.NONE, "/stories/new", null, input.values(), photos, model, locale);
    }

    @GetMapping("/stories/mine")
    String mine(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("stories", stories.by(me.id()));
        return "stories/mine";
    }

    @GetMapping("/stories/moderation")
    String queue(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("stories", stories.queue(me));
        return "stories/moderation";
    }

    /** A moderator's decision; a busy platform is the error page too, not a problem with the story. */
    @PostMapping("/stories/{id}/decision")
    String decide(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam String decision,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(
                        () -> stories.decide(me, id, "publish".equals(decision), note),
                        e -> e.deniesAccess() || e.kind() == Refusal.Kind.BUSY)
                .ifPresentOrElse(
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)),
                        () -> redirect.addFlashAttribute("decided", id));
        return "redirect:/stories/moderation";
    }
}
