package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.campaigns.Handovers;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.stories.Reach;
import org.lowcarbontogether.stories.Stories;
import org.springframework.stereotype.Component;

/**
 * The demo programme's communities, campaigns, events and stories: each demo organisation runs a community; people
 * belong to their organisation's community from the day they started recording; a cycling month and a Green
 * Graduation run now, a clean-plate campaign ran earlier; a repair café is on now with attendees checked in; stories
 * are published and read.
 */
@Component
class DemoGroups {

    /** What was set up, for the record loader to put people in their groups as of their first day. */
    record Groups(
            Map<UUID, UUID> communityOfOrganisation,
            UUID riders,
            UUID campus,
            UUID cyclingMonth,
            UUID greenGraduation,
            UUID cleanPlate,
            List<UUID> cyclingTeams) {}

    private final Communities communities;
    private final Campaigns campaigns;
    private final Handovers handovers;
    private final Participation participation;
    private final Events events;
    private final Stories stories;
    private final Reach reach;
    private final Registration users;
    private final Clock clock;

    DemoGroups(
            Communities communities,
            Campaigns campaigns,
            Handovers handovers,
            Participation participation,
            Events events,
            Stories stories,
            Reach reach,
            Registration users,
            Clock clock) {
        this.communities = communities;
        this.campaigns = campaigns;
        this.handovers = handovers;
        this.participation = participation;
        this.events = events;
        this.stories = stories;
        this.reach = reach;
        this.users = users;
        this.clock = clock;
    }

    Actor user(String email) {
        return users.actor(email).orElseThrow();
    }

    Groups create(Organisation campus, Organisation cycling, Organisation ngo, Organisation employer) {
        var organiser = user(DemoData.ORGANISER_EMAIL);
        var campusCommunity = communities.create(
                organiser,
                campus.id(),
                new Communities.CommunityForm(
                        "Sun Yat-sen University Green Campus",
                        "Students and staff recording their low-carbon days together.",
                        "CAMPUS",
                        "PUBLIC",
                        "135 Xingang West Road, Haizhu, Guangzhou",
                        new BigDecimal("23.096"),
                        new BigDecimal("113.298")));
        var riders = communities.create(
                organiser,
                cycling.id(),
                new Communities.CommunityForm(
                        "Pearl River Riders",
                        "Riding to work and school along the river. Meet-ups every Saturday morning at the pier.",
                        "PHYSICAL_SITE",
                        "PUBLIC",
                        "Haixinsha pier, Tianhe, Guangzhou",
                        new BigDecimal("23.115"),
                        new BigDecimal("113.331")));
        var repair = communities.create(
                organiser,
                ngo.id(),
                new Communities.CommunityForm(
                        "Haizhu Repair Corner",
                        "A neighbourhood repair café and swap shelf run by volunteers.",
                        "PHYSICAL_SITE",
                        "PUBLIC",
                        "18 Jiangnan Avenue Middle, Haizhu, Guangzhou",
                        new BigDecimal("23.094"),
                        new BigDecimal("113.270")));
        var office = communities.create(
                organiser,
                employer.id(),
                new Communities.CommunityForm(
                        "Bright Office Green Team",
                        "Colleagues cutting commuting and paper.",
                        "WORKPLACE",
                        "MEMBERS",
                        null,
                        null,
                        null));

        LocalDate today = ProgrammeCalendar.today(clock);
        var cyclingMonth = campaigns.create(
                organiser,
                new Campaigns.CampaignForm(
                        cycling.id(),
                        "Cycling month on the Pearl River",
                        "Leave the car: ride to work, to class and to the market for a month.",
                        "CYCLING_MONTH",
                        Campaigns.Template.CYCLING_MONTH.behaviours(),
                        today.minusDays(20),
                        today.plusDays(9),
                        null,
                        null,
                        600L,
                        300_000L,
                        60L,
                        null));
        var graduation = campaigns.create(
                organiser,
                new Campaigns.CampaignForm(
                        campus.id(),
                        "Green Graduation 2026",
                        "Graduates pass on books, clothes and electronics to juniors instead of throwing them away.",
                        "GREEN_GRADUATION",
                        Campaigns.Template.GREEN_GRADUATION.behaviours(),
                        today.minusDays(10),
                        today.plusDays(20),
                        null,
                        campusCommunity.id(),
                        null,
                        null,
                        100L,
                        new BigDecimal("0.5")));
        var cleanPlate = campaigns.create(
                organiser,
                new Campaigns.CampaignForm(
                        ngo.id(),
                        "Clean plate autumn",
                        "Finish every meal, order small portions, refuse disposable cutlery.",
                        "CLEAN_PLATE",
                        Campaigns.Template.CLEAN_PLATE.behaviours(),
                        today.minusDays(75),
                        today.minusDays(45),
                        null,
                        null,
                        400L,
                        null,
                        null,
                        null));
        var teams =
                List.of("Tianhe tailwinds", "Haizhu hill climbers", "Yuexiu early birds", "Panyu pedallers").stream()
                        .map(name -> campaigns
                                .createTeam(organiser, cyclingMonth.id(), name)
                                .id())
                        .toList();
        participation.leave(Scope.campaign(cyclingMonth.id()), organiser.id());
        return new Groups(
                Map.of(
                        campus.id(),
                        campusCommunity.id(),
                        cycling.id(),
                        riders.id(),
                        ngo.id(),
                        repair.id(),
                        employer.id(),
                        office.id()),
                riders.id(),
                campusCommunity.id(),
                cyclingMonth.id(),
                graduation.id(),
                cleanPlate.id(),
                teams);
    }

