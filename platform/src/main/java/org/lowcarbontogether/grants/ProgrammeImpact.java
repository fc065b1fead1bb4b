package org.lowcarbontogether.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Participation.Retention;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.PotentialModels;
import org.lowcarbontogether.reporting.PublishedImpact;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;

/**
 * A programme's and its projects' impact for a period, as every page, export, report and the open data show it: one
 * definition ({@link ReportedImpact}) applied to the programme's roll-up and each project's.
 */
@Service
public class ProgrammeImpact {

    /** A project's figures in a report; {@code withheld} when the public may not see them (fewer people than the minimum). */
    public record ProjectFigures(Awards.Project project, ReportedImpact.Figures figures, boolean withheld) {}

    /**
     * What the public is shown: figures published by calendar month through {@code through} (none yet when null), the
     * month selected if any, when the next month is published, and whether the figures are withheld (too few people).
     */
    public record Publication(
            @Nullable YearMonth through,
            @Nullable YearMonth month,
            @Nullable LocalDate next,
            boolean withheld) {}

    /**
     * A programme's figures for a period. {@code suppressedLines} counts the breakdown lines left out because fewer than
     * the minimum number of people make them up, and {@code publication} says what was published (public views only;
     * null for the office's live view). The potential is null when it is not published.
     */
    public record View(
            Programmes.Programme programme,
            ReportedImpact.Filter filter,
            ReportedImpact.Figures figures,
            ReportedImpact.@Nullable Potential potential,
            List<ReportedImpact.Line> byMonth,
            List<ReportedImpact.Line> byCategory,
            List<ReportedImpact.Line> byRegion,
            List<ReportedImpact.Line> byEvidence,
            List<ProjectFigures> projects,
            long awardedFen,
            int calls,
            int minimumGroupSize,
            int suppressedLines,
            @Nullable Publication publication,
            PotentialModels.@Nullable Comparison models) {}

    /**
     * One programme in the office's side-by-side view: the years its calls opened (its cycles), and its live view over
     * its whole life so far under the same definitions as every other programme.
     */
    public record Compared(List<Integer> cycles, View view) {
        public PotentialModels.@Nullable Result model(String key) {
            var models = view.models();
            return models == null ? null : models.of(key);
        }
    }

    /** The programmes whose office the caller is in (every programme for an administrator), newest first, side by side. */
    public List<Compared> compared(Actor me) {
        var today = today();
        return programmes.all().stream()
                .filter(p -> programmes.isOfficer(me, p.id()))
                .map(p -> new Compared(
                        calls.ofProgramme(p.id()).stream()
                                .map(c -> c.opensOn().getYear())
                                .distinct()
                                .sorted()
                                .toList(),
                        view(p.id(), defaultPeriod(p.id(), today))))
                .toList();
    }

    /** The hits the seed programme reported for its first phase ("more than 4 million"), to show the reach model at its scale. */
    public static final long SEED_HITS = 4_000_000L;

    /** The reach model of the current version at the seed programme's hits: how a headline of its form is derived. */
    public PotentialModels.@Nullable Result atSeedScale() {
        return potentialModels
                .compare(new PotentialModels.Inputs(null, java.math.BigDecimal.ONE, SEED_HITS, 0))
                .of("REACH");
    }

    /** A version of the potential models, with its parameters and their sources. */
    public PotentialModels.Version potentialModelVersion(String id) {
        return potentialModels.version(id);
    }

    /** The methodology versions of the records a programme counted (the current one when it counted none yet). */
    public List<String> methodologyVersions(UUID programmeId) {
        return impact.methodologyVersions(ImpactRollups.Ref.programme(programmeId));
    }

    /** A line of the open data: its figures, or nothing when fewer people than the minimum make it up. */
    public record OpenLine(
            String key,
            boolean suppressed,
            @Nullable Long behaviours,
            @Nullable Long gramsRecorded,
            @Nullable Long gramsRestated,
            @Nullable Long participants) {}

