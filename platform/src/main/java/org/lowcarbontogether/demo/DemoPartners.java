package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.partners.PartnerActivities;
import org.lowcarbontogether.partners.PartnerLinks;
import org.lowcarbontogether.partners.Partners;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Two simulated partners: FreshBite Delivery (orders without disposable cutlery) and Pearl Bike Share (rides instead of
 * car trips), onboarded by a demo programme officer with live credentials, a few dozen demo participants linked to
 * them, and four weeks of their activities sent through {@link PartnerActivities} — so the dashboards show
 * partner-verified figures next to self-reported ones.
 */
@Component
@ConditionalOnBooleanProperty("lct.demo.enabled")
class DemoPartners {

    private static final Logger log = LoggerFactory.getLogger(DemoPartners.class);
    static final String PARTNER_OFFICER_EMAIL = "partners-officer@" + DemoData.DOMAIN;
    static final int DAYS = 28;

    private final Registration registration;
    private final Organisations organisations;
    private final Partners partners;
    private final PartnerLinks links;
    private final PartnerActivities activities;
    private final Clock clock;

    DemoPartners(
            Registration registration,
            Organisations organisations,
            Partners partners,
            PartnerLinks links,
            PartnerActivities activities,
            Clock clock) {
        this.registration = registration;
        this.organisations = organisations;
        this.partners = partners;
        this.links = links;
        this.activities = activities;
        this.clock = clock;
    }

    /** A demo participant: their account id and email (the link's principal name). */
    record Person(UUID id, String email) {}

    void create(Organisations.Organisation delivery, List<Person> people, Random random) {
        var officerAccount = registration.register(
                new Registration.SignUp(PARTNER_OFFICER_EMAIL, "Sun Hui (partner officer)", DemoData.PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.PROGRAMME_OFFICER));
        Actor officer = Actor.of(officerAccount.id(), EnumSet.of(Role.PARTICIPANT, Role.PROGRAMME_OFFICER));
        var food = partners.onboard(
                officer,
                new Partners.Onboarding(
                        delivery.id(),
                        "FreshBite Delivery",
                        "鲜食外卖",
                        List.of("NO_DISPOSABLE_CUTLERY"),
                        List.of(new Partners.Scenario(
                                "orders",
                                "Orders without disposable cutlery",
                                "不要一次性餐具的订单",
                                List.of("NO_DISPOSABLE_CUTLERY"))),
                        List.of("https://freshbite.example/oauth/callback")));
        var bikeOrganisation = organisations.create("Pearl Bike Share", Organisations.Kind.INTERNET_PARTNER);
        var bikes = partners.onboard(
                officer,
                new Partners.Onboarding(
                        bikeOrganisation.id(),
                        "Pearl Bike Share",
                        "珠江共享单车",
                        List.of("BIKE_SHARE_INSTEAD_OF_CAR"),
                        List.of(new Partners.Scenario(
                                "rides",
                                "Rides instead of car trips",
                                "代替开车的骑行",
                                List.of("BIKE_SHARE_INSTEAD_OF_CAR"))),
                        List.of("https://pearlbike.example/oauth/callback")));
        int orders =
                send(officer, food, "orders", people.subList(0, Math.min(40, people.size())), random, 3, (r, at) -> {
                    return new Sample("NO_DISPOSABLE_CUTLERY", BigDecimal.ONE, "order", at);
                });
        int rides = send(
                officer,
                bikes,
                "rides",
                people.subList(Math.min(20, people.size()), Math.min(60, people.size())),
                random,
                2,
                (r, at) -> new Sample(
                        "BIKE_SHARE_INSTEAD_OF_CAR",
                        BigDecimal.valueOf(1.2 + r.nextDouble() * 5).setScale(1, RoundingMode.HALF_UP),
                        "km",
                        at));
        log.info("Demo data: partners sent {} orders and {} rides", orders, rides);
    }

    /** One simulated activity. */
    private record Sample(String behaviour, BigDecimal quantity, String unit, OffsetDateTime at) {}

    private interface Sampler {
        Sample sample(Random random, OffsetDateTime at);
    }

    /**
     * Links these people to the partner for the scenario and sends, for each, about one activity every {@code every}
     * days over the last {@link #DAYS} days, in one bulk upload; answers how many were sent.
     */
    private int send(
            Actor officer,
            Partners.Partner partner,
            String scenario,
            List<Person> people,
            Random random,
            int every,
            Sampler sampler) {
        var credentials = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
        var caller = activities.caller(credentials.clientId());
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE));
        var batch = new ArrayList<PartnerActivities.Activity>();
        for (Person person : people) {
            String subject = links.approve(
                            person.id(), person.email(), credentials.clientId(), List.of("scenario." + scenario))
                    .subject();
            for (int day = DAYS; day >= 1; day--) {
                if (random.nextInt(every) != 0) {
                    continue;
                }
                var at = now.minusDays(day)
                        .withHour(8 + random.nextInt(13))
                        .withMinute(random.nextInt(60))
                        .withSecond(0)
                        .withNano(0);
                var sample = sampler.sample(random, at);
                batch.add(new PartnerActivities.Activity(
                        subject,
                        scenario,
                        sample.behaviour(),
                        sample.quantity(),
                        sample.unit(),
                        sample.at(),
                        "CN-GD",
                        null,
                        null,
                        scenario + "-" + UUID.randomUUID(),
                        null,
                        null));
            }
        }
        var result = activities.receiveAll(caller, batch);
        log.info(
                "Demo data: {} sent {} activities: {} credited, {} held, {} refused",
                partner.nameEn(),
                result.rows(),
                result.credited(),
                result.held(),
                result.refused());
        return result.rows();
    }
}
