package org.lowcarbontogether.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.AwardPlans;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantAgreements;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.grants.ReportingCycle;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.stereotype.Component;

/**
 * The grant cycle on the demo's funded projects: each gets planned outputs (so the portfolio shows on track, at risk
 * and behind), a report schedule (an interim report due soon, a final one at the end) with the second tranche waiting
 * for the final report, a grant agreement with a small signed PDF, and one reach item reported off the platform —
 * accepted on the first project, waiting for review on the others.
 */
@Component
class DemoGrantCycle {

    private static final byte[] AGREEMENT = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
                    + "% Demo grant agreement, signed by both parties.\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final Programmes programmes;
    private final Awards awards;
    private final AwardPlans plans;
    private final ReportingCycle cycle;
    private final GrantAgreements agreements;
    private final ReportedOutputs reported;
    private final Registration users;
    private final Clock clock;

    DemoGrantCycle(
            Programmes programmes,
            Awards awards,
            AwardPlans plans,
            ReportingCycle cycle,
            GrantAgreements agreements,
            ReportedOutputs reported,
            Registration users,
            Clock clock) {
        this.programmes = programmes;
        this.awards = awards;
        this.plans = plans;
        this.cycle = cycle;
        this.agreements = agreements;
        this.reported = reported;
        this.users = users;
        this.clock = clock;
    }

    void create() {
        var officer = users.actor(DemoGrants.OFFICER_EMAIL).orElse(null);
        var organiser = users.actor(DemoData.ORGANISER_EMAIL).orElse(null);
        if (officer == null || organiser == null) {
            return;
        }
        LocalDate today = ProgrammeCalendar.today(clock);
        for (var programme : programmes.all()) {
            if (!programmes.isOfficer(officer, programme.id())) {
                continue;
            }
            var projects = awards.ofProgramme(programme.id());
            for (int i = 0; i < projects.size(); i++) {
                cycle(officer, organiser, projects.get(i), i, today);
            }
        }
    }

    private void cycle(Actor officer, Actor organiser, Awards.Project project, int index, LocalDate today) {
        // Targets of different ambition, so the portfolio has each status to show.
        long scale = 1L + index;
        plans.set(officer, project.id(), "BEHAVIOURS", 300 * scale, project.endsOn());
        plans.set(officer, project.id(), "PARTICIPANTS", 40 * scale, project.endsOn());
        plans.set(officer, project.id(), "REDUCTION_KG", 500 * scale, project.endsOn());
        plans.set(officer, project.id(), "TRAININGS", 2L, project.endsOn());
        plans.propose(organiser, project.id(), "REACH", 5_000 * scale, project.endsOn());
        cycle.add(officer, project.id(), "INTERIM", today.plusDays(5 + index));
        cycle.add(officer, project.id(), "FINAL", project.endsOn());
        if (project.tranches().size() > 1) {
            cycle.trancheAfter(officer, project.id(), project.tranches().size(), 2);
        }
        agreements.record(
                officer,
                project.id(),
                project.startsOn(),
                project.amountFen(),
                "CNY",
                "Interim report before the second half of the grant; the final report within 30 days of the end.",
                new Applications.Upload("grant-agreement.pdf", AGREEMENT));
        var item = reported.report(
                organiser,
                project.id(),
                new ReportedOutputs.Form(
                        "MEDIA_ARTICLE",
                        "A feature in the city evening paper about " + project.title(),
                        8_000L,
                        today.minusDays(10),
                        "The paper's stated circulation on the day",
                        "https://example.org/demo/news/" + (index + 1)),
                null);
        if (index == 0) {
            reported.review(officer, item.id(), "ACCEPTED", null);
        }
    }
}