    /** Puts a person in their organisation's community, and in its campaigns, as of the day they started. */
    void join(Groups groups, UUID organisationId, UUID person, Instant since, Random random) {
        UUID community = groups.communityOfOrganisation().get(organisationId);
        if (community == null) {
            return;
        }
        participation.joinSince(Scope.community(community), person, null, since);
        LocalDate today = ProgrammeCalendar.today(clock);
        Instant monthStart =
                today.minusDays(20).atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
        // Two in three riders take part in the cycling month, most of them in a team.
        if (community.equals(groups.riders()) && random.nextInt(3) > 0) {
            UUID team = random.nextInt(4) == 0
                    ? null
                    : groups.cyclingTeams()
                            .get(random.nextInt(groups.cyclingTeams().size()));
            participation.joinSince(
                    Scope.campaign(groups.cyclingMonth()),
                    person,
                    team,
                    since.isAfter(monthStart) ? since : monthStart);
        }
        if (random.nextInt(4) == 0) {
            Instant cleanStart =
                    today.minusDays(75).atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
            participation.joinSince(
                    Scope.campaign(groups.cleanPlate()), person, null, since.isAfter(cleanStart) ? since : cleanStart);
        }
        if (community.equals(groups.campus()) && random.nextInt(5) == 0) {
            participation.joinSince(
                    Scope.campaign(groups.greenGraduation()),
                    person,
                    null,
                    clock.instant().minus(Duration.ofDays(5)));
        }
    }

