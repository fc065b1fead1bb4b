package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.MemberRole;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A second demo programme shaped like the seed's "Low Carbon Together" programme: twelve funded projects of twelve
 * organisations in twelve provinces, each with its own community in which some demo participants record, and an
 * executive summary with the seed's headings (overview, main outputs, key findings, policy recommendations). Its
 * figures are the demo's, not the seed's; the potential models show how a headline of the seed's form is derived.
 */
@Component
class DemoSeedProgramme {

    private record Plan(
            String province, String organisation, String title, String behaviour, String unit, double typical) {}

    private static final List<Plan> PLANS = List.of(
            new Plan(
                    "CN-BJ",
                    "Beijing Green Commute Union",
                    "Personal carbon account for commuters",
                    "METRO_INSTEAD_OF_CAR",
                    "km",
                    12),
            new Plan(
                    "CN-SH",
                    "Shanghai Zero Waste Circle",
                    "Daily low-carbon behaviour recording",
                    "NO_DISPOSABLE_CUTLERY",
                    "order",
                    1),
            new Plan(
                    "CN-GD",
                    "Guangzhou Campus Eco Network",
                    "Green graduation hand-overs",
                    "BUS_INSTEAD_OF_CAR",
                    "km",
                    7),
            new Plan("CN-SC", "Chengdu Riders Alliance", "Riding map of Chengdu", "CYCLE_INSTEAD_OF_CAR", "km", 5),
            new Plan("CN-ZJ", "Hangzhou Clean Plate Society", "Clean plates in canteens", "CLEAN_PLATE", "kg", 0.3),
            new Plan("CN-JS", "Nanjing Walking Neighbours", "Walk to school", "WALK_INSTEAD_OF_CAR", "km", 2),
            new Plan(
                    "CN-HB",
                    "Wuhan Public Narration Studio",
                    "Public narration of low-carbon consumption",
                    "BUS_INSTEAD_OF_CAR",
                    "km",
                    6),
            new Plan("CN-FJ", "Xiamen Island Cyclists", "Bike to the ferry", "CYCLE_INSTEAD_OF_CAR", "km", 6),
            new Plan(
                    "CN-SD",
                    "Qingdao Workplace Green Team",
                    "Low-carbon training for employees",
                    "METRO_INSTEAD_OF_CAR",
                    "km",
                    10),
            new Plan(
                    "CN-YN",
                    "Kunming Highland Eco Youth",
                    "Youth low-carbon challenge",
                    "WALK_INSTEAD_OF_CAR",
                    "km",
                    2),
            new Plan("CN-SN", "Xi'an Heritage Green Walks", "Car-free heritage walks", "WALK_INSTEAD_OF_CAR", "km", 3),
            new Plan(
                    "CN-HE",
                    "Shijiazhuang Community Repair Corner",
                    "Neighbourhood take-away without cutlery",
                    "NO_DISPOSABLE_CUTLERY",
                    "order",
                    1));

    private final Organisations organisations;
    private final Communities communities;
    private final Participation participation;
    private final Programmes programmes;
    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;
    private final Recording recording;
    private final Registration users;
    private final Clock clock;
    private final String adminEmail;

    DemoSeedProgramme(
            Organisations organisations,
            Communities communities,
            Participation participation,
            Programmes programmes,
            GrantCalls calls,
            Applications applications,
            Reviews reviews,
            Awards awards,
            Recording recording,
            Registration users,
            Clock clock,
            @Value("${lct.admin.email:}") String adminEmail) {
        this.organisations = organisations;
        this.communities = communities;
        this.participation = participation;
        this.programmes = programmes;
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
        this.recording = recording;
        this.users = users;
        this.clock = clock;
        this.adminEmail = adminEmail;
    }

