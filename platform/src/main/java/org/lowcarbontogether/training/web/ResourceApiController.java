package org.lowcarbontogether.training.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.training.Courses;
import org.lowcarbontogether.training.Resources;
import org.lowcarbontogether.training.Resources.Resource;
import org.lowcarbontogether.training.Resources.ResourceForm;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The resource library: search (anyone), submit (organisers, officers), review (officers). */
@RestController
@RequestMapping("/api/v1/resources")
@Tag(name = "Training", description = "The resource library")
class ResourceApiController {

    record Review(boolean publish) {}

    private final Resources resources;

    ResourceApiController(Resources resources) {
        this.resources = resources;
    }

    @GetMapping
    @Operation(summary = "Published resources matching the words, kind, audience and language; most opened first")
    List<Resource> search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) Resources.@Nullable Kind kind,
            @RequestParam(required = false) Courses.@Nullable Audience audience,
            @RequestParam(required = false) @Nullable String language) {
        return resources.search(q, kind, audience, language);
    }

    @PostMapping
    @Operation(summary = "Add a resource: published at once by officers, waiting for review from organisers")
    ResponseEntity<Resource> submit(@AuthenticationPrincipal Actor me, @RequestBody ResourceForm body) {
        Resource resource = resources.submit(me, body);
        return ResponseEntity.created(URI.create("/api/v1/resources/" + resource.id()))
                .body(resource);
    }

    @GetMapping("/review")
    @Operation(summary = "Submissions waiting for review (officers)")
    List<Resource> waiting(@AuthenticationPrincipal Actor me) {
        return resources.waiting(me);
    }

    @PostMapping("/{id}/review")
    @Operation(summary = "Publish or reject a submission (officers)")
    Resource review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Review body) {
        return resources.review(me, id, body.publish());
    }
}
