package org.lowcarbontogether.demo;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.Kind;
import org.lowcarbontogether.account.Organisations.MemberRole;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.incentives.Rewards;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the demo programme once, in the background after start-up, so the platform is usable at once while the
 * figures fill in. Deterministic: the same seed gives the same people and records.
 */
@Component
@ConditionalOnBooleanProperty("lct.demo.enabled")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String DOMAIN = "demo.lowcarbontogether.org";
    static final String PARTICIPANT_EMAIL = "participant@" + DOMAIN;
    static final String ORGANISER_EMAIL = "organiser@" + DOMAIN;
    static final String REVIEWER_EMAIL = "reviewer@" + DOMAIN;
    static final String PASSWORD = "green-steps-2026";
    static final int PARTICIPANTS = 200;
    static final int DAYS = 183;

    private final Registration registration;
    private final Organisations organisations;
    private final Recording recording;
    private final DemoGroups groups;
    private final Rewards rewards;
    private final DemoGrants grants;
    private final DemoGrantCycle grantCycle;
    private final DemoPartners demoPartners;
    private final DemoTraining training;
    private final DemoProducts demoProducts;
    private final DemoRides demoRides;
    private final DemoCoalition demoCoalition;
    private final DemoSeedProgramme seedProgramme;
    private final DemoSchools demoSchools;
    private final Clock clock;

    DemoData(
            Registration registration,
            Organisations organisations,
            Recording recording,
            DemoGroups groups,
            Rewards rewards,
            DemoGrants grants,
            DemoGrantCycle grantCycle,
            DemoPartners demoPartners,
            DemoTraining training,
            DemoProducts demoProducts,
            DemoRides demoRides,
            DemoCoalition demoCoalition,
            DemoSeedProgramme seedProgramme,
            DemoSchools demoSchools,
            Clock clock) {
        this.demoSchools = demoSchools;
        this.seedProgramme = seedProgramme;
        this.demoRides = demoRides;
        this.demoCoalition = demoCoalition;
        this.grants = grants;
        this.grantCycle = grantCycle;
        this.demoPartners = demoPartners;
        this.training = training;
        this.demoProducts = demoProducts;
        this.groups = groups;
        this.registration = registration;
        this.organisations = organisations;
        this.recording = recording;
        this.rewards = rewards;
        this.clock = clock;
    }

    /** One kind of everyday behaviour in the demo, with how often and how much people typically do it. */
    private record Habit(String behaviour, String unit, double weight, double typical, double spread) {}

    private static final List<Habit> HABITS = List.of(
            new Habit("METRO_INSTEAD_OF_CAR", "km", 18, 12, 8),
            new Habit("BUS_INSTEAD_OF_CAR", "km", 12, 7, 4),
            new Habit("CYCLE_INSTEAD_OF_CAR", "km", 12, 5, 3),
            new Habit("WALK_INSTEAD_OF_CAR", "km", 10, 2, 1),
            new Habit("RAIL_INSTEAD_OF_CAR", "km", 2, 180, 120),
            new Habit("BUS_INSTEAD_OF_TAXI", "km", 4, 6, 3),
            new Habit("NO_DISPOSABLE_CUTLERY", "order", 14, 1, 0.5),
            new Habit("CLEAN_PLATE", "kg", 8, 0.3, 0.15),
            new Habit("PLANT_BASED_INSTEAD_OF_BEEF", "kg", 4, 0.2, 0.1),
            new Habit("ELECTRICITY_SAVED", "kWh", 8, 2.5, 1.5),
            new Habit("WATER_SAVED", "L", 4, 80, 50),
            new Habit("E_RECEIPT", "sheet", 6, 2, 1),
            new Habit("RECYCLE_PLASTICS", "kg", 3, 0.8, 0.5),
            new Habit("RECYCLE_PAPER", "kg", 3, 1.5, 1),
            new Habit("DONATE_CLOTHES", "kg", 1, 3, 2),
            new Habit("SECOND_HAND_PHONE", "item", 0.3, 1, 0));

    private static final List<String> PROVINCES = List.of(
            "CN-GD", "CN-GD", "CN-GD", "CN-BJ", "CN-BJ", "CN-SH", "CN-SH", "CN-ZJ", "CN-JS", "CN-SC", "CN-HB", "CN-FJ",
            "CN-SD", "CN-HE", "CN-YN", "CN-SN");
    private static final String[] FAMILY = {
        "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao",
        "Lin", "He", "Guo", "Ma", "Luo"
    };
    private static final String[] GIVEN = {
        "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Jie", "Tao", "Ming", "Xiu", "Hui", "Yan", "Qiang", "Lan",
        "Bo", "Ying", "Hao", "Xin", "Yu"
    };

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (registration.isRegistered(PARTICIPANT_EMAIL)) {
            log.info("Demo data already loaded");
            return;
        }
        Thread.ofVirtual().name("demo-data").start(this::load);
    }

    void load() {
        long started = System.nanoTime();
        var random = new Random(2026);
        var campus = organisations.create("Green Campus Alliance", Kind.CAMPUS_ASSOCIATION);
        var cycling = organisations.create("Pearl River Cycling Community", Kind.NEIGHBOURHOOD_COMMUNITY);
        var ngo = organisations.create("Clear Sky Environmental NGO", Kind.NGO);
        var employer = organisations.create("Bright Office Ltd.", Kind.EMPLOYER);
        var delivery = organisations.create("FreshBite Delivery", Kind.INTERNET_PARTNER);
        var groups = List.of(campus, cycling, ngo, employer);

        var organiser = registration.register(
                new Registration.SignUp(ORGANISER_EMAIL, "Chen Jing (organiser)", PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        groups.forEach(g -> organisations.addMember(g.id(), organiser.id(), MemberRole.ORGANISER));
        organisations.addMember(delivery.id(), organiser.id(), MemberRole.ORGANISER);
        rewardCatalogue(organiser.id(), campus.id(), cycling.id(), ngo.id(), employer.id(), delivery.id());
        registration.register(
                new Registration.SignUp(REVIEWER_EMAIL, "Wang Lei (methodology reviewer)", PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.REVIEWER));

        var demoGroups = this.groups.create(campus, cycling, ngo, employer);
        List<UUID> people = new ArrayList<>();
        var organisationOf = new HashMap<UUID, UUID>();
        // Demo accounts are set up by the platform, so their addresses count as verified (no mail is sent).
        people.add(registration
                .register(
                        new Registration.SignUp(PARTICIPANT_EMAIL, "Demo Participant", PASSWORD),
                        EnumSet.of(Role.PARTICIPANT))
                .id());
        for (int i = 1; i < PARTICIPANTS; i++) {
            String name = FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            var person = registration.register(
                    new Registration.SignUp("participant%03d@%s".formatted(i, DOMAIN), name, PASSWORD),
                    EnumSet.of(Role.PARTICIPANT));
            people.add(person.id());
            var group = groups.get(random.nextInt(groups.size()));
            organisations.addMember(group.id(), person.id(), MemberRole.MEMBER);
            organisationOf.put(person.id(), group.id());
        }
        log.info("Demo data: {} participants registered", people.size());

        double totalWeight = HABITS.stream().mapToDouble(Habit::weight).sum();
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE));
        int records = 0;
        for (UUID person : people) {
            String home = PROVINCES.get(random.nextInt(PROVINCES.size()));
            // Activity varies widely between people: most record a little, a few record often.
            int count = (int) Math.min(120, Math.round(-Math.log(1 - random.nextDouble()) * 20));
            int joinedDaysAgo = 7 + random.nextInt(DAYS - 7);
            if (organisationOf.containsKey(person)) {
                // In their organisation's community (and its campaigns) from the day they started recording.
                this.groups.join(
                        demoGroups,
                        organisationOf.get(person),
                        person,
                        now.minusDays(joinedDaysAgo).toInstant(),
                        random);
            }
            for (int n = 0; n < count; n++) {
                Habit habit = pick(random, totalWeight);
                double amount =
                        Math.max(habit.typical() * 0.2, habit.typical() + random.nextGaussian() * habit.spread());
                BigDecimal quantity = habit.unit().equals("order")
                                || habit.unit().equals("item")
                                || habit.unit().equals("sheet")
                        ? BigDecimal.valueOf(Math.max(1, Math.round(amount)))
                        : BigDecimal.valueOf(amount).setScale(habit.unit().equals("kg") ? 2 : 1, RoundingMode.HALF_UP);
                var occurredAt = now.minus(Duration.ofMinutes(
                        random.nextLong(Duration.ofDays(joinedDaysAgo).toMinutes())));
                var submission =
                        new RecordSubmission(habit.behaviour(), quantity, habit.unit(), occurredAt, home, null);
                try {
                    recording.submitInTransaction(
                            person, "demo-" + person + "-" + n, submission, Recording.Channel.IMPORT);
                    records++;
                } catch (RuntimeException e) {
                    log.debug("Demo record skipped: {}", e.getMessage());
                }
            }
        }
        // A few records a reviewer should look at, so the review queue is not empty on a first look.
        for (int i = 0; i < 6; i++) {
            var when = now.minusDays(1 + i).withHour(8);
            var suspicious = i % 2 == 0
                    ? new RecordSubmission(
                            "WALK_INSTEAD_OF_CAR",
                            BigDecimal.valueOf(18 + i),
                            "km",
                            when,
                            "CN-GD",
                            null,
                            null,
                            60,
                            null)
                    : new RecordSubmission(
                            "CYCLE_INSTEAD_OF_CAR", BigDecimal.valueOf(95), "km", when, "CN-BJ", null, null, 90, null);
            recording.submitInTransaction(people.get(10 + i), "demo-review-" + i, suspicious, Recording.Channel.IMPORT);
        }
        this.groups.activity(demoGroups, campus, ngo, people, random);
        grants.create(campus, cycling, ngo, employer, demoGroups);
        try {
            grantCycle.create();
        } catch (RuntimeException e) {
            log.warn("Demo grant cycle not loaded: {}", e.getMessage());
        }
        try {
            long seedStarted = System.nanoTime();
            seedProgramme.create(people, random);
            log.info(
                    "Demo seed-shaped programme loaded in {} ms",
                    Duration.ofNanos(System.nanoTime() - seedStarted).toMillis());
        } catch (RuntimeException e) {
            log.warn("Demo seed-shaped programme not loaded: {}", e.getMessage());
        }
        try {
            training.create(organiser.id(), employer.id(), ngo.id(), random);
        } catch (RuntimeException e) {
            log.warn("Demo training not loaded: {}", e.getMessage());
        }
        var linked = new ArrayList<DemoPartners.Person>();
        for (int i = 0; i < people.size(); i++) {
            linked.add(new DemoPartners.Person(
                    people.get(i), i == 0 ? PARTICIPANT_EMAIL : "participant%03d@%s".formatted(i, DOMAIN)));
        }
        try {
            demoProducts.create(ngo, people.get(1));
        } catch (RuntimeException e) {
            log.warn("Demo products not loaded: {}", e.getMessage());
        }
        try {
            demoPartners.create(delivery, linked, random);
        } catch (RuntimeException e) {
            log.warn("Demo partners not loaded: {}", e.getMessage());
        }
        try {
            demoRides.create(people, organiser.id(), random);
        } catch (RuntimeException e) {
            log.warn("Demo rides not loaded: {}", e.getMessage());
        }
        try {
            demoCoalition.create(organiser.id(), List.of(campus, cycling, ngo), people, random);
        } catch (RuntimeException e) {
            log.warn("Demo coalition not loaded: {}", e.getMessage());
        }
        try {
            demoSchools.create(organiser.id(), random);
        } catch (RuntimeException e) {
            log.warn("Demo schools not loaded: {}", e.getMessage());
        }
        log.info(
                "Demo data loaded: {} participants, {} records in {} s",
                people.size(),
                records,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** A few rewards of several kinds from the demo sponsors, so the catalogue is not empty on a first look. */
    private void rewardCatalogue(UUID organiser, UUID campus, UUID cycling, UUID ngo, UUID employer, UUID delivery) {
        var today = ProgrammeCalendar.today(clock);
        var until = today.plusDays(120);
        record Offer(
                UUID sponsor,
                Rewards.Kind kind,
                String nameEn,
                String nameZh,
                String descriptionEn,
                String descriptionZh,
                long cost,
                @Nullable Integer stock,
                int minLevel,
                boolean campusOnly,
                @Nullable BigDecimal amount,
                @Nullable String recipient) {}
        var offers = List.of(
                new Offer(
                        ngo,
                        Rewards.Kind.TREE_PLANTING,
                        "Plant a tree in Inner Mongolia",
                        "在内蒙古种一棵树",
                        "A sapling planted on your behalf in a desert restoration project.",
                        "以您的名义在荒漠修复项目中种下一棵树苗。",
                        300,
                        null,
                        1,
                        false,
                        new BigDecimal("15.00"),
                        "Northern Desert Greening Fund (demo)"),
                new Offer(
                        ngo,
                        Rewards.Kind.DONATION,
                        "Donate to the river clean-up",
                        "捐助河流清洁行动",
                        "A donation in your name to volunteers who clean the Pearl River banks.",
                        "以您的名义捐助清理珠江岸边的志愿者。",
                        200,
                        null,
                        1,
                        false,
                        new BigDecimal("10.00"),
                        "Pearl River Volunteers (demo)"),
                new Offer(
                        delivery,
                        Rewards.Kind.VOUCHER,
                        "¥10 off a plant-based meal",
                        "素食餐立减 10 元",
                        "A single-use code for the FreshBite app.",
                        "FreshBite 应用一次性优惠码。",
                        150,
                        null,
                        1,
                        false,
                        null,
                        null),
                new Offer(
                        campus,
                        Rewards.Kind.CAMPUS_CREDIT,
                        "Green campus volunteer credit",
                        "绿色校园志愿学分",
                        "One volunteer credit recognised by the campus association.",
                        "校园社团认可的一个志愿学分。",
                        500,
                        50,
                        1,
                        true,
                        null,
                        null),
                new Offer(
                        campus,
                        Rewards.Kind.CERTIFICATE,
                        "Low-carbon campus certificate",
                        "低碳校园证书",
                        "A certificate with a verification code.",
                        "带验证码的证书。",
                        100,
                        null,
                        1,
                        false,
                        null,
                        null),
                new Offer(
                        cycling,
                        Rewards.Kind.EVENT_TICKET,
                        "Pearl River night ride ticket",
                        "珠江夜骑活动门票",
                        "A place on the monthly guided night ride.",
                        "每月夜骑活动名额一个。",
                        250,
                        30,
                        1,
                        false,
                        null,
                        null),
                new Offer(
                        cycling,
                        Rewards.Kind.GOODS,
                        "Rechargeable bike light",
                        "可充电自行车灯",
                        "Collect it at the community's next meet-up.",
                        "在社群下次聚会时领取。",
                        400,
                        15,
                        1,
                        false,
                        null,
                        null),
                new Offer(
                        employer,
                        Rewards.Kind.EXPERIENCE,
                        "Visit a solar farm",
                        "参观光伏电站",
                        "A guided half-day visit for level 2 and above.",
                        "面向等级 2 及以上的半日导览参观。",
                        800,
                        10,
                        2,
                        false,
                        null,
                        null));
        for (var o : offers) {
            var reward = rewards.create(
                    organiser,
                    o.sponsor(),
                    new Rewards.Draft(
                            o.kind(),
                            o.nameEn(),
                            o.nameZh(),
                            o.descriptionEn(),
                            o.descriptionZh(),
                            o.cost(),
                            o.stock(),
                            today.minusDays(1),
                            until,
                            o.minLevel(),
                            List.of(),
                            null,
                            o.campusOnly(),
                            o.amount(),
                            o.recipient()));
            if (o.kind() == Rewards.Kind.VOUCHER) {
                var codes = new StringBuilder();
                for (int i = 1; i <= 20; i++) {
                    codes.append("FRESH-DEMO-%04d%n".formatted(i));
                }
                rewards.uploadCodes(organiser, reward.id(), new StringReader(codes.toString()));
            }
        }
        log.info("Demo data: {} rewards listed", offers.size());
    }

    private static Habit pick(Random random, double totalWeight) {
        double r = random.nextDouble() * totalWeight;
        for (Habit habit : HABITS) {
            r -= habit.weight();
            if (r <= 0) {
                return habit;
            }
        }
        return HABITS.getLast();
    }
}
