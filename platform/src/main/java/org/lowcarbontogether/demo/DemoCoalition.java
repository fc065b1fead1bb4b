package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.coalitions.Coalitions;
import org.lowcarbontogether.coalitions.JointReports;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * A coalition of three demo NGOs, run by the demo organiser: each accepts, the coalition runs a joint car-free week with
 * all three, and people of the members (and a few others) join it and record today — the pool counts from the day the
 * members accepted, so its activity is today's. The joint report is published.
 */
@Component
@ConditionalOnBooleanProperty("lct.demo.enabled")
class DemoCoalition {

    private final Organisations organisations;
    private final Coalitions coalitions;
    private final JointReports reports;
    private final Campaigns campaigns;
    private final Recording recording;
    private final Clock clock;

    DemoCoalition(
            Organisations organisations,
            Coalitions coalitions,
            JointReports reports,
            Campaigns campaigns,
            Recording recording,
            Clock clock) {
        this.organisations = organisations;
        this.coalitions = coalitions;
        this.reports = reports;
        this.campaigns = campaigns;
        this.recording = recording;
        this.clock = clock;
    }

    void create(UUID organiserId, List<Organisation> members, List<UUID> people, Random random) {
        var lead = Actor.of(organiserId, EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        var coalition = organisations.create("Pearl River Low-Carbon Coalition", Organisations.Kind.COALITION);
        organisations.addMember(coalition.id(), organiserId, Organisations.MemberRole.ORGANISER);
        for (var member : members) {
            // the demo organiser organises the three NGOs too, so answers for each
            coalitions.accept(
                    lead, coalitions.invite(lead, coalition.id(), member.id()).id());
        }
        LocalDate today = ProgrammeCalendar.today(clock);
        var week = campaigns.create(
                lead,
                new Campaigns.CampaignForm(
                        coalition.id(),
                        "Joint car-free week",
                        "Three NGOs, one week: walk, cycle and take the metro instead of the car.",
                        "CAR_FREE_WEEK",
                        Campaigns.Template.CAR_FREE_WEEK.behaviours(),
                        today.minusDays(1),
                        today.plusDays(6),
                        null,
                        null,
                        null,
                        null,
                        60L,
                        null));
        members.forEach(m -> coalitions.joinCampaign(lead, coalition.id(), week.id(), m.id()));
        var now = OffsetDateTime.now(clock.withZone(ProgrammeCalendar.ZONE));
        var startOfDay = today.atStartOfDay(ProgrammeCalendar.ZONE).toOffsetDateTime();
        for (int i = 0; i < Math.min(40, people.size()); i++) {
            UUID person = people.get(i);
            campaigns.join(Actor.of(person, EnumSet.of(Role.PARTICIPANT)), week.id(), null);
            var when = now.minusMinutes(random.nextInt(600));
            var submission = new RecordSubmission(
                    i % 2 == 0 ? "CYCLE_INSTEAD_OF_CAR" : "METRO_INSTEAD_OF_CAR",
                    BigDecimal.valueOf(3 + random.nextInt(12)),
                    "km",
                    when.isBefore(startOfDay) ? startOfDay : when,
                    "CN-GD",
                    null);
            recording.submitInTransaction(person, "demo-coalition-" + i, submission, Recording.Channel.IMPORT);
        }
        reports.write(
                lead,
                coalition.id(),
                "Three NGOs pooled their communities, campaigns and training and ran a car-free week together.",
                "三家公益组织汇集各自的社群、行动和培训，共同开展了无车周。",
                true);
    }
}