    private final Programmes programmes;
    private final Awards awards;
    private final GrantCalls calls;
    private final ReportedImpact impact;
    private final PublishedImpact published;
    private final TrustReports trustReports;
    private final Clock clock;
    private final PotentialModels potentialModels;

    private final ReportedOutputs reportedOutputs;

    ProgrammeImpact(
            Programmes programmes,
            Awards awards,
            GrantCalls calls,
            ReportedImpact impact,
            PublishedImpact published,
            TrustReports trustReports,
            PotentialModels potentialModels,
            ReportedOutputs reportedOutputs,
            Clock clock) {
        this.reportedOutputs = reportedOutputs;
        this.potentialModels = potentialModels;
        this.trustReports = trustReports;
        this.programmes = programmes;
        this.awards = awards;
        this.calls = calls;
        this.impact = impact;
        this.published = published;
        this.clock = clock;
    }

    /**
     * The live view the programme's office sees: every figure for any period and filter, however few people make it
     * up. Nobody else may see it.
     */
    public View view(UUID programmeId, ReportedImpact.Filter filter) {
        var programme = programmes.get(programmeId);
        var ref = ImpactRollups.Ref.programme(programmeId);
        var projects = awards.ofProgramme(programmeId).stream()
                .map(p -> new ProjectFigures(
                        p, impact.figures(ImpactRollups.Ref.project(p.id()), filter, programme.assumptions()), false))
                .toList();
        var figures = impact.figures(ref, filter, programme.assumptions());
        var potential = impact.potential(ref, filter.to(), programme.assumptions());
        return new View(
                programme,
                filter,
                figures,
                potential,
                impact.breakdown(ref, filter, ReportedImpact.Dimension.MONTH),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.CATEGORY),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.REGION),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.EVIDENCE),
                projects,
                projects.stream().mapToLong(p -> p.project().amountFen()).sum(),
                calls.ofProgramme(programmeId).size(),
                published.minimumGroupSize(),
                0,
                null,
                // Accepted off-platform reach is the reach model's own input, beside the platform's hits; a published
                // release counts the platform's hits only (the reporting module publishes it).
                potentialModels.compare(new PotentialModels.Inputs(
                        potential.annualGrams(),
                        programme.assumptions().persistence(),
                        figures.reach().hits(),
                        reportedOutputs.acceptedInProgramme(programmeId).reach())));
    }

    /**
     * What the public sees of a programme: its published release (see {@link PublishedImpact}) — the whole published
     * period, or one published calendar month, optionally narrowed to one category, region or evidence level, at the
     * granularities the release publishes. A selection the release suppresses is refused (422), as is a month not yet
     * published.
     */
    public View publicView(
            UUID programmeId,
            @Nullable YearMonth month,
            @Nullable String evidence,
            @Nullable String region,
            @Nullable String category) {
        var programme = programmes.get(programmeId);
        LocalDate start = defaultPeriod(programmeId, today()).from();
        var release = published.release(ImpactRollups.Ref.programme(programmeId), start, programme.assumptions());
        var projects = awards.ofProgramme(programmeId).stream()
                .map(this::publicProject)
                .toList();
        long awarded = projects.stream().mapToLong(p -> p.project().amountFen()).sum();
        int callCount = calls.ofProgramme(programmeId).size();
        var selection = selection(evidence, region, category);
        var filter = new ReportedImpact.Filter(
                release.from(), release.to(), blankToNull(evidence), blankToNull(region), blankToNull(category));
        if (release.through() == null || release.withheld()) {
            return new View(
                    programme,
                    filter,
                    NOTHING,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    projects,
                    awarded,
                    callCount,
                    release.minimumGroupSize(),
                    0,
                    new Publication(release.through(), null, release.nextPublication(), true),
                    null);
        }
        if (month != null && (month.isAfter(release.through()) || month.isBefore(YearMonth.from(release.from())))) {
            throw Refusal.unacceptable(
                    "impact-month-not-published",
                    "month",
                    month.toString(),
                    release.through().toString());
        }
        var publication = new Publication(release.through(), month, release.nextPublication(), false);
        int[] suppressed = {0};
        Function<List<PublishedImpact.Published>, List<ReportedImpact.Line>> shown = lines -> {
            suppressed[0] += (int)
                    lines.stream().filter(PublishedImpact.Published::suppressed).count();
            return lines.stream()
                    .filter(l -> !l.suppressed())
                    .map(PublishedImpact.Published::line)
                    .toList();
        };
        if (selection == null && month == null) {
            return new View(
                    programme,
                    filter,
                    Objects.requireNonNull(release.figures(), "a release that is not withheld has figures"),
                    release.potential(),
                    shown.apply(release.byMonth()),
                    shown.apply(release.by(ReportedImpact.Dimension.CATEGORY)),
                    shown.apply(release.by(ReportedImpact.Dimension.REGION)),
                    shown.apply(release.by(ReportedImpact.Dimension.EVIDENCE)),
                    projects,
                    awarded,
                    callCount,
                    release.minimumGroupSize(),
                    suppressed[0],
                    publication,
                    publishedModels(release, programme));
        }
        if (selection == null) {
            // no selection and no month was answered above
            var line = one(release.byMonth(), Objects.requireNonNull(month).toString());
            var monthFilter = new ReportedImpact.Filter(month.atDay(1), month.atEndOfMonth(), null, null, null);
            return new View(
                    programme,
                    monthFilter,
                    partial(line, month.atDay(1), month.atEndOfMonth(), programmeId),
                    null,
                    List.of(line),
                    shown.apply(release.in(ReportedImpact.Dimension.CATEGORY, month)),
                    shown.apply(release.in(ReportedImpact.Dimension.REGION, month)),
                    shown.apply(release.in(ReportedImpact.Dimension.EVIDENCE, month)),
                    projects,
                    awarded,
                    callCount,
                    release.minimumGroupSize(),
                    suppressed[0],
                    publication,
                    null);
        }
        var dimension = selection.dimension();
        if (month == null) {
            var line = one(release.by(dimension), selection.value());
            var byMonth = new ArrayList<ReportedImpact.Line>();
            for (var m : release.byMonth()) {
                release.in(dimension, YearMonth.parse(m.key())).stream()
                        .filter(c -> c.key().equals(selection.value()))
                        .findFirst()
                        .ifPresent(c -> byMonth.addAll(shown.apply(List.of(new PublishedImpact.Published(
                                m.key(),
                                c.suppressed(),
                                c.behaviours(),
                                c.gramsRecorded(),
                                c.gramsRestated(),
                                c.participants())))));
            }
            return new View(
                    programme,
                    filter,
                    partial(line, release.from(), release.to(), null),
                    null,
                    byMonth,
                    List.of(),
                    List.of(),
                    List.of(),
                    projects,
                    awarded,
                    callCount,
                    release.minimumGroupSize(),
                    suppressed[0],
                    publication,
                    null);
        }
        var cell = one(release.in(dimension, month), selection.value());
        var monthFilter = new ReportedImpact.Filter(
                month.atDay(1), month.atEndOfMonth(), filter.evidence(), filter.region(), filter.category());
        return new View(
                programme,
                monthFilter,
                partial(cell, month.atDay(1), month.atEndOfMonth(), null),
                null,
                List.of(new ReportedImpact.Line(
                        month.toString(),
                        cell.behaviours(),
                        cell.gramsRecorded(),
                        cell.gramsRestated(),
                        cell.participants())),
                List.of(),
                List.of(),
                List.of(),
                projects,
                awarded,
                callCount,
                release.minimumGroupSize(),
                suppressed[0],
                publication,
                null);
    }

    /**
     * The models as published with a release; a release kept from before the models were versioned is shown under the
     * first version, so its figures never move either.
     */
    private PotentialModels.@Nullable Comparison publishedModels(
            PublishedImpact.Release release, Programmes.Programme programme) {
        if (release.models() != null) {
            return release.models();
        }
        var figures = Objects.requireNonNull(release.figures(), "a release that is not withheld has figures");
        var potential = release.potential();
        return PotentialModels.compare(
                potentialModels.versions().getFirst(),
                new PotentialModels.Inputs(
                        potential == null ? null : potential.annualGrams(),
                        programme.assumptions().persistence(),
                        figures.reach().hits(),
                        0));
    }

    private static final ReportedImpact.Figures NOTHING = new ReportedImpact.Figures(
            0, 0, 0, 0, new Retention(30, 0, 0), new Retention(90, 0, 0), new ReportedImpact.ReachFigures(0, 0, 0));

    /** The one published line with this key; a suppressed or absent one is refused like a selection too small to show. */
    private ReportedImpact.Line one(List<PublishedImpact.Published> lines, String key) {
        return lines.stream()
                .filter(l -> l.key().equals(key))
                .findFirst()
                .filter(l -> !l.suppressed())
                .map(PublishedImpact.Published::line)
                .orElseThrow(() -> new Refusal(
                        Refusal.Kind.UNACCEPTABLE, "impact-group-too-small", "filter", published.minimumGroupSize()));
    }

    /** A published line as figures: retention is published for the whole release only; reach for the programme's months. */
    private ReportedImpact.Figures partial(
            ReportedImpact.Line line, LocalDate from, LocalDate to, @Nullable UUID programmeForReach) {
        var reach = programmeForReach == null
                ? new ReportedImpact.ReachFigures(0, 0, 0)
                : impact.figures(ImpactRollups.Ref.programme(programmeForReach), ReportedImpact.Filter.period(from, to))
                        .reach();
        return new ReportedImpact.Figures(
                line.behaviours(),
                line.gramsRecorded(),
                line.gramsRestated(),
                line.participants(),
                new Retention(30, 0, 0),
                new Retention(90, 0, 0),
                reach);
    }

    private record Selection(ReportedImpact.Dimension dimension, String value) {}

    private static @Nullable Selection selection(
            @Nullable String evidence, @Nullable String region, @Nullable String category) {
        var chosen = new ArrayList<Selection>();
        String evidenceChosen = blankToNull(evidence);
        if (evidenceChosen != null) {
            chosen.add(new Selection(ReportedImpact.Dimension.EVIDENCE, evidenceChosen.toUpperCase(Locale.ROOT)));
        }
        String regionChosen = blankToNull(region);
        if (regionChosen != null) {
            chosen.add(new Selection(ReportedImpact.Dimension.REGION, regionChosen));
        }
        String categoryChosen = blankToNull(category);
        if (categoryChosen != null) {
            chosen.add(new Selection(ReportedImpact.Dimension.CATEGORY, categoryChosen.toUpperCase(Locale.ROOT)));
        }
        if (chosen.size() > 1) {
            throw Refusal.unacceptable("impact-one-selection", "filter");
        }
        return chosen.isEmpty() ? null : chosen.getFirst();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A project as the public sees it: its published totals, or withheld when fewer people than the minimum make them up. */
    public ProjectFigures publicProject(Awards.Project project) {
        var programme = programmes.get(project.programmeId());
        var release =
                published.release(ImpactRollups.Ref.project(project.id()), project.startsOn(), programme.assumptions());
        var figures = release.figures();
        boolean withheld = release.through() == null || release.withheld() || figures == null;
        return new ProjectFigures(project.publicView(), withheld || figures == null ? NOTHING : figures, withheld);
    }

    /** A project's live figures, for its grantee and the programme's office. */
    public ReportedImpact.Figures project(UUID projectId, ReportedImpact.Filter filter) {
        return impact.figures(
                ImpactRollups.Ref.project(awards.project(projectId).id()), filter);
    }

    public int minimumGroupSize() {
        return published.minimumGroupSize();
    }

    /**
     * Open data for anyone: the published release's lines by month, or by category, region or evidence level over the
     * published period or within one published month; suppressed lines have no figures.
     */
    public List<OpenLine> openData(UUID programmeId, ReportedImpact.Dimension by, @Nullable YearMonth month) {
        var programme = programmes.get(programmeId);
        var release = published.release(
                ImpactRollups.Ref.programme(programmeId),
                defaultPeriod(programmeId, today()).from(),
                programme.assumptions());
        if (release.through() == null || release.withheld()) {
            return List.of();
        }
        if (month != null && (month.isAfter(release.through()) || month.isBefore(YearMonth.from(release.from())))) {
            throw Refusal.unacceptable(
                    "impact-month-not-published",
                    "month",
                    month.toString(),
                    release.through().toString());
        }
        var lines = month == null || by == ReportedImpact.Dimension.MONTH ? release.by(by) : release.in(by, month);
        return lines.stream()
                .map(l -> new OpenLine(
                        l.key(),
                        l.suppressed(),
                        l.behaviours(),
                        l.gramsRecorded(),
                        l.gramsRestated(),
                        l.participants()))
                .toList();
    }

    /**
     * The programme's trust report: live over its whole life for its office; for everyone else over the published
     * months, with small groups left out, or none while nothing is published.
     */
    public TrustReports.@Nullable Report trust(UUID programmeId, boolean office) {
        var programme = programmes.get(programmeId);
        LocalDate start = defaultPeriod(programmeId, today()).from();
        if (office) {
            return trustReports.report(ImpactRollups.Ref.programme(programmeId), start, today(), 0);
        }
        var release = published.release(ImpactRollups.Ref.programme(programmeId), start, programme.assumptions());
        return release.through() == null || release.withheld()
                ? null
                : trustReports.report(
                        ImpactRollups.Ref.programme(programmeId),
                        release.from(),
                        release.to(),
                        release.minimumGroupSize());
    }

    /** A project's trust report: live for its grantee and the office, published months for everyone else. */
    public TrustReports.@Nullable Report projectTrust(Awards.Project project, boolean manage) {
        var ref = ImpactRollups.Ref.project(project.id());
        if (manage) {
            return trustReports.report(ref, project.startsOn(), today(), 0);
        }
        var release = published.release(
                ref, project.startsOn(), programmes.get(project.programmeId()).assumptions());
        return release.through() == null || release.withheld()
                ? null
                : trustReports.report(ref, release.from(), release.to(), release.minimumGroupSize());
    }

    /** The programme's whole-life reduction by gas basis, for its office. */
    public List<ReportedImpact.GasShare> gasShares(UUID programmeId) {
        programmes.get(programmeId);
        return impact.byGasBasis(ImpactRollups.Ref.programme(programmeId));
    }

    /** The office's open data: live lines for any period, nothing suppressed. */
    public List<OpenLine> liveOpenData(UUID programmeId, ReportedImpact.Filter filter, ReportedImpact.Dimension by) {
        programmes.get(programmeId);
        return impact.breakdown(ImpactRollups.Ref.programme(programmeId), filter, by).stream()
                .map(l -> new OpenLine(
                        l.key(), false, l.behaviours(), l.gramsRecorded(), l.gramsRestated(), l.participants()))
                .toList();
    }

    private LocalDate today() {
        return ProgrammeCalendar.today(clock);
    }

    /** The period a report covers when none is asked for: from the programme's first project start to today. */
    public ReportedImpact.Filter defaultPeriod(UUID programmeId, LocalDate today) {
        LocalDate from = awards.ofProgramme(programmeId).stream()
                .map(Awards.Project::startsOn)
                .min(LocalDate::compareTo)
                .orElse(today.minusYears(1));
        return ReportedImpact.Filter.period(from, today);
    }
}
