package org.lowcarbontogether.grants;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A programme's and its projects' impact for a period, as every page, export, report and the open data show it: one
 * definition ({@link ReportedImpact}) applied to the programme's roll-up and each project's.
 */
@Service
public class ProgrammeImpact {

    public record ProjectFigures(Awards.Project project, ReportedImpact.Figures figures) {}

    /**
     * A programme's figures for a period. {@code suppressedLines} counts the breakdown lines left out because fewer than
     * the minimum number of people make them up (public views only).
     */
    public record View(Programmes.Programme programme, ReportedImpact.Filter filter, ReportedImpact.Figures figures,
            ReportedImpact.Potential potential, List<ReportedImpact.Line> byMonth, List<ReportedImpact.Line> byCategory,
            List<ReportedImpact.Line> byRegion, List<ReportedImpact.Line> byEvidence, List<ProjectFigures> projects,
            long awardedFen, int calls, int minimumGroupSize, int suppressedLines) {}

    /** A line of the open data: its figures, or nothing when fewer people than the minimum make it up. */
    public record OpenLine(String key, boolean suppressed, @Nullable Long behaviours, @Nullable Long gramsRecorded,
            @Nullable Long gramsRestated, @Nullable Long participants) {}

    private final Programmes programmes;
    private final Awards awards;
    private final GrantCalls calls;
    private final ReportedImpact impact;
    private final int minimumGroupSize;

    ProgrammeImpact(Programmes programmes, Awards awards, GrantCalls calls, ReportedImpact impact,
            @Value("${lct.open-data.min-group-size:10}") int minimumGroupSize) {
        this.programmes = programmes;
        this.awards = awards;
        this.calls = calls;
        this.impact = impact;
        this.minimumGroupSize = minimumGroupSize;
    }

    /** The view the programme's officers see: every figure, however few people make it up. */
    public View view(UUID programmeId, ReportedImpact.Filter filter) {
        return view(programmeId, filter, true);
    }

    /**
     * The programme's figures. For the public ({@code full} false) no figure may describe fewer people than the minimum
     * group size: breakdown lines that small are left out — with a second one when a single left-out line could be
     * recovered from the total — and a filtered selection (evidence level, region, category, or a period other than
     * the programme's life) that small is refused.
     */
    public View view(UUID programmeId, ReportedImpact.Filter filter, boolean full) {
        var programme = programmes.get(programmeId);
        var ref = ImpactRollups.Ref.programme(programmeId);
        var figures = impact.figures(ref, filter, programme.assumptions());
        boolean narrowed = filter.evidence() != null || filter.region() != null || filter.category() != null
                || !filter.from().equals(defaultPeriod(programmeId, filter.to()).from());
        if (!full && narrowed && figures.participants() < minimumGroupSize) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "impact-group-too-small", "filter", minimumGroupSize);
        }
        var projects = awards.ofProgramme(programmeId).stream()
                .map(p -> new ProjectFigures(full ? p : p.publicView(),
                        impact.figures(ImpactRollups.Ref.project(p.id()), filter, programme.assumptions())))
                .toList();
        int[] suppressed = {0};
        java.util.function.Function<List<ReportedImpact.Line>, List<ReportedImpact.Line>> shown = lines -> {
            if (full) {
                return lines;
            }
            var kept = suppress(lines);
            suppressed[0] += lines.size() - kept.size();
            return kept;
        };
        return new View(programme, filter, figures, impact.potential(ref, filter.to(), programme.assumptions()),
                shown.apply(impact.breakdown(ref, filter, ReportedImpact.Dimension.MONTH)),
                shown.apply(impact.breakdown(ref, filter, ReportedImpact.Dimension.CATEGORY)),
                shown.apply(impact.breakdown(ref, filter, ReportedImpact.Dimension.REGION)),
                shown.apply(impact.breakdown(ref, filter, ReportedImpact.Dimension.EVIDENCE)), projects,
                projects.stream().mapToLong(p -> p.project().amountFen()).sum(), calls.ofProgramme(programmeId).size(),
                minimumGroupSize, suppressed[0]);
    }

    /** Leaves out lines of fewer people than the minimum, and one more when a single left-out line could be worked out. */
    List<ReportedImpact.Line> suppress(List<ReportedImpact.Line> lines) {
        var kept = new java.util.ArrayList<>(lines.stream().filter(l -> l.participants() >= minimumGroupSize).toList());
        if (lines.size() - kept.size() == 1 && !kept.isEmpty()) {
            kept.stream().min(java.util.Comparator.comparingLong(ReportedImpact.Line::participants)).ifPresent(kept::remove);
        }
        return kept;
    }

    public ReportedImpact.Figures project(UUID projectId, ReportedImpact.Filter filter) {
        return impact.figures(ImpactRollups.Ref.project(awards.project(projectId).id()), filter);
    }

    public int minimumGroupSize() {
        return minimumGroupSize;
    }

    /** Aggregates for anyone, with every group of fewer than the minimum number of people suppressed (and one more where needed). */
    public List<OpenLine> openData(UUID programmeId, ReportedImpact.Filter filter, ReportedImpact.Dimension by) {
        programmes.get(programmeId);
        var lines = impact.breakdown(ImpactRollups.Ref.programme(programmeId), filter, by);
        var shown = suppress(lines);
        return lines.stream()
                .map(l -> !shown.contains(l)
                        ? new OpenLine(l.key(), true, null, null, null, null)
                        : new OpenLine(l.key(), false, l.behaviours(), l.gramsRecorded(), l.gramsRestated(), l.participants()))
                .toList();
    }

    /** The period a report covers when none is asked for: from the programme's first project start to today. */
    public ReportedImpact.Filter defaultPeriod(UUID programmeId, LocalDate today) {
        LocalDate from = awards.ofProgramme(programmeId).stream().map(Awards.Project::startsOn).min(LocalDate::compareTo)
                .orElse(today.minusYears(1));
        return ReportedImpact.Filter.period(from, today);
    }
}
