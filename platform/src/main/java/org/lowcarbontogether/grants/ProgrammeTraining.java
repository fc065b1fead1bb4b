package org.lowcarbontogether.grants;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.training.TrainingOutputs;
import org.springframework.stereotype.Service;

/**
 * A programme's training and capacity building as its office and executive summary report it: per grantee (the
 * organisation of a funded project) and across the programme, the trainings held, the trainees, the NGOs trained and
 * their follow-up change — counted by {@code training} ({@link TrainingOutputs}) over the grantees' courses and the
 * courses for grantees that the programme office's organisation held.
 */
@Service
public class ProgrammeTraining {

    /** One grantee's line: the organisation and its training figures. */
    public record Grantee(UUID organisationId, String organisationName, TrainingOutputs.Figures figures) {}

    /** The programme's figures, each grantee's, and the minimum group size below which figures are withheld. */
    public record View(TrainingOutputs.Figures programme, List<Grantee> grantees, int minimumGroupSize) {}

    private final Programmes programmes;
    private final Awards awards;
    private final TrainingOutputs outputs;

    ProgrammeTraining(Programmes programmes, Awards awards, TrainingOutputs outputs) {
        this.programmes = programmes;
        this.awards = awards;
        this.outputs = outputs;
    }

    /** The training figures of sessions held from … to (both days included). */
    public View of(UUID programmeId, LocalDate from, LocalDate to) {
        var names = new LinkedHashMap<UUID, String>();
        awards.ofProgramme(programmeId).forEach(p -> names.putIfAbsent(p.organisationId(), p.organisationName()));
        var report = outputs.of(programmes.get(programmeId).organisationId(), names.keySet(), from, to);
        var grantees = new ArrayList<Grantee>();
        report.byGrantee()
                .forEach((id, figures) -> grantees.add(new Grantee(id, names.getOrDefault(id, "?"), figures)));
        return new View(report.programme(), grantees, report.minimumGroupSize());
    }
}
