package org.lowcarbontogether.stories.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.stories.Reach;
import org.lowcarbontogether.stories.Stories;
import org.lowcarbontogether.stories.Stories.Story;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stories: read (anyone, once published), write (participants), moderate (organisers and reviewers), count reach. */
@RestController
@RequestMapping("/api/v1/stories")
@Tag(name = "Stories", description = "The public narration of low-carbon consumption")
class StoryApiController {

    record NewStory(@Nullable String title, @Nullable String body) {}

    record Decision(boolean publish, @Nullable String note) {}

    record Counted(boolean counted, long views, long shares) {}

    private final Stories stories;
    private final Reach reach;

    StoryApiController(Stories stories, Reach reach) {
        this.stories = stories;
        this.reach = reach;
    }

    @GetMapping
    @Operation(summary = "Published stories, newest first; optionally of one community or campaign")
    List<Story> published(
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign,
            @RequestParam(defaultValue = "50") int limit) {
        return stories.published(community, campaign, Math.clamp(limit, 1, 200));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A story: published, or the caller's own, or one the caller moderates (404 otherwise)")
    Story one(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        return stories.visible(me, id);
    }

    @PostMapping
    @Operation(
            summary = "Submit a story for moderation",
            description =
                    "Stories linked to a community or campaign are posted there: POST /api/v1/communities/{id}/stories, "
                            + "POST /api/v1/campaigns/{id}/stories. Add photos with POST /api/v1/stories/{id}/photos.")
    ResponseEntity<Story> submit(@AuthenticationPrincipal Actor me, @RequestBody NewStory body) {
        Story story = stories.submit(me, body.title(), body.body(), Stories.Link.NONE, List.of());
        return ResponseEntity.created(URI.create("/api/v1/stories/" + story.id()))
                .body(story);
    }

    @PostMapping(
            path = "/{id}/photos",
            consumes = {MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE
            })
    @Operation(
            summary =
                    "Add a photo (JPEG or PNG, at most 5 MB, 64–8,000 px a side) to the caller's story awaiting moderation",
            description = "The content is checked, not the declared type; photos are re-encoded without metadata.")
    Story photo(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody byte[] photo) {
        return stories.addPhoto(me, id, photo);
    }

    @GetMapping("/{id}/photos/{photoId}")
    @Operation(summary = "A story's photo")
    ResponseEntity<byte[]> photo(
            @AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, @PathVariable UUID photoId) {
        return StoryPhotoResponse.of(stories.photo(me, id, photoId));
    }

    @GetMapping("/moderation")
    @Operation(summary = "Stories waiting for the caller's moderation")
    List<Story> queue(@AuthenticationPrincipal Actor me) {
        return stories.queue(me);
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "Publish or reject a story (a rejection needs a note for the author)")
    Story decide(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Decision body) {
        return stories.decide(me, id, body.publish(), body.note());
    }

    @PostMapping("/{id}/views")
    @Operation(
            summary = "Count a view of a published story (once per visitor per day)",
            description =
                    "Counted for a signed-in caller, or a browser whose visitor cookie the story page gave it at least "
                            + "three seconds before; anything else (no cookie, a forged one, a known bot) answers counted=false.")
    Counted view(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response) {
        return count(me, id, Reach.Kind.VIEW, request, response);
    }

    @PostMapping("/{id}/shares")
    @Operation(summary = "Count a share of a published story (once per visitor per day)")
    Counted share(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response) {
        return count(me, id, Reach.Kind.SHARE, request, response);
    }

    private Counted count(
            @Nullable Actor me, UUID id, Reach.Kind kind, HttpServletRequest request, HttpServletResponse response) {
        stories.visible(null, id);
        var visitor = Visitors.of(me, request, response, reach, false);
        boolean counted = visitor.key() != null && reach.count(id, kind, visitor.key());
        Story story = stories.visible(null, id);
        return new Counted(counted, story.views(), story.shares());
    }

    /** Photos go out with their stored type, never sniffed, and may be cached privately for a day. */
    static final class StoryPhotoResponse {
        static ResponseEntity<byte[]> of(Stories.StoredPhoto photo) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(photo.contentType()))
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                    .eTag("\"" + photo.sha256() + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline")
                    .body(photo.bytes());
        }
    }
}
