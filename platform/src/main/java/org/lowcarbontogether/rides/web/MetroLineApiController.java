package org.lowcarbontogether.rides.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.rides.MetroLines;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The metro and rail lines per city, for the track rule {@code RIDE_METRO}: programme officers and administrators. */
@RestController
@Tag(name = "Metro lines", description = "Metro and rail lines per city, for the track rule RIDE_METRO")
class MetroLineApiController {

    private final MetroLines lines;

    MetroLineApiController(MetroLines lines) {
        this.lines = lines;
    }

    @GetMapping("/api/v1/admin/metro-lines")
    @Operation(summary = "Every metro or rail line, by city and name")
    List<MetroLines.Line> list(@AuthenticationPrincipal Actor me) {
        return lines.list(me);
    }

    @PostMapping(path = "/api/v1/admin/metro-lines", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a city's lines from GeoJSON", description = """
                    Multipart form: 'city' and 'file', a GeoJSON FeatureCollection (or a Feature, or a bare geometry)
                    of LineStrings and MultiLineStrings, each named by its 'name' property (or 'name:zh', 'name:en',
                    'ref'); other features (stations) are left out and counted as 'skipped'. Up to 5 MB, 100 lines,
                    20,000 points a line. Nothing is imported when anything is wrong: 400 with every problem named.""")
    ResponseEntity<MetroLines.Imported> importLines(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String city,
            @RequestParam(required = false) @Nullable MultipartFile file)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(lines.importGeoJson(me, city, MetroLineController.name(file), MetroLineController.bytes(file)));
    }

    @DeleteMapping("/api/v1/admin/metro-lines/{id}")
    @Operation(summary = "Delete a line (rides judged before keep their reasons)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        lines.delete(me, id);
        return ResponseEntity.noContent().build();
    }
}
