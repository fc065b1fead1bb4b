package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersions.Status;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The methodology's public API: the published versions, held in memory, and the calculation under the one in effect.
 * <p>
 * The versions the methodology library bundles ({@link LowCarbonMethodology#versions()}) are stored as published on
 * start-up; a stored version whose content differs from the shipped file stops the start, because published versions
 * never change. Versions published on the platform are picked up at once on this instance and within a minute on
 * others. The version in effect and every calculation are the library's ({@link Calculator}).
 */
@Service
public class Methodology implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(Methodology.class);
    public static final String CODE = LowCarbonMethodology.CODE;
    /** Versions take effect by the programme's calendar day. */

    /** A published or retired version as held in memory. */
    public record Published(
            MethodologyVersion version,
            String status,
            @Nullable Instant publishedAt,
            String contentHash) {
        public boolean retired() {
            return status.equals(Status.RETIRED.name());
        }
    }

    private final MethodologyVersions versions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Map<SemanticVersion, Published> published = Map.of();

    Methodology(MethodologyVersions versions, TransactionTemplate transactions, Clock clock) {
        this.versions = versions;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        LowCarbonMethodology.versions().forEach(this::storeBundled);
        reload();
    }

    /**
     * Behaviour names by code in the reader's language, from every published version (the current one winning), so a
     * record made under an older version still shows its name.
     */
    public Map<String, String> behaviourNames(Locale locale) {
        var names = new HashMap<String, String>();
        published
                .values()
                .forEach(p -> p.version()
                        .behaviours()
                        .forEach(b -> names.put(b.code(), b.name().in(locale))));
        current().behaviours().forEach(b -> names.put(b.code(), b.name().in(locale)));
        return names;
    }

    /** The version new records are calculated with: the latest published one already in effect. */
    public MethodologyVersion current() {
        return inEffectOn(ProgrammeCalendar.today(clock))
                .orElseThrow(() -> new IllegalStateException("No published methodology version in effect"));
    }

    /**
     * The version in effect on a programme day: the highest-numbered published (not retired) version whose
     * {@code effectiveFrom} is not after it. Two versions may share a day; the higher number governs it. Empty before
     * the first version.
     */
    public Optional<MethodologyVersion> inEffectOn(LocalDate day) {
        return LowCarbonMethodology.inEffectOn(
                published.values().stream()
                        .filter(p -> !p.retired())
                        .map(Published::version)
                        .toList(),
                day);
    }

    /** A published or retired version. */
    public Optional<MethodologyVersion> version(String version) {
        return published(version).map(Published::version);
    }

    public Optional<Published> published(String version) {
        try {
            return Optional.ofNullable(published.get(SemanticVersion.parse(version)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Published and retired versions, newest first. */
    public List<MethodologyVersion> publishedVersions() {
        return history().stream().map(Published::version).toList();
    }

    /** Published and retired versions with their status, newest first. */
    public List<Published> history() {
        return published.entrySet().stream()
                .sorted(Map.Entry.<SemanticVersion, Published>comparingByKey().reversed())
                .map(Map.Entry::getValue)
                .toList();
    }

    /** What a behaviour's reduction is measured in, from the gas bases of the factors it uses. */
    public enum GasBasisGroup {
        /** Every factor counts CO2 equivalents (with a stated or unstated GWP set). */
        CO2E,
        /** Every factor counts CO2 only (for example the MEE/NBS grid factors). */
        CO2_ONLY,
        /** Factors of both kinds are combined (an electric car: petrol CO2e against grid CO2). */
        MIXED
    }

    private final Map<String, Map<String, GasBasisGroup>> gasBases = new ConcurrentHashMap<>();

    /**
     * The gas basis of each behaviour of the version in effect, for a nominal activity in China today: reports use it
     * to say how much of a reduction counts CO2 only.
     */
    public Map<String, GasBasisGroup> gasBases() {
        var version = current();
        return gasBases.computeIfAbsent(version.version(), v -> {
            var bases = new TreeMap<String, GasBasisGroup>();
            LocalDate today = ProgrammeCalendar.today(clock);
            for (var behaviour : version.behaviours()) {
                var inputs = new HashMap<String, BigDecimal>();
                behaviour.parameters().stream()
                        .filter(p -> p.defaultValue() == null)
                        .forEach(p -> inputs.put(
                                p.id(),
                                p.typicalMax() != null && p.typicalMax().signum() > 0
                                        ? p.typicalMax()
                                        : p.max() != null ? p.max() : BigDecimal.ONE));
                if (Calculator.calculate(
                                version,
                                new ActivityInput(
                                        behaviour.code(), BigDecimal.ONE, behaviour.unit(), today, "CN", inputs))
                        instanceof Calculation.Credited credited) {
                    var kinds = credited.factors().stream()
                            .map(f -> f.gasBasis().equals("CO2_ONLY"))
                            .distinct()
                            .toList();
                    bases.put(
                            behaviour.code(),
                            kinds.size() > 1
                                    ? GasBasisGroup.MIXED
                                    : kinds.equals(List.of(true)) ? GasBasisGroup.CO2_ONLY : GasBasisGroup.CO2E);
                }
            }
            return Map.copyOf(bases);
        });
    }

    /** Calculates an activity under the version in effect; a pure, in-memory computation. */
    public Calculation calculate(ActivityInput input) {
        return Calculator.calculate(current(), input);
    }

    /** Calculates an activity under a named published or retired version. */
    public Optional<Calculation> calculate(String version, ActivityInput input) {
        return version(version).map(v -> Calculator.calculate(v, input));
    }

    /** The canonical JSON form of a version, as stored and hashed. */
    public String toJson(MethodologyVersion version) {
        return MethodologyDocuments.write(version);
    }

    private void storeBundled(MethodologyVersion version) {
        SemanticVersion.parse(version.version());
        MethodologyValidation.check(version);
        String document = MethodologyDocuments.write(version);
        String hash = MethodologyDocuments.contentHash(version);
        transactions.executeWithoutResult(status -> {
            var stored = versions.find(version.code(), version.version());
            if (stored.isEmpty()) {
                Instant now = clock.instant();
                versions.insert(version.code(), version.version(), Status.PUBLISHED, document, hash, null, now);
                versions.event(version.code(), version.version(), "PUBLISHED_WITH_PLATFORM", null, null, now);
                log.info("Published bundled methodology {} {}", version.code(), version.version());
            } else if (!stored.get().contentHash().equals(hash)) {
                throw new IllegalStateException("Methodology " + version.code() + " " + version.version()
                        + " is stored with other content than the bundled file; publish a change as a new version");
            }
        });
    }

    /** Reads the published and retired versions into memory. */
    @Scheduled(
            fixedDelayString = "${lct.methodology.refresh:PT1M}",
            initialDelayString = "${lct.methodology.refresh:PT1M}")
    public void reload() {
        var loaded = new TreeMap<SemanticVersion, Published>(Comparator.naturalOrder());
        for (var stored : versions.withStatus(Status.PUBLISHED, Status.RETIRED)) {
            SemanticVersion number = SemanticVersion.parse(stored.version());
            Published known = published.get(number);
            // Published content never changes, so a version already held is not parsed again; only its status may move.
            MethodologyVersion document = known != null && known.contentHash().equals(stored.contentHash())
                    ? known.version()
                    : MethodologyDocuments.read(stored.document());
            loaded.put(
                    number,
                    new Published(document, stored.status().name(), stored.publishedAt(), stored.contentHash()));
        }
        published = Map.copyOf(loaded);
    }

    /** Orders two version numbers (MAJOR.MINOR.PATCH) numerically. */
    public static int compareVersions(String a, String b) {
        return SemanticVersion.parse(a).compareTo(SemanticVersion.parse(b));
    }

    static String sha256(String text) {
        return Hashes.sha256(text);
    }
}
