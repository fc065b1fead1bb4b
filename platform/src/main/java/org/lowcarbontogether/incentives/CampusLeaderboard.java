package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.lowcarbontogether.account.Organisations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campus leaderboards: points earned in a period (by activity day, claw-backs deducted) by the members of campus
 * associations. Campuses are ranked by points per member, so a small campus can lead a large one; totals and the
 * share of active members are shown beside it. Within a campus, members are ranked by their points; equal points share
 * a rank (1, 2, 2, 4). The list of individuals is shown to the campus's own members only.
 */
@Service
public class CampusLeaderboard {

    /** One campus in the period. */
    public record CampusRow(
            int rank,
            UUID campusId,
            String name,
            int members,
            int activeMembers,
            long points,
            BigDecimal pointsPerMember) {}

    /** One member of a campus in the period. */
    public record MemberRow(int rank, UUID userId, String displayName, long points) {}

    private final JdbcClient jdbc;
    private final Organisations organisations;

    CampusLeaderboard(JdbcClient jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    @Transactional(readOnly = true)
    public List<CampusRow> campuses(LocalDate from, LocalDate to) {
        var campuses = organisations.all().stream()
                .filter(o -> o.kind() == Organisations.Kind.CAMPUS_ASSOCIATION)
                .toList();
        Map<UUID, List<Organisations.PublicMember>> members = new HashMap<>();
        List<UUID> everyone = new ArrayList<>();
        for (var campus : campuses) {
            var list = organisations.members(campus.id());
            members.put(campus.id(), list);
            list.forEach(m -> everyone.add(m.userId()));
        }
        Map<UUID, Long> earned = earned(everyone, from, to);
        List<CampusRow> rows = new ArrayList<>();
        for (var campus : campuses) {
            var list = Objects.requireNonNull(members.get(campus.id()), "put in above");
            long total = list.stream()
                    .mapToLong(m -> earned.getOrDefault(m.userId(), 0L))
                    .sum();
            int active = (int) list.stream()
                    .filter(m -> earned.getOrDefault(m.userId(), 0L) > 0)
                    .count();
            BigDecimal perMember = list.isEmpty()
                    ? BigDecimal.ZERO
                    : BigDecimal.valueOf(total).divide(BigDecimal.valueOf(list.size()), 1, RoundingMode.HALF_EVEN);
            rows.add(new CampusRow(0, campus.id(), campus.name(), list.size(), active, total, perMember));
        }
        rows.sort(Comparator.comparing(CampusRow::pointsPerMember).reversed().thenComparing(CampusRow::name));
        List<CampusRow> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            int rank = i > 0 && rows.get(i - 1).pointsPerMember().compareTo(row.pointsPerMember()) == 0
                    ? ranked.get(i - 1).rank()
                    : i + 1;
            ranked.add(new CampusRow(
                    rank,
                    row.campusId(),
                    row.name(),
                    row.members(),
                    row.activeMembers(),
                    row.points(),
                    row.pointsPerMember()));
        }
        return ranked;
    }

    /** The members of one campus ranked by points — for the campus's members only (empty for anyone else). */
    @Transactional(readOnly = true)
    public Optional<List<MemberRow>> members(UUID viewerId, UUID campusId, LocalDate from, LocalDate to) {
        var campus = organisations.all().stream()
                .filter(o -> o.id().equals(campusId) && o.kind() == Organisations.Kind.CAMPUS_ASSOCIATION)
                .findFirst();
        if (campus.isEmpty()) {
            return Optional.empty();
        }
        var list = organisations.members(campusId);
        if (list.stream().noneMatch(m -> m.userId().equals(viewerId))) {
            return Optional.empty();
        }
        Map<UUID, Long> earned =
                earned(list.stream().map(Organisations.PublicMember::userId).toList(), from, to);
        ToLongFunction<Organisations.PublicMember> pointsOf = m -> earned.getOrDefault(m.userId(), 0L);
        var sorted = list.stream()
                .sorted(Comparator.comparingLong(pointsOf)
                        .reversed()
                        .thenComparing(Organisations.PublicMember::displayName))
                .toList();
        List<MemberRow> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            var member = sorted.get(i);
            long points = pointsOf.applyAsLong(member);
            int rank = i > 0 && rows.get(i - 1).points() == points
                    ? rows.get(i - 1).rank()
                    : i + 1;
            rows.add(new MemberRow(rank, member.userId(), member.displayName(), points));
        }
        return Optional.of(rows);
    }

    private Map<UUID, Long> earned(List<UUID> people, LocalDate from, LocalDate to) {
        Map<UUID, Long> earned = new HashMap<>();
        if (people.isEmpty()) {
            return earned;
        }
        jdbc.sql("""
                        select user_id, sum(points) from points_entry
                        where user_id = any(:people) and kind in ('EARNED', 'CLAWBACK') and day between :from and :to
                        group by user_id""")
                .param("people", people.stream().distinct().toArray(UUID[]::new))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> earned.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        return earned;
    }
}