    /** An event on now with attendees checked in, Green Graduation items, and stories with readers. */
    void activity(Groups groups, Organisation campus, Organisation ngo, List<UUID> people, Random random) {
        var organiser = user(DemoData.ORGANISER_EMAIL);
        OffsetDateTime now =
                OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE)).withNano(0);
        var repairCafe = events.create(
                organiser,
                new Events.EventForm(
                        ngo.id(),
                        groups.communityOfOrganisation().get(ngo.id()),
                        "Saturday repair café",
                        "Bring a broken lamp, a torn jacket or a slow laptop; volunteers help you fix it.",
                        "REPAIR_CAFE",
                        now.minusMinutes(30),
                        now.plusHours(3),
                        "Haizhu Repair Corner, 18 Jiangnan Avenue Middle",
                        null,
                        40,
                        "REPAIR_CLOTHES",
                        new BigDecimal("0.8"),
                        "kg",
                        Map.of("avoidedReplacementRate", new BigDecimal("0.5"))));
        events.create(
                organiser,
                new Events.EventForm(
                        campus.id(),
                        groups.communityOfOrganisation().get(campus.id()),
                        "Graduation clothes swap",
                        "Swap the clothes you will not take home; what is left goes to a textile charity.",
                        "CLOTHES_SWAP",
                        now.plusDays(3).withHour(14).withMinute(0),
                        now.plusDays(3).withHour(17).withMinute(0),
                        "Student centre hall",
                        null,
                        120,
                        "DONATE_CLOTHES",
                        new BigDecimal("1.5"),
                        "kg",
                        null));
        events.create(
                organiser,
                new Events.EventForm(
                        ngo.id(),
                        null,
                        "Online training: counting your carbon account",
                        "How the platform calculates each behaviour, and how to read your statement.",
                        "TRAINING",
                        now.plusDays(6).withHour(19).withMinute(30),
                        now.plusDays(6).withHour(21).withMinute(0),
                        null,
                        "https://meeting.example.org/lct-training",
                        null,
                        null,
                        null,
                        null,
                        null));
        for (int i = 0; i < 12; i++) {
            String email = "participant%03d@%s".formatted(20 + i, DemoData.DOMAIN);
            events.register(user(email), repairCafe.id());
            events.checkInByOrganiser(organiser, repairCafe.id(), email);
        }

        var graduate = user(DemoData.PARTICIPANT_EMAIL);
        participation.join(Scope.community(groups.campus()), graduate.id(), null);
        campaigns.join(graduate, groups.greenGraduation(), null);
        handovers.list(
                graduate,
                groups.greenGraduation(),
                "BOOKS",
                "Calculus and linear algebra textbooks",
                "Some pencil notes in the margins.",
                new BigDecimal("2.4"));
        handovers.list(
                graduate,
                groups.greenGraduation(),
                "ELECTRONICS",
                "Desk monitor, 24 inch",
                "Works well, with its cable.",
                new BigDecimal("3.2"));
        handovers.list(graduate, groups.greenGraduation(), "FURNITURE", "Folding chair", "", new BigDecimal("4"));
        var junior = user("participant%03d@%s".formatted(40, DemoData.DOMAIN));
        participation.join(Scope.community(groups.campus()), junior.id(), null);
        campaigns.join(junior, groups.greenGraduation(), null);
        var clothes = handovers.list(
                junior,
                groups.greenGraduation(),
                "CLOTHES",
                "Winter coat and two jumpers",
                "Size M.",
                new BigDecimal("2.1"));
        campaigns.join(graduate, groups.greenGraduation(), null);
        handovers.reserve(graduate, groups.greenGraduation(), clothes.id());
        handovers.confirm(graduate, groups.greenGraduation(), clothes.id());

        String[][] texts = {
            {
                "A month without the car",
                "I left the car at home for the whole cycling month. The ride along the river takes twenty minutes longer, and I arrive awake. Our team rode 640 km together."
            },
            {
                "What we fixed on Saturday",
                "Fourteen people came to the repair corner: three lamps, a rice cooker, six jackets and a bicycle chain. Nothing went to the bin."
            },
            {
                "Passing my books on",
                "Four years of textbooks are now with first-year students. The platform counted the paper that will not be printed again."
            },
            {
                "Clean plates in the canteen",
                "Our dormitory finished every meal for a week. Ordering smaller portions was the trick."
            }
        };
        UUID[] organisationsOfStories = {null, ngo.id(), campus.id(), null};
        for (int i = 0; i < texts.length; i++) {
            var author = user("participant%03d@%s".formatted(60 + i, DemoData.DOMAIN));
            UUID org = organisationsOfStories[i];
            var link = org == null
                    ? Stories.Link.NONE
                    : new Stories.Link(org, groups.communityOfOrganisation().get(org), null);
            var story = stories.submit(author, texts[i][0], texts[i][1], link, List.of());
            if (i < 3) {
                var moderator = org == null ? user(DemoData.REVIEWER_EMAIL) : organiser;
                stories.decide(moderator, story.id(), true, null);
                int readers = 20 + random.nextInt(60);
                for (int r = 0; r < readers; r++) {
                    reach.count(story.id(), Reach.Kind.VIEW, "demo-reader-" + r);
                    if (r % 7 == 0) {
                        reach.count(story.id(), Reach.Kind.SHARE, "demo-reader-" + r);
                    }
                }
            }
        }
    }
}
