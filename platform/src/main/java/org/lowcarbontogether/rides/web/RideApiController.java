package org.lowcarbontogether.rides.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.platform.Refusals;
import org.lowcarbontogether.rides.GroupRideMaps;
import org.lowcarbontogether.rides.PrivacyZones;
import org.lowcarbontogether.rides.RideMap;
import org.lowcarbontogether.rides.Rides;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The rides API: upload GPS files, read one's own rides and tracks, privacy zones, and the public riding map. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rides", description = "Rides from GPS files, privacy zones and the public riding map")
class RideApiController {

    private final Rides rides;
    private final PrivacyZones zones;
    private final RideMap map;
    private final GroupRideMaps groups;
    private final ProblemWriter problems;
    private final java.time.Clock clock;

    RideApiController(
            Rides rides,
            PrivacyZones zones,
            RideMap map,
            GroupRideMaps groups,
            ProblemWriter problems,
            java.time.Clock clock) {
        this.rides = rides;
        this.zones = zones;
        this.map = map;
        this.groups = groups;
        this.problems = problems;
        this.clock = clock;
    }

    @PostMapping(path = "/rides", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload rides", description = """
                    Multipart form: one or more 'files' (GPX 1.1, TCX or FIT; up to 20 files, 10 MB each, 50,000 points
                    and 24 hours a ride), 'vehicle' (BICYCLE, SHARED_BICYCLE, EBIKE) and 'replaced' (CAR, TAXI, BUS,
                    METRO, NOTHING). Each file is answered on its own, in order: its ride (status CREDITED, FLAGGED —
                    held with the rules named in 'reasons' —, REJECTED, REFUSED by a track rule or because the same
                    recording was credited before (DUPLICATE_TRACK), or NOT_CREDITED when no behaviour of the
                    methodology models the replaced trip yet), 'again' when the rider uploaded the same track before,
                    or its problem. A ride is credited with GPS evidence and claims 'claim:gps-track:<sha256>' — the
                    fingerprint of its points — so a partner reporting the same ride with that claim key is refused.""")
    ResponseEntity<Map<String, Object>> upload(
            @AuthenticationPrincipal Actor me,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "vehicle", required = false) @Nullable String vehicle,
            @RequestParam(name = "replaced", required = false) @Nullable String replaced)
            throws IOException {
        var outcomes = rides.upload(me, RideForms.uploads(files), RideForms.choices(vehicle, replaced));
        var answers = new ArrayList<Map<String, @Nullable Object>>();
        boolean any = false;
        for (var o : outcomes) {
            var answer = new LinkedHashMap<String, @Nullable Object>();
            answer.put("fileName", o.fileName());
            if (o.ride() != null) {
                any = true;
                answer.put("again", o.again());
                answer.put("ride", o.ride());
            } else {
                Refusal refusal = java.util.Objects.requireNonNull(o.refusal());
                var problem = problems.problem(
                        Refusals.status(refusal), refusal.code(), LocaleContextHolder.getLocale(), refusal.args());
                answer.put("problem", problem);
            }
            answers.add(answer);
        }
        return ResponseEntity.status(any ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT)
                .body(Map.of("rides", answers));
    }

    @GetMapping("/rides")
    @Operation(summary = "My rides, newest first")
    List<Rides.RideView> mine(@AuthenticationPrincipal Actor me) {
        return rides.mine(me);
    }

    @GetMapping("/rides/{id}")
    @Operation(summary = "One of my rides", description = "Another rider's ride is 404.")
    Rides.RideView ride(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return rides.ride(me, id);
    }

    @GetMapping("/rides/{id}/track")
    @Operation(
            summary = "The track of one of my rides, as GeoJSON",
            description = "Whole, for its rider; an empty line once the track was deleted. Another rider's is 404.")
    Map<String, Object> track(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return RideForms.lineString(rides.track(me, id));
    }

    @DeleteMapping("/rides/{id}/track")
    @Operation(summary = "Delete the stored track of one of my rides; the summary and the credit stay")
    Rides.RideView deleteTrack(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return rides.deleteTrack(me, id);
    }

    @GetMapping("/rides/privacy-zones")
    List<PrivacyZones.Zone> zones(@AuthenticationPrincipal Actor me) {
        return zones.of(me);
    }

    /** A privacy zone to add: a label, its centre and radius (100–2,000 m, 400 when not given). */
    record ZoneRequest(
            @Nullable String label,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable Integer radiusMetres) {}

    @PostMapping("/rides/privacy-zones")
    ResponseEntity<PrivacyZones.Zone> addZone(@AuthenticationPrincipal Actor me, @RequestBody ZoneRequest zone) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(zones.add(me, zone.label(), zone.lat(), zone.lon(), zone.radiusMetres()));
    }

    @DeleteMapping("/rides/privacy-zones/{id}")
    ResponseEntity<Void> removeZone(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        zones.remove(me, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/ride-map")
    @Operation(summary = "The public riding map", description = """
                    H3 cells (resolution 9) ridden through by at least 10 distinct riders in the months 'from'..'to'
                    (YYYY-MM, default: the last three months; at most 24) and optionally one time of day 'slot'
                    (NIGHT 0–6, MORNING 6–10, MIDDAY 10–16, EVENING 16–20, LATE 20–24, China Standard Time), as a
                    GeoJSON FeatureCollection of polygons with 'riders' and 'rides'. Cells with fewer riders are not
                    sent; the stretches inside riders' privacy zones are never counted. With 'community' or
                    'campaign' (an id; not both), the map of that group's current members only, with the same rule, and
                    the group named in 'group': for whoever may see the group's figures (403 otherwise).""")
    ResponseEntity<?> publicMap(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String slot,
            @RequestParam(required = false) @Nullable UUID community,
            @RequestParam(required = false) @Nullable UUID campaign,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) @Nullable String acceptEncoding) {
        var period = period(from, to, clock);
        var group = RideForms.group(community, campaign);
        if (group == null) {
            // The same for everyone and kept rendered (compressed too): revalidated by its entity tag (304 while
            // unchanged).
            var shown = map.publicMap(period[0], period[1], RideForms.slot(slot));
            var ok = ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .cacheControl(CacheControl.noCache().cachePublic())
                    .varyBy(HttpHeaders.ACCEPT_ENCODING);
            if (acceptEncoding != null && acceptEncoding.contains("gzip")) {
                return ok.eTag(shown.etag().replaceFirst("\"$", "-gzip\""))
                        .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                        .body(shown.gzipped());
            }
            return ok.eTag(shown.etag()).body(shown.geoJson());
        }
        return ResponseEntity.ok()
                .body(RideForms.cells(
                        groups.cells(me, group.kind(), group.id(), period[0], period[1], RideForms.slot(slot))));
    }

    static YearMonth[] period(@Nullable String from, @Nullable String to, java.time.Clock clock) {
        YearMonth now = YearMonth.from(ProgrammeCalendar.today(clock));
        try {
            YearMonth end = to == null || to.isBlank() ? now : YearMonth.parse(to.strip());
            YearMonth start = from == null || from.isBlank() ? end.minusMonths(2) : YearMonth.parse(from.strip());
            if (start.getYear() < 2000 || end.getYear() > 2100) {
                throw Refusal.invalid("map-period-invalid", "from", 24);
            }
            return new YearMonth[] {start, end};
        } catch (DateTimeException e) {
            throw Refusal.invalid("map-period-invalid", "from", 24);
        }
    }
}
