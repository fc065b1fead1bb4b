package org.lowcarbontogether.stories;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

/**
 * The "write a story" form wherever it appears — on its own, on a community's page, on a campaign's: showing it, and
 * submitting it with its photos, back to the form with messages next to its fields when something is wrong.
 */
@Component
public class StoryForms {

    private final Stories stories;
    private final ProblemWriter problems;

    StoryForms(Stories stories, ProblemWriter problems) {
        this.stories = stories;
        this.problems = problems;
    }

    /** The form posting to {@code action}; {@code context} names the community or campaign it is for, if any. */
    public String show(
            Model model,
            String action,
            @Nullable String context,
            Map<String, String> values,
            Map<String, String> errors) {
        model.addAttribute("action", action);
        model.addAttribute("context", context);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "stories/form";
    }

    /** Submits the story for moderation and goes to it, or shows the form again with what is wrong. */
    public String submit(
            Actor me,
            Stories.Link link,
            String action,
            @Nullable String context,
            Map<String, String> values,
            @Nullable List<MultipartFile> photos,
            Model model,
            Locale locale) {
        try {
            var story = stories.submit(me, values.get("title"), values.get("body"), link, Uploads.of(photos));
            return "redirect:/stories/" + story.id() + "?submitted=true";
        } catch (Refusal e) {
            return show(model, action, context, values, problems.fieldMessages(e, locale));
        }
    }
}
