package org.lowcarbontogether.coalitions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.ImpactRollups.Ref;
import org.lowcarbontogether.reporting.PublishedImpact;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.training.TrainingOutputs;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A coalition's pool, kept by the reporting module's roll-ups ({@link ImpactRollups}) so it has the programme's
 * definitions: a person active in two members is one participant, a ledger entry counted in two groups counts once.
 * The pool ({@code COALITION} roll-up) follows the coalition's own communities and campaigns — its joint campaigns — and
 * every accepted member's, each from the day its first member accepted (the coalition's) or the member accepted (the
 * member's); each member's contribution is its own roll-up ({@code COALITION_MEMBER}, by membership). A group a member
 * starts later is taken in, in full since its acceptance, when it is started ({@link CoalitionGroups}). What the public (and a
 * member's organisers, for the pool and the other members) sees is the published release with its disclosure control,
 * exactly as for a programme; the coalition's organisers see live figures.
 */
@Service
public class CoalitionPool {

    /** The potential model's assumptions for coalitions: the programme's defaults (6 of the last 12 weeks, persistence 1). */
    public static final ReportedImpact.Assumptions ASSUMPTIONS = new ReportedImpact.Assumptions(6, 12, BigDecimal.ONE);

    /** Why a measured figure is unknown (never shown as zero). */
    public enum Unknown {
        KNOWN,
        /** No member has accepted yet: nothing is pooled. */
        NO_MEMBERS,
        /** No calendar month of the pool is published yet. */
        NOT_PUBLISHED,
        /** Fewer people than the minimum make it up. */
        WITHHELD
    }

    /** The measured figures, with their breakdowns as shown (suppressed lines left out and counted). */
    public record Measured(
            ReportedImpact.@Nullable Figures figures,
            Unknown unknown,
            List<ReportedImpact.Line> byCategory,
            List<ReportedImpact.Line> byMonth,
            int suppressedLines,
            @Nullable YearMonth publishedThrough) {

        static Measured unknown(Unknown why) {
            return new Measured(null, why, List.of(), List.of(), 0, null);
        }
    }

    /** What the members did besides behaviours: groups, events held, projects and training, since they accepted. */
    public record Outputs(
            int communities,
            int campaigns,
            int eventsHeld,
            List<Awards.Project> projects,
            TrainingOutputs.Figures training) {}

    /** One member's contribution; {@code percentOfReduction} is unknown when either side is. */
    public record Share(
            Coalitions.Membership member,
            Measured measured,
            Outputs outputs,
            @Nullable Integer percentOfReduction) {}

    public record Pool(
            Organisation coalition,
            boolean live,
            @Nullable LocalDate from,
            LocalDate to,
            Measured measured,
            Outputs outputs,
            List<String> methodologyVersions,
            List<Share> shares,
            int minimumGroupSize) {}

    private final ImpactRollups rollups;
    private final ReportedImpact impact;
    private final PublishedImpact published;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Events events;
    private final Awards awards;
    private final TrainingOutputs training;
    private final Clock clock;

    CoalitionPool(
            ImpactRollups rollups,
            ReportedImpact impact,
            PublishedImpact published,
            Communities communities,
            Campaigns campaigns,
            Events events,
            Awards awards,
            TrainingOutputs training,
            Clock clock) {
        this.rollups = rollups;
        this.impact = impact;
        this.published = published;
        this.communities = communities;
        this.campaigns = campaigns;
        this.events = events;
        this.awards = awards;
        this.training = training;
        this.clock = clock;
    }

    /** The day the pool begins: its first current member's acceptance; none while nobody has accepted. */
    static @Nullable LocalDate start(Collection<Coalitions.Membership> accepted) {
        return accepted.stream()
                .map(Coalitions.Membership::acceptedOn)
                .filter(Objects::nonNull)
                .min(LocalDate::compareTo)
                .orElse(null);
    }

    /** Follows the coalition's and every accepted member's groups (idempotent; new groups are taken in). */
    @Transactional
    public void follow(Coalitions.Membership any, List<Coalitions.Membership> accepted) {
        sync(any.coalitionId(), accepted);
    }

    /** Follows the groups not followed yet (on acceptance, and when a member or the coalition starts one). */
    void sync(UUID coalitionId, List<Coalitions.Membership> accepted) {
        LocalDate start = start(accepted);
        if (start == null) {
            return;
        }
        var pool = Ref.coalition(coalitionId);
        var inPool = rollups.followed(pool);
        for (var scope : groups(coalitionId)) {
            if (!inPool.contains(scope)) {
                rollups.follow(pool, scope, start);
            }
        }
        for (var member : accepted) {
            LocalDate since = Objects.requireNonNull(member.acceptedOn(), "an accepted member has a day");
            var memberRef = Ref.coalitionMember(member.id());
            var inShare = rollups.followed(memberRef);
            for (var scope : groups(member.organisationId())) {
                if (!inPool.contains(scope)) {
                    rollups.follow(pool, scope, since);
                }
                if (!inShare.contains(scope)) {
                    rollups.follow(memberRef, scope, since);
                }
            }
        }
    }

    /** Builds the pool again from the remaining members (a member left). */
    @Transactional
    public void rebuild(UUID coalitionId, List<Coalitions.Membership> accepted) {
        rollups.forget(Ref.coalition(coalitionId));
        sync(coalitionId, accepted);
    }

    private List<Participation.Scope> groups(UUID organisationId) {
        var scopes = new ArrayList<Participation.Scope>();
        communities.ofOrganisation(organisationId).forEach(c -> scopes.add(Participation.Scope.community(c.id())));
        campaigns.ofOrganisation(organisationId).forEach(c -> scopes.add(Participation.Scope.campaign(c.id())));
        return scopes;
    }

    /**
     * The pool: live for the coalition's organisers ({@code live}); otherwise the published release, with the
     * contributions of the members in {@code ownMembers} (the caller's organisations) live and the others published.
     */
    @Transactional(readOnly = true)
    public Pool pool(Organisation coalition, List<Coalitions.Membership> accepted, boolean live, Set<UUID> ownMembers) {
        LocalDate today = ProgrammeCalendar.today(clock);
        LocalDate start = start(accepted);
        var ref = Ref.coalition(coalition.id());
        Measured measured = start == null
                ? Measured.unknown(Unknown.NO_MEMBERS)
                : live ? live(ref, start, today) : release(ref, start);
        var shares = new ArrayList<Share>();
        for (var member : accepted) {
            LocalDate since = Objects.requireNonNull(member.acceptedOn(), "an accepted member has a day");
            var memberRef = Ref.coalitionMember(member.id());
            Measured mine = live || ownMembers.contains(member.organisationId())
                    ? live(memberRef, since, today)
                    : release(memberRef, since);
            shares.add(new Share(member, mine, outputs(coalition.id(), member, today), percent(mine, measured)));
        }
        return new Pool(
                coalition,
                live,
                start,
                today,
                measured,
                pooledOutputs(coalition.id(), accepted, start, today),
                start == null ? List.of() : impact.methodologyVersions(ref),
                shares,
                published.minimumGroupSize());
    }

    private Measured live(Ref ref, LocalDate from, LocalDate to) {
        var filter = ReportedImpact.Filter.period(from, to);
        return new Measured(
                impact.figures(ref, filter, ASSUMPTIONS),
                Unknown.KNOWN,
                impact.breakdown(ref, filter, ReportedImpact.Dimension.CATEGORY),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.MONTH),
                0,
                null);
    }

    private Measured release(Ref ref, LocalDate from) {
        var release = published.release(ref, from, ASSUMPTIONS);
        if (release.through() == null) {
            return Measured.unknown(Unknown.NOT_PUBLISHED);
        }
        if (release.withheld() || release.figures() == null) {
            return new Measured(null, Unknown.WITHHELD, List.of(), List.of(), 0, release.through());
        }
        var byCategory = release.by(ReportedImpact.Dimension.CATEGORY);
        var byMonth = release.byMonth();
        int suppressed = (int) (byCategory.stream()
                        .filter(PublishedImpact.Published::suppressed)
                        .count()
                + byMonth.stream().filter(PublishedImpact.Published::suppressed).count());
        return new Measured(
                release.figures(), Unknown.KNOWN, shown(byCategory), shown(byMonth), suppressed, release.through());
    }

    private static List<ReportedImpact.Line> shown(List<PublishedImpact.Published> lines) {
        return lines.stream()
                .map(PublishedImpact.Published::line)
                .filter(Objects::nonNull)
                .map(Objects::requireNonNull)
                .toList();
    }

    private static @Nullable Integer percent(Measured part, Measured whole) {
        var p = part.figures();
        var w = whole.figures();
        if (p == null || w == null || w.gramsRestated() <= 0) {
            return null;
        }
        return (int) Math.round(100.0 * p.gramsRestated() / w.gramsRestated());
    }

    private Outputs outputs(UUID coalitionId, Coalitions.Membership member, LocalDate today) {
        LocalDate since = Objects.requireNonNull(member.acceptedOn(), "an accepted member has a day");
        var figures = training.of(coalitionId, List.of(member.organisationId()), since, today)
                .byGrantee()
                .get(member.organisationId());
        return new Outputs(
                communities.ofOrganisation(member.organisationId()).size(),
                campaigns.ofOrganisation(member.organisationId()).size(),
                eventsHeld(member.organisationId(), since),
                projects(List.of(member.organisationId()), since),
                figures == null
                        ? training.of(coalitionId, List.of(), since, today).programme()
                        : figures);
    }

    private Outputs pooledOutputs(
            UUID coalitionId, List<Coalitions.Membership> accepted, @Nullable LocalDate start, LocalDate today) {
        var members = new LinkedHashMap<UUID, LocalDate>();
        accepted.forEach(m -> members.put(m.organisationId(), Objects.requireNonNull(m.acceptedOn())));
        LocalDate from = start == null ? today : start;
        int groupsOwn =
                start == null ? 0 : communities.ofOrganisation(coalitionId).size();
        int campaignsOwn =
                start == null ? 0 : campaigns.ofOrganisation(coalitionId).size();
        int eventsOwn = start == null ? 0 : eventsHeld(coalitionId, start);
        int communityCount = groupsOwn, campaignCount = campaignsOwn, eventCount = eventsOwn;
        var projects = new ArrayList<Awards.Project>();
        for (var entry : members.entrySet()) {
            communityCount += communities.ofOrganisation(entry.getKey()).size();
            campaignCount += campaigns.ofOrganisation(entry.getKey()).size();
            eventCount += eventsHeld(entry.getKey(), entry.getValue());
            projects.addAll(projects(List.of(entry.getKey()), entry.getValue()));
        }
        return new Outputs(
                communityCount,
                campaignCount,
                eventCount,
                projects,
                training.of(coalitionId, members.keySet(), from, today).programme());
    }

    /** Events of the organisation that started between the day and now. */
    private int eventsHeld(UUID organisationId, LocalDate since) {
        var from = since.atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
        var now = clock.instant();
        return (int) events.ofOrganisation(organisationId).stream()
                .filter(e -> !e.startsAt().isBefore(from) && !e.startsAt().isAfter(now))
                .count();
    }

    /** Funded projects of the organisations still running on or after the day. */
    private List<Awards.Project> projects(List<UUID> organisations, LocalDate since) {
        return awards.ofOrganisations(organisations).stream()
                .filter(p -> !p.endsOn().isBefore(since))
                .toList();
    }
}
