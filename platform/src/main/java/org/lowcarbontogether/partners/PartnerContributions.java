package org.lowcarbontogether.partners;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.reporting.PublishedImpact;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each partner contributed, per partner and per scenario: activities sent, credited, held, refused (with the
 * rate and the reasons) and reversed, the reduction credited and the people credited — live activities only, by the
 * day they happened (programme calendar), as the programme's figures count them.
 * <p>
 * Officers see live figures for any period. Everyone else sees the published months only (the same rule as the
 * programme's figures: a month is published once no record can be made for it any more), and a line that fewer people
 * than the minimum group size make up is suppressed — together with a second line of the same partner when it alone
 * would reveal it by subtraction from the partner's total.
 */
@Service
public class PartnerContributions {

    /** A refusal reason (a problem code) and how many activities it refused. */
    public record Reason(String code, long activities) {}

    /**
     * A partner's total (scenario null) or one of its scenarios ({@code scenario} empty when the activity was refused
     * before a scenario was known). Figures are null when suppressed; {@code refusalRate} is refused ÷ sent.
     */
    public record Line(
            UUID partnerId,
            String partnerEn,
            String partnerZh,
            @Nullable String scenario,
            @Nullable String scenarioEn,
            @Nullable String scenarioZh,
            boolean suppressed,
            @Nullable Long sent,
            @Nullable Long credited,
            @Nullable Long held,
            @Nullable Long refused,
            @Nullable Long reversed,
            @Nullable Long gramsCredited,
            @Nullable Long participants,
            @Nullable BigDecimal refusalRate,
            List<Reason> reasons) {

        public String partner(boolean chinese) {
            return chinese ? partnerZh : partnerEn;
        }

        public @Nullable String scenarioLabel(boolean chinese) {
            return chinese ? scenarioZh : scenarioEn;
        }

        public boolean total() {
            return scenario == null;
        }

        Line suppress() {
            return new Line(
                    partnerId,
                    partnerEn,
                    partnerZh,
                    scenario,
                    scenarioEn,
                    scenarioZh,
                    true,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of());
        }
    }

    /**
     * The figures over a period ({@code from} to {@code to}, inclusive days): live for officers; for everyone else the
     * published months ({@code publishedThrough} null while nothing is published).
     */
    public record Contributions(
            LocalDate from,
            LocalDate to,
            boolean live,
            @Nullable YearMonth publishedThrough,
            int minimumGroupSize,
            int suppressedLines,
            List<Line> lines) {}

    /** The first month a partner could have sent anything: the published period starts there. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private final JdbcClient jdbc;
    private final PublishedImpact published;

    private final Clock clock;

    PartnerContributions(JdbcClient jdbc, PublishedImpact published, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.published = published;
    }

    /** Whether the actor may see live figures (programme officers and administrators). */
    public static boolean seesLive(Actor actor) {
        return actor.hasRole(Role.PROGRAMME_OFFICER) || actor.hasRole(Role.ADMIN);
    }

    /** Live figures for any period, for programme officers and administrators. */
    public Contributions live(Actor officer, LocalDate from, LocalDate to) {
        Partners.requireOfficer(officer);
        if (to.isBefore(from)) {
            throw Refusal.invalid("audit-range-reversed", "to");
        }
        return new Contributions(from, to, true, null, published.minimumGroupSize(), 0, lines(from, to));
    }

    /**
     * The published figures: every published month, or one of them. A month not yet published is refused (422), as the
     * programme's figures refuse it.
     */
    public Contributions published(@Nullable YearMonth month) {
        YearMonth through = published.publishedThrough(FIRST_DAY);
        int minimum = published.minimumGroupSize();
        if (month != null && (through == null || month.isAfter(through))) {
            throw Refusal.unacceptable(
                    "impact-month-not-published",
                    "month",
                    month.toString(),
                    through == null ? "—" : through.toString());
        }
        if (through == null) {
            var today = ProgrammeCalendar.dayOf(clock.instant());
            return new Contributions(today, today, false, null, minimum, 0, List.of());
        }
        LocalDate from = month == null ? FIRST_DAY : month.atDay(1);
        LocalDate to = month == null ? through.atEndOfMonth() : month.atEndOfMonth();
        var lines = suppressed(counted(from, to), minimum);
        int hidden = (int) lines.stream().filter(Line::suppressed).count();
        return new Contributions(from, to, false, through, minimum, hidden, lines);
    }

    private record Counted(Line line, long people) {}

    private List<Counted> counted(LocalDate from, LocalDate to) {
        var reasons = new LinkedHashMap<String, List<Reason>>();
        jdbc.sql("""
                        select a.partner_id, grouping(a.scenario) = 1 as total, coalesce(a.scenario, '') as scenario,
                            a.reasons[1] as reason, count(*) as n
                        from partner_activity a
                        where a.mode = 'LIVE' and a.outcome = 'REFUSED'
                            and a.occurred_on between :from and :to
                        group by grouping sets ((a.partner_id, a.reasons[1]), (a.partner_id, a.scenario, a.reasons[1]))
                        order by n desc, reason""")
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query(rs -> {
                    String key = rs.getObject("partner_id", UUID.class) + "/"
                            + (rs.getBoolean("total") ? "*" : rs.getString("scenario"));
                    reasons.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Reason(String.valueOf(rs.getString("reason")), rs.getLong("n")));
                });
        return jdbc.sql("""
                        select a.partner_id, p.name_en, p.name_zh, grouping(a.scenario) = 1 as total,
                            coalesce(a.scenario, '') as scenario, s.label_en, s.label_zh,
                            count(*) as sent,
                            count(*) filter (where a.outcome = 'CREDITED') as credited,
                            count(*) filter (where a.outcome = 'HELD') as held,
                            count(*) filter (where a.outcome = 'REFUSED') as refused,
                            count(*) filter (where a.outcome = 'REVERSED') as reversed,
                            coalesce(sum(a.reduction_grams) filter (where a.outcome = 'CREDITED'), 0) as grams,
                            count(distinct a.user_id) filter (where a.outcome = 'CREDITED') as participants,
                            count(distinct a.user_id) as people
                        from partner_activity a
                            join partner p on p.id = a.partner_id
                            left join partner_scenario s on s.partner_id = a.partner_id and s.code = a.scenario
                        where a.mode = 'LIVE' and a.occurred_on between :from and :to
                        group by grouping sets ((a.partner_id, p.name_en, p.name_zh),
                            (a.partner_id, p.name_en, p.name_zh, a.scenario, s.label_en, s.label_zh))
                        order by p.name_en, a.partner_id, total desc, scenario""")
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> {
                    UUID partner = rs.getObject("partner_id", UUID.class);
                    boolean total = rs.getBoolean("total");
                    String scenario = rs.getString("scenario");
                    long sent = rs.getLong("sent");
                    long refused = rs.getLong("refused");
                    return new Counted(
                            new Line(
                                    partner,
                                    rs.getString("name_en"),
                                    rs.getString("name_zh"),
                                    total ? null : scenario,
                                    total ? null : rs.getString("label_en"),
                                    total ? null : rs.getString("label_zh"),
                                    false,
                                    sent,
                                    rs.getLong("credited"),
                                    rs.getLong("held"),
                                    refused,
                                    rs.getLong("reversed"),
                                    rs.getLong("grams"),
                                    rs.getLong("participants"),
                                    sent == 0
                                            ? null
                                            : BigDecimal.valueOf(refused)
                                                    .divide(BigDecimal.valueOf(sent), 4, RoundingMode.HALF_UP),
                                    reasons.getOrDefault(partner + "/" + (total ? "*" : scenario), List.of())),
                            rs.getLong("people"));
                })
                .list();
    }

    private List<Line> lines(LocalDate from, LocalDate to) {
        return counted(from, to).stream().map(Counted::line).toList();
    }

    /**
     * Lines of fewer people than the minimum are suppressed; when a partner's total is shown and exactly one of its
     * scenario lines is suppressed, the smallest other one is suppressed too (else the total would reveal it), and when
     * there is no other, the total.
     */
    private static List<Line> suppressed(List<Counted> counted, int minimum) {
        var byPartner = new LinkedHashMap<UUID, List<Counted>>();
        counted.forEach(c -> byPartner
                .computeIfAbsent(c.line().partnerId(), k -> new ArrayList<>())
                .add(c));
        var out = new ArrayList<Line>();
        for (var group : byPartner.values()) {
            var hidden = new boolean[group.size()];
            for (int i = 0; i < group.size(); i++) {
                hidden[i] = group.get(i).people() < minimum;
            }
            int totalIndex = -1;
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).line().total()) {
                    totalIndex = i;
                }
            }
            if (totalIndex >= 0 && !hidden[totalIndex]) {
                long hiddenScenarios = countHidden(group, hidden);
                if (hiddenScenarios == 1) {
                    int smallest = -1;
                    for (int i = 0; i < group.size(); i++) {
                        if (i != totalIndex
                                && !hidden[i]
                                && (smallest < 0
                                        || group.get(i).people()
                                                < group.get(smallest).people())) {
                            smallest = i;
                        }
                    }
                    hidden[smallest >= 0 ? smallest : totalIndex] = true;
                }
            }
            for (int i = 0; i < group.size(); i++) {
                out.add(
                        hidden[i]
                                ? group.get(i).line().suppress()
                                : group.get(i).line());
            }
        }
        return out;
    }

    private static long countHidden(List<Counted> group, boolean[] hidden) {
        long n = 0;
        for (int i = 0; i < group.size(); i++) {
            if (hidden[i] && !group.get(i).line().total()) {
                n++;
            }
        }
        return n;
    }
}
