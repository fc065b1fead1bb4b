package org.lowcarbontogether.grants.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ProgrammeTraining;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.training.TrainingOutputs;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A programme's training figures as the office page, the executive summary and its PDF show them: the programme's
 * line, one table row per grantee (the header first) and the note on what the change means, in the reader's language.
 */
@Component
class TrainingLines {

    /** The programme's paragraphs (its counts, its change per window, the note) and the grantees' table. */
    record Lines(List<String> programme, List<List<String>> table) {

        public List<String> header() {
            return table.getFirst();
        }

        public List<List<String>> rows() {
            return table.subList(1, table.size());
        }
    }

    private final MessageSource messages;

    TrainingLines(MessageSource messages) {
        this.messages = messages;
    }

    Lines of(ProgrammeTraining.View view, Locale locale) {
        var p = view.programme();
        var programme = new ArrayList<String>();
        programme.add(text("summary.trainingIntro", locale));
        programme.add(text(
                "summary.trainingFigures",
                locale,
                p.courses(),
                p.sessions(),
                trainees(p, view.minimumGroupSize(), locale),
                p.ngosTrained()));
        for (var change : p.change()) {
            programme.add(change(change, view.minimumGroupSize(), locale));
        }
        programme.add(text("summary.trainingNote", locale, view.minimumGroupSize()));
        var table = new ArrayList<List<String>>();
        table.add(List.of(
                text("summary.trainingGrantee", locale),
                text("summary.trainingCourses", locale),
                text("summary.trainingSessions", locale),
                text("summary.trainingTrainees", locale),
                text("summary.trainingNgos", locale),
                text("summary.trainingChange4", locale),
                text("summary.trainingChange12", locale)));
        for (var g : view.grantees()) {
            var f = g.figures();
            var row = new ArrayList<String>(List.of(
                    g.organisationName(),
                    String.valueOf(f.courses()),
                    String.valueOf(f.sessions()),
                    trainees(f, view.minimumGroupSize(), locale),
                    String.valueOf(f.ngosTrained())));
            for (var change : f.change()) {
                row.add(cell(change, view.minimumGroupSize(), locale));
            }
            table.add(row);
        }
        return new Lines(programme, table);
    }

    private String trainees(TrainingOutputs.Figures f, int minimum, Locale locale) {
        Integer trainees = f.trainees();
        return trainees == null ? text("summary.trainingFewer", locale, minimum) : String.valueOf(trainees);
    }

    private String change(TrainingOutputs.Change c, int minimum, Locale locale) {
        if (c.people() == 0) {
            return text("summary.trainingChangePending", locale, c.weeks());
        }
        if (c.suppressed()) {
            return text("summary.trainingChangeSuppressed", locale, c.weeks(), minimum);
        }
        return text(
                "summary.trainingChange",
                locale,
                c.weeks(),
                Objects.requireNonNullElse(c.sharePercentBefore(), 0),
                Objects.requireNonNullElse(c.sharePercentAfter(), 0),
                kg(c.weeklyGramsBefore()),
                kg(c.weeklyGramsAfter()),
                c.people());
    }

    private String cell(TrainingOutputs.Change c, int minimum, Locale locale) {
        if (c.people() == 0) {
            return "—";
        }
        if (c.suppressed()) {
            return text("summary.trainingFewer", locale, minimum);
        }
        return text(
                "summary.trainingCell",
                locale,
                Objects.requireNonNullElse(c.sharePercentBefore(), 0),
                Objects.requireNonNullElse(c.sharePercentAfter(), 0),
                kg(c.weeklyGramsBefore()),
                kg(c.weeklyGramsAfter()),
                c.people());
    }

    private static String kg(@Nullable Long grams) {
        return CarbonQuantity.ofGrams(grams == null ? 0 : grams).kilogramsText(2);
    }

    private String text(String key, Locale locale, Object... args) {
        return Objects.requireNonNull(messages.getMessage(key, args, key, locale));
    }
}
