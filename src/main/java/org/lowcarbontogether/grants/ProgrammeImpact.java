package org.lowcarbontogether.grants;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A programme's and its projects' impact for a period, as every page, export, report and the open data show it: one
 * definition ({@link ReportedImpact}) applied to the programme's roll-up and each project's.
 */
@Service
public class ProgrammeImpact {

    public record ProjectFigures(Awards.Project project, ReportedImpact.Figures figures) {}

    public record View(Programmes.Programme programme, ReportedImpact.Filter filter, ReportedImpact.Figures figures,
            ReportedImpact.Potential potential, List<ReportedImpact.Line> byMonth, List<ReportedImpact.Line> byCategory,
            List<ReportedImpact.Line> byRegion, List<ReportedImpact.Line> byEvidence, List<ProjectFigures> projects,
            long awardedFen, int calls) {}

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

    public View view(UUID programmeId, ReportedImpact.Filter filter) {
        var programme = programmes.get(programmeId);
        var ref = ImpactRollups.Ref.programme(programmeId);
        var projects = awards.ofProgramme(programmeId).stream()
                .map(p -> new ProjectFigures(p, impact.figures(ImpactRollups.Ref.project(p.id()), filter)))
                .toList();
        return new View(programme, filter, impact.figures(ref, filter), impact.potential(ref, filter.to(), programme.assumptions()),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.MONTH),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.CATEGORY),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.REGION),
                impact.breakdown(ref, filter, ReportedImpact.Dimension.EVIDENCE), projects,
                projects.stream().mapToLong(p -> p.project().amountFen()).sum(), calls.ofProgramme(programmeId).size());
    }

    public ReportedImpact.Figures project(UUID projectId, ReportedImpact.Filter filter) {
        return impact.figures(ImpactRollups.Ref.project(awards.project(projectId).id()), filter);
    }

    public int minimumGroupSize() {
        return minimumGroupSize;
    }

    /** Aggregates for anyone, with every group of fewer than the minimum number of people suppressed. */
    public List<OpenLine> openData(UUID programmeId, ReportedImpact.Filter filter, ReportedImpact.Dimension by) {
        programmes.get(programmeId);
        return impact.breakdown(ImpactRollups.Ref.programme(programmeId), filter, by).stream()
                .map(l -> l.participants() < minimumGroupSize
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
