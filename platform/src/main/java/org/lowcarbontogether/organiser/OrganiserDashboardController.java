package org.lowcarbontogether.organiser;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.stories.Reach;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.ObjectMapper;

/**
 * What an organiser sees of their own organisations: an overview, and per community, campaign and event the
 * participants, behaviours, reduction, retention (7/30/90-day active, still active 30 and 90 days after joining,
 * streaks) and reach, with a daily chart and the tables behind it as CSV. Every object is checked against the
 * organiser's organisations (403 for another organisation's, 404 for none).
 */
@Controller
class OrganiserDashboardController {

    /** How far back the daily chart of a community goes. */
    static final int CHART_DAYS = 90;

    private final Organisations organisations;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Events events;
    private final Participation participation;
    private final Reach reach;
    private final ObjectMapper json;

    OrganiserDashboardController(
            Organisations organisations,
            Communities communities,
            Campaigns campaigns,
            Events events,
            Participation participation,
            Reach reach,
            ObjectMapper json) {
        this.organisations = organisations;
        this.communities = communities;
        this.campaigns = campaigns;
        this.events = events;
        this.participation = participation;
        this.reach = reach;
        this.json = json;
    }

    /** One organisation's groups with their headline figures. */
    record OrganisationView(
            Organisations.Organisation organisation,
            List<Row> communities,
            List<Row> campaigns,
            List<Events.Event> events,
            Reach.Figures reach) {}

    record Row(UUID id, String name, Participation.Metrics metrics) {}

    @GetMapping("/organiser")
    String overview(@AuthenticationPrincipal Actor me, Model model) {
        LocalDate today = participation.today();
        model.addAttribute(
                "organisations",
                organisations.organisedBy(me.id()).stream()
                        .map(o -> new OrganisationView(
                                o,
                                communities.ofOrganisation(o.id()).stream()
                                        .map(c -> new Row(
                                                c.id(), c.name(), participation.metrics(Scope.community(c.id()))))
                                        .toList(),
                                campaigns.ofOrganisation(o.id()).stream()
                                        .map(c -> new Row(
                                                c.id(), c.name(), participation.metrics(Scope.campaign(c.id()))))
                                        .toList(),
                                events.ofOrganisation(o.id()),
                                reach.of(null, null, o.id(), LocalDate.of(2000, 1, 1), today)))
                        .toList());
        return "organiser/overview";
    }

    @GetMapping("/organiser/communities/{id}")
    String community(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var community = communities.manageable(me, id);
        LocalDate today = participation.today();
        var scope = Scope.community(id);
        model.addAttribute("kind", "communities");
        model.addAttribute("name", community.name());
        model.addAttribute("publicPage", "/communities/" + id);
        model.addAttribute("id", id);
        model.addAttribute("metrics", participation.metrics(scope));
        model.addAttribute("reach", reach.of(id, null, null, LocalDate.of(2000, 1, 1), today));
        model.addAttribute(
                "series", json.writeValueAsString(participation.daily(scope, today.minusDays(CHART_DAYS - 1), today)));
        model.addAttribute("goals", List.of());
        model.addAttribute("events", events.ofCommunity(id));
        return "organiser/group";
    }

    @GetMapping("/organiser/campaigns/{id}")
    String campaign(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var campaign = campaigns.manageable(me, id);
        var scope = Scope.campaign(id);
        model.addAttribute("kind", "campaigns");
        model.addAttribute("name", campaign.name());
        model.addAttribute("publicPage", "/campaigns/" + id);
        model.addAttribute("id", id);
        var progress = campaigns.progress(id);
        model.addAttribute("metrics", progress.metrics());
        model.addAttribute("goals", progress.goals());
        model.addAttribute("reach", reach.of(null, id, null, campaign.startsOn(), participation.today()));
        model.addAttribute(
                "series", json.writeValueAsString(participation.daily(scope, campaign.startsOn(), chartEnd(campaign))));
        model.addAttribute("events", List.of());
        return "organiser/group";
    }

    @GetMapping("/organiser/events/{id}")
    String event(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var event = events.manageable(me, id);
        var attendees = events.attendance(me, id);
        model.addAttribute("event", event);
        model.addAttribute("attendees", attendees);
        model.addAttribute(
                "credited",
                attendees.stream()
                        .filter(a -> "CREDITED".equals(a.creditStatus()))
                        .count());
        model.addAttribute(
                "creditedGrams",
                attendees.stream()
                        .mapToLong(a -> a.creditedGrams() == null ? 0 : a.creditedGrams())
                        .sum());
        return "organiser/event";
    }

    @GetMapping("/organiser/{kind:communities|campaigns}/{id}/daily.csv")
    ResponseEntity<byte[]> daily(@AuthenticationPrincipal Actor me, @PathVariable String kind, @PathVariable UUID id)
            throws IOException {
        LocalDate today = participation.today();
        List<Participation.Day> days;
        if (kind.equals("communities")) {
            communities.manageable(me, id);
            days = participation.daily(Scope.community(id), today.minusDays(CHART_DAYS - 1), today);
        } else {
            var campaign = campaigns.manageable(me, id);
            days = participation.daily(Scope.campaign(id), campaign.startsOn(), chartEnd(campaign));
        }
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader("day", "behaviours", "reduction_grams", "active_participants")
                        .get())) {
            for (var d : days) {
                csv.printRecord(d.day(), d.behaviours(), d.grams(), d.activeParticipants());
            }
        }
        return csv(kind + "-" + id + "-daily.csv", out);
    }

    @GetMapping("/organiser/{kind:communities|campaigns}/{id}/members.csv")
    ResponseEntity<byte[]> members(@AuthenticationPrincipal Actor me, @PathVariable String kind, @PathVariable UUID id)
            throws IOException {
        Scope scope;
        if (kind.equals("communities")) {
            communities.manageable(me, id);
            scope = Scope.community(id);
        } else {
            campaigns.manageable(me, id);
            scope = Scope.campaign(id);
        }
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "name",
                                "joined_at",
                                "left_at",
                                "team_id",
                                "behaviours",
                                "reduction_grams",
                                "last_active")
                        .get())) {
            for (var m : participation.members(scope)) {
                csv.printRecord(
                        CsvCells.safe(m.name()),
                        m.joinedAt(),
                        m.leftAt(),
                        m.teamId(),
                        m.behaviours(),
                        m.grams(),
                        m.lastActive());
            }
        }
        return csv(kind + "-" + id + "-members.csv", out);
    }

    private LocalDate chartEnd(Campaigns.Campaign campaign) {
        LocalDate today = participation.today();
        LocalDate end = campaign.endsOn().isBefore(today) ? campaign.endsOn() : today;
        return end.isBefore(campaign.startsOn()) ? campaign.startsOn() : end;
    }

    private static ResponseEntity<byte[]> csv(String filename, StringWriter out) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
