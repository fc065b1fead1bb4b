package org.lowcarbontogether.incentives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public, versioned points rules: points per credited behaviour and evidence level, daily caps, the newcomer bonus,
 * the bounds of campaign multipliers, levels and badge criteria. Versions ship as JSON documents in
 * {@code src/main/resources/incentives/}; a credit is scored by the version in effect on the day of its activity, and
 * every points entry names the version that scored it.
 */
@Service
public class PointsRules {

    /** Day boundaries of the programme (streaks, caps, validity of rewards). */

    /** One level: reached at {@code minPoints} lifetime earned points. */
    public record Level(int level, long minPoints, LocalizedText name) {}

    /** What a badge asks for; the criterion decides which data it is evaluated on. */
    public enum Criterion {
        /** A first credited behaviour among {@code behaviours}. */
        FIRST_BEHAVIOUR,
        /** {@code threshold} consecutive days with a credited behaviour. */
        STREAK_DAYS,
        /** {@code threshold} grams CO2e net in the carbon account. */
        SAVED_GRAMS,
        STORIES_PUBLISHED,
        EVENTS_ATTENDED,
        COMMUNITIES_JOINED,
        /** {@code threshold} training courses completed (attendance, never a carbon reduction). */
        COURSES_COMPLETED
    }

    /** A badge with its public criterion. */
    public record Badge(
            String code,
            Criterion criterion,
            long threshold,
            List<String> behaviours,
            LocalizedText name,
            LocalizedText description) {
        public Badge {
            behaviours = behaviours == null ? List.of() : List.copyOf(behaviours);
        }
    }

    /** One version of the rules, as published. */
    public record RuleSet(
            String version,
            LocalDate effectiveFrom,
            long basePoints,
            long pointsPerKg,
            Map<String, BigDecimal> evidenceFactors,
            long dailyCapPerBehaviour,
            long dailyCapTotal,
            int newcomerDays,
            BigDecimal newcomerMultiplier,
            BigDecimal campaignMultiplierMin,
            BigDecimal campaignMultiplierMax,
            List<Level> levels,
            List<Badge> badges) {

        public RuleSet {
            evidenceFactors = Map.copyOf(evidenceFactors);
            levels = levels.stream()
                    .sorted(Comparator.comparingLong(Level::minPoints))
                    .toList();
            badges = List.copyOf(badges);
        }

        /** The factor for an evidence level; an unknown level counts as a self-report. */
        public BigDecimal evidenceFactor(String evidence) {
            return evidenceFactors.getOrDefault(evidence, evidenceFactors.getOrDefault("SELF_REPORT", BigDecimal.ONE));
        }

        /** The level reached with this many lifetime earned points. */
        public Level levelFor(long lifetimePoints) {
            Level reached = levels.getFirst();
            for (Level level : levels) {
                if (lifetimePoints >= level.minPoints()) {
                    reached = level;
                }
            }
            return reached;
        }

        /** The next level above this many points, if there is one. */
        public Optional<Level> nextLevel(long lifetimePoints) {
            return levels.stream().filter(l -> l.minPoints() > lifetimePoints).findFirst();
        }

        public Optional<Badge> badge(String code) {
            return badges.stream().filter(b -> b.code().equals(code)).findFirst();
        }
    }

    private final List<RuleSet> versions;
    private final Clock clock;

    PointsRules(JsonMapper json, Clock clock) {
        this.clock = clock;
        this.versions = load(json);
    }

    private static List<RuleSet> load(JsonMapper json) {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath:incentives/points-*.json");
            List<RuleSet> loaded = new ArrayList<>();
            for (Resource resource : resources) {
                try (var in = resource.getInputStream()) {
                    loaded.add(json.readValue(in, RuleSet.class));
                }
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException("No points rules found in classpath:incentives/");
            }
            loaded.sort(Comparator.comparing(RuleSet::effectiveFrom));
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every version, oldest first. */
    public List<RuleSet> versions() {
        return versions;
    }

    /** The version in effect today (programme time). */
    public RuleSet current() {
        return effectiveOn(ProgrammeCalendar.today(clock));
    }

    /** The version in effect on a day: the newest one whose {@code effectiveFrom} is not after it (else the oldest). */
    public RuleSet effectiveOn(LocalDate day) {
        RuleSet chosen = versions.getFirst();
        for (RuleSet version : versions) {
            if (!version.effectiveFrom().isAfter(day)) {
                chosen = version;
            }
        }
        return chosen;
    }
}
