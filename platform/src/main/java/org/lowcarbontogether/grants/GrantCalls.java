package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Calls for proposals: budget, themes, eligibility, weighted criteria and the application window. Public once made. */
@Service
public class GrantCalls {

    /** The programme's themes a call can name. */
    public static final List<String> THEMES = List.of(
            "PERSONAL_CARBON_ACCOUNTS",
            "DAILY_RECORDING",
            "GREEN_GRADUATION",
            "RIDING",
            "PUBLIC_NARRATION",
            "TRAINING",
            "COMMUNITIES");

    public record Criterion(int position, String name, String description, int weight) {}

    public record Call(
            UUID id,
            UUID programmeId,
            String title,
            String description,
            List<String> themes,
            String eligibility,
            long budgetFen,
            long maxGrantFen,
            LocalDate opensOn,
            LocalDate closesOn,
            List<Criterion> criteria,
            long awardedFen) {

        public boolean openOn(LocalDate day) {
            return !day.isBefore(opensOn) && !day.isAfter(closesOn);
        }
    }

    public record CriterionForm(
            @Nullable String name,
            @Nullable String description,
            @Nullable Integer weight) {}

    public record CallForm(
            @Nullable String title,
            @Nullable String description,
            @Nullable List<String> themes,
            @Nullable String eligibility,
            @Nullable Long budgetFen,
            @Nullable Long maxGrantFen,
            @Nullable LocalDate opensOn,
            @Nullable LocalDate closesOn,
            @Nullable List<CriterionForm> criteria) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Programmes programmes;

    GrantCalls(JdbcClient jdbc, Clock clock, Programmes programmes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.programmes = programmes;
    }

    @Transactional
    public Call create(Actor me, UUID programmeId, CallForm form) {
        programmes.officerOf(me, programmeId);
        var violations = new ArrayList<Violation>();
        String title = form.title() == null ? "" : form.title().strip();
        if (title.length() < 3 || title.length() > 200) {
            violations.add(Violation.of("title", "text-length", 3, 200));
        }
        var themes = form.themes() == null
                ? List.<String>of()
                : form.themes().stream()
                        .filter(t -> !t.isBlank())
                        .map(String::strip)
                        .toList();
        themes.stream()
                .filter(t -> !THEMES.contains(t))
                .forEach(t -> violations.add(Violation.of("themes", "value-unknown", t)));
        if (form.budgetFen() == null || form.budgetFen() <= 0) {
            violations.add(Violation.of("budgetFen", "number-range", 1, Long.MAX_VALUE));
        }
        if (form.maxGrantFen() == null
                || form.maxGrantFen() <= 0
                || (form.budgetFen() != null && form.maxGrantFen() > form.budgetFen())) {
            violations.add(Violation.of(
                    "maxGrantFen", "number-range", 1, form.budgetFen() == null ? Long.MAX_VALUE : form.budgetFen()));
        }
        if (form.opensOn() == null) {
            violations.add(Violation.of("opensOn", "field-required", "opensOn"));
        }
        if (form.closesOn() == null
                || (form.opensOn() != null && form.closesOn().isBefore(form.opensOn()))) {
            violations.add(Violation.of("closesOn", "campaign-ends-before-start"));
        }
        var criteria = form.criteria() == null
                ? List.<CriterionForm>of()
                : form.criteria().stream()
                        .filter(c -> c.name() != null && !c.name().isBlank())
                        .toList();
        if (criteria.isEmpty()) {
            violations.add(Violation.of("criteria", "call-criteria-required"));
        }
        int total = criteria.stream()
                .mapToInt(c -> c.weight() == null ? 0 : c.weight())
                .sum();
        if (!criteria.isEmpty()
                && (total != 100 || criteria.stream().anyMatch(c -> c.weight() == null || c.weight() < 1))) {
            violations.add(Violation.of("criteria", "call-weights", total));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into grant_call (id, programme_id, title, description, themes, eligibility, budget_fen, max_grant_fen,
                            opens_on, closes_on, status, created_by, created_at)
                        values (:id, :programme, :title, :description, :themes, :eligibility, :budget, :max, :opens, :closes, 'OPEN',
                            :me, :now)""")
                .param("id", id)
                .param("programme", programmeId)
                .param("title", title)
                .param(
                        "description",
                        form.description() == null ? "" : form.description().strip())
                .param("themes", themes.toArray(String[]::new))
                .param(
                        "eligibility",
                        form.eligibility() == null ? "" : form.eligibility().strip())
                .param("budget", form.budgetFen())
                .param("max", form.maxGrantFen())
                .param("opens", Date.valueOf(form.opensOn()))
                .param("closes", Date.valueOf(form.closesOn()))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        for (int i = 0; i < criteria.size(); i++) {
            var c = criteria.get(i);
            jdbc.sql(
                            "insert into call_criterion (call_id, position, name, description, weight) values (:call, :pos, :name, :d, :w)")
                    .param("call", id)
                    .param("pos", i + 1)
                    .param(
                            "name",
                            Objects.requireNonNull(c.name(), "criteria without a name are left out")
                                    .strip())
                    .param("d", c.description() == null ? "" : c.description().strip())
                    .param("w", c.weight())
                    .update();
        }
        return get(id);
    }

    public Call get(UUID id) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", id)
                .query(this::row)
                .optional()
                .map(this::withCriteria)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "call-unknown", "id", id));
    }

    public List<Call> ofProgramme(UUID programmeId) {
        return jdbc
                .sql(SELECT + " where c.programme_id = :p order by c.opens_on desc")
                .param("p", programmeId)
                .query(this::row)
                .list()
                .stream()
                .map(this::withCriteria)
                .toList();
    }

    public List<Call> all() {
        return jdbc.sql(SELECT + " order by c.closes_on desc").query(this::row).list().stream()
                .map(this::withCriteria)
                .toList();
    }

    /** The call's row, without its criteria: they are read after the row (see {@link #withCriteria}). */
    private Call row(ResultSet rs, int row) throws SQLException {
        return new Call(
                rs.getObject("id", UUID.class),
                rs.getObject("programme_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("themes").getArray()),
                rs.getString("eligibility"),
                rs.getLong("budget_fen"),
                rs.getLong("max_grant_fen"),
                rs.getDate("opens_on").toLocalDate(),
                rs.getDate("closes_on").toLocalDate(),
                List.of(),
                rs.getLong("awarded_fen"));
    }

    // Not inside the row mapper: that would hold one connection while asking for another, and deadlock the pool under
    // load.
    private Call withCriteria(Call call) {
        var criteria = jdbc.sql(
                        "select position, name, description, weight from call_criterion where call_id = :id order by position")
                .param("id", call.id())
                .query(CRITERION_ROWS)
                .list();
        return new Call(
                call.id(),
                call.programmeId(),
                call.title(),
                call.description(),
                call.themes(),
                call.eligibility(),
                call.budgetFen(),
                call.maxGrantFen(),
                call.opensOn(),
                call.closesOn(),
                criteria,
                call.awardedFen());
    }

    private static final RowMapper<Criterion> CRITERION_ROWS = new SimplePropertyRowMapper<>(Criterion.class);

    private static final String SELECT = """
            select c.*, coalesce((select sum(w.amount_fen) from grant_award w join grant_application a on a.id = w.application_id
                where a.call_id = c.id), 0) as awarded_fen
            from grant_call c""";
}