    /** Needs the administrator and the demo's programme officer (DemoGrants); {@code people} are the demo participants. */
    void create(List<UUID> people, Random random) {
        if (adminEmail.isBlank() || !users.isRegistered(adminEmail) || !users.isRegistered(DemoGrants.OFFICER_EMAIL)) {
            return;
        }
        var admin = users.actor(adminEmail).orElseThrow();
        Actor officer = users.actor(DemoGrants.OFFICER_EMAIL).orElseThrow();
        Actor organiser = users.actor(DemoData.ORGANISER_EMAIL).orElseThrow();
        Actor reviewer = users.actor(DemoData.REVIEWER_EMAIL).orElseThrow();
        var office = organisations.create("All-China Low Carbon Together Office (demo)", Organisations.Kind.COALITION);
        var programme = programmes.create(
                admin,
                "Low Carbon Together — strategic communication small grants (seed-shaped demo)",
                "Selects projects that promote the transformation of public low-carbon consumption behaviour and improve "
                        + "the communication and advocacy capability of organisations, through funding and capacity "
                        + "building, so that low-carbon consumption moves from concept to action.",
                office.id());
        programmes.appointOfficer(admin, programme.id(), DemoGrants.OFFICER_EMAIL);
        LocalDate today = ProgrammeCalendar.today(clock);
        var call = calls.create(
                officer,
                programme.id(),
                new GrantCalls.CallForm(
                        "Strategic communication for low-carbon consumption",
                        "Communication models, tools and knowledge products that move people to record and keep up low-carbon consumption.",
                        List.of("DAILY_RECORDING", "GREEN_GRADUATION", "RIDING", "COMMUNITIES"),
                        "Registered NGOs, campus associations, employers and communities in mainland China.",
                        300_000_000L,
                        25_000_000L,
                        today.minusDays(150),
                        today.plusDays(10),
                        List.of(
                                new GrantCalls.CriterionForm("Communication reach", null, 50),
                                new GrantCalls.CriterionForm("Behaviour change", null, 50))));
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE));
        int next = 20;
        for (var plan : PLANS) {
            var org = organisations.create(plan.organisation(), Organisations.Kind.NGO);
            organisations.addMember(org.id(), organiser.id(), MemberRole.ORGANISER);
            var community = communities.create(
                    organiser,
                    org.id(),
                    new Communities.CommunityForm(
                            plan.title(),
                            "People taking part in " + plan.organisation() + "’s project.",
                            "INTEREST",
                            "PUBLIC",
                            null,
                            null,
                            null));
            long fen = 15_000_000L + random.nextInt(10) * 1_000_000L;
            var application = applications.submit(
                    organiser,
                    call.id(),
                    new Applications.ApplicationForm(
                            org.id(),
                            plan.title() + " (" + plan.province().substring(3) + ")",
                            "A communication model for low-carbon consumption: " + plan.title() + ".",
                            "Launch, monthly activities, a final report.",
                            fen,
                            5_000L,
                            2_000_000L,
                            200L,
                            500_000L),
                    List.of());
            reviews.assign(officer, application.id(), DemoData.REVIEWER_EMAIL);
            reviews.declare(reviewer, application.id(), false, null);
            reviews.score(
                    reviewer,
                    application.id(),
                    List.of(
                            new Reviews.ScoreForm(1, 7 + random.nextInt(3), "Clear audience"),
                            new Reviews.ScoreForm(2, 7 + random.nextInt(3), "Lasting change")));
            awards.decide(
                    officer,
                    application.id(),
                    new Awards.Decision(
                            true,
                            "Funded.",
                            fen,
                            today.minusDays(120),
                            today.plusDays(60),
                            List.of(new Awards.TrancheForm(fen, "On signature", today.minusDays(120))),
                            List.of(new Awards.MilestoneForm("Final report", today.plusDays(60)))));
            var project = awards.ofApplication(application.id()).orElseThrow();
            awards.link(organiser, project.id(), "COMMUNITY", community.id());
            // Ten to fourteen demo participants take part, each recording a few times a month since they joined.
            int members = 10 + random.nextInt(5);
            for (int m = 0; m < members; m++) {
                UUID person = people.get((next++) % people.size());
                int joinedDaysAgo = 30 + random.nextInt(80);
                participation.joinSince(
                        Participation.Scope.community(community.id()),
                        person,
                        null,
                        now.minusDays(joinedDaysAgo).toInstant());
                int records = 2 + random.nextInt(5);
                for (int r = 0; r < records; r++) {
                    double amount = Math.max(plan.typical() * 0.3, plan.typical() * (0.6 + random.nextDouble()));
                    BigDecimal quantity = plan.unit().equals("order")
                            ? BigDecimal.ONE
                            : BigDecimal.valueOf(amount)
                                    .setScale(plan.unit().equals("kg") ? 2 : 1, RoundingMode.HALF_UP);
                    var occurredAt = now.minus(Duration.ofMinutes(
                            random.nextLong(Duration.ofDays(joinedDaysAgo - 1).toMinutes())));
                    try {
                        recording.submitInTransaction(
                                person,
                                "demo-seed-" + project.id() + "-" + m + "-" + r,
                                new RecordSubmission(
                                        plan.behaviour(), quantity, plan.unit(), occurredAt, plan.province(), null),
                                Recording.Channel.IMPORT);
                    } catch (RuntimeException e) {
                        // a record the checks refuse (too many of a kind in a day) is simply left out of the demo
                    }
                }
            }
        }
        programmes.summarise(
                officer,
                programme.id(),
                "Carrying out low-carbon consumption activities in communities that people keep up benefits long-term behaviour change.\n"
                        + "Training employees through partner organisations spreads low-carbon consumption into other fields.\n"
                        + "Rewards for low-carbon actions need to be diverse to fit a plural society.\n"
                        + "Carbon reduction tools lack unified calculation standards for consumption scenarios.",
                "Build online and neighbourhood communities for low-carbon consumption.\n"
                        + "Encourage internet companies to run joint actions with environmental organisations.\n"
                        + "Unify the methodology of carbon measurement for low-carbon consumption behaviours.\n"
                        + "Support NGO coalitions with funding and capacity building.");
    }
}
