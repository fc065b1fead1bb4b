package org.lowcarbontogether.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo's grant programme: a programme office with an officer, an open call, four applications — three reviewed and
 * funded, their projects linked to the demo communities and campaigns, one still under review — and a milestone report.
 */
@Component
class DemoGrants {

    static final String OFFICER_EMAIL = "officer@" + DemoData.DOMAIN;

    private final Registration registration;
    private final Organisations organisations;
    private final Programmes programmes;
    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;
    private final GranteeReports reports;
    private final Registration users;
    private final Clock clock;
    private final String adminEmail;

    DemoGrants(
            Registration registration,
            Organisations organisations,
            Programmes programmes,
            GrantCalls calls,
            Applications applications,
            Reviews reviews,
            Awards awards,
            GranteeReports reports,
            Registration users,
            Clock clock,
            @Value("${lct.admin.email:}") String adminEmail) {
        this.registration = registration;
        this.organisations = organisations;
        this.programmes = programmes;
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
        this.reports = reports;
        this.users = users;
        this.clock = clock;
        this.adminEmail = adminEmail;
    }

    private Actor user(String email) {
        return users.actor(email).orElseThrow();
    }

    /** Needs the administrator (lct.admin.*), who creates programmes; without one the demo has no programme. */
    void create(
            Organisation campus,
            Organisation cycling,
            Organisation ngo,
            Organisation employer,
            DemoGroups.Groups groups) {
        if (adminEmail.isBlank() || !registration.isRegistered(adminEmail)) {
            return;
        }
        var admin = user(adminEmail);
        registration.register(
                new Registration.SignUp(OFFICER_EMAIL, "Zhou Min (programme officer)", DemoData.PASSWORD),
                EnumSet.of(Role.PARTICIPANT));
        var office = organisations.create("Low Carbon Together Programme Office", Organisations.Kind.COALITION);
        var programme = programmes.create(
                admin,
                "Low-carbon consumption small grants 2026",
                "Small grants for NGOs, campus associations and communities that help people record and keep up low-carbon "
                        + "behaviours, with training for grantees and reporting from live data.",
                office.id());
        programmes.appointOfficer(admin, programme.id(), OFFICER_EMAIL);
        var officer = user(OFFICER_EMAIL);
        LocalDate today = ProgrammeCalendar.today(clock);
        var call = calls.create(
                officer,
                programme.id(),
                new GrantCalls.CallForm(
                        "2026 call: communities that keep low-carbon habits",
                        "Projects that run communities, campaigns and events in which people record low-carbon behaviours and keep them up.",
                        List.of("DAILY_RECORDING", "GREEN_GRADUATION", "RIDING", "COMMUNITIES"),
                        "Registered NGOs, campus associations, "
                                + "employers and neighbourhood communities in mainland China.",
                        60_000_000L,
                        20_000_000L,
                        today.minusDays(90),
                        today.plusDays(30),
                        List.of(
                                new GrantCalls.CriterionForm("Reach and inclusion", null, 40),
                                new GrantCalls.CriterionForm("Lasting behaviour change", null, 40),
                                new GrantCalls.CriterionForm("Feasibility and budget", null, 20))));
        var organiser = user(DemoData.ORGANISER_EMAIL);
        var reviewer = user(DemoData.REVIEWER_EMAIL);
        record Plan(
                Organisation org,
                String title,
                String proposal,
                long fen,
                UUID community,
                UUID campaign,
                int[] scores) {}
        var plans = List.of(
                new Plan(
                        campus,
                        "Green Graduation on campus",
                        "Graduates pass books, clothes and electronics to juniors; the "
                                + "campus community records every hand-over.",
                        15_000_000L,
                        groups.campus(),
                        groups.greenGraduation(),
                        new int[] {9, 8, 8}),
                new Plan(
                        cycling,
                        "Ride to work along the Pearl River",
                        "A cycling month with teams, weekly rides and a " + "bike-repair corner at the pier.",
                        12_000_000L,
                        groups.riders(),
                        groups.cyclingMonth(),
                        new int[] {8, 9, 7}),
                new Plan(
                        ngo,
                        "Repair corner and clean plates",
                        "A monthly repair café and a clean-plate campaign in the " + "neighbourhood canteens.",
                        10_000_000L,
                        Objects.requireNonNull(groups.communityOfOrganisation().get(ngo.id())),
                        groups.cleanPlate(),
                        new int[] {7, 8, 9}));
        for (var plan : plans) {
            var application = applications.submit(
                    organiser,
                    call.id(),
                    new Applications.ApplicationForm(
                            plan.org().id(),
                            plan.title(),
                            plan.proposal(),
                            "Launch, monthly activities, a mid-term and a final report.",
                            plan.fen(),
                            20_000L,
                            5_000_000L,
                            300L,
                            20_000L),
                    List.of());
            reviews.assign(officer, application.id(), DemoData.REVIEWER_EMAIL);
            reviews.declare(reviewer, application.id(), false, null);
            reviews.score(
                    reviewer,
                    application.id(),
                    List.of(
                            new Reviews.ScoreForm(1, plan.scores()[0], "Clear audience"),
                            new Reviews.ScoreForm(2, plan.scores()[1], "Builds on an existing community"),
                            new Reviews.ScoreForm(3, plan.scores()[2], "Realistic budget")));
            awards.decide(
                    officer,
                    application.id(),
                    new Awards.Decision(
                            true,
                            "Funded. Welcome to the programme.",
                            plan.fen(),
                            today.minusDays(60),
                            today.plusDays(120),
                            List.of(
                                    new Awards.TrancheForm(plan.fen() * 6 / 10, "On signature", today.minusDays(60)),
                                    new Awards.TrancheForm(
                                            plan.fen() - plan.fen() * 6 / 10,
                                            "After the final report",
                                            today.plusDays(130))),
                            List.of(
                                    new Awards.MilestoneForm("Community launched", today.minusDays(30)),
                                    new Awards.MilestoneForm("Mid-term report", today.plusDays(30)))));
            var project = awards.ofApplication(application.id()).orElseThrow();
            awards.pay(
                    officer,
                    project.id(),
                    1,
                    today.minusDays(55),
                    "PAY-2026-" + plan.title().length());
            awards.complete(organiser, project.id(), 1, today.minusDays(28));
            awards.link(organiser, project.id(), "COMMUNITY", plan.community());
            awards.link(organiser, project.id(), "CAMPAIGN", plan.campaign());
            if (plan.org().equals(ngo)) {
                reports.submit(
                        organiser,
                        project.id(),
                        "MILESTONE",
                        today.minusDays(60),
                        today.minusDays(1),
                        "The repair corner opened and meets every Saturday; the clean-plate campaign ran in two canteens.",
                        "People come back when every repair is counted and shown to them.",
                        "Fund repair spaces for a full year, not for single events.");
            }
        }
        var pending = applications.submit(
                organiser,
                call.id(),
                new Applications.ApplicationForm(
                        employer.id(),
                        "Paperless and car-free office",
                        "Colleagues cut paper and commuting by car, with a monthly team challenge.",
                        "Monthly challenges.",
                        6_000_000L,
                        8_000L,
                        1_000_000L,
                        120L,
                        2_000L),
                List.of());
        reviews.assign(officer, pending.id(), DemoData.REVIEWER_EMAIL);
        programmes.summarise(
                officer,
                programme.id(),
                "Communities that meet in person keep recording longer than online-only ones.\nCounting each repair and "
                        + "hand-over makes the reduction visible to the people who made it.",
                "Fund community spaces for at least a year.\nPublish one open methodology for every carbon account.");
    }
}
