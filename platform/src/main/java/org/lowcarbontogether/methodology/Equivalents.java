package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A reduction in terms a person can picture: the kilometres an average car would have had to stay parked to avoid the
 * same emissions, from the methodology's own cited car factor (so the comparison is traceable like every figure).
 */
@Service
public class Equivalents {

    /** The car factor the comparison uses: DESNZ's average car, unknown fuel, per vehicle-km. */
    static final String CAR_FACTOR = "EF-CAR-AVG-GB-2025";

    private final Methodology methodology;

    Equivalents(Methodology methodology) {
        this.methodology = methodology;
    }

    /** Kilometres not driven, and the factor, its source and the version that define them. */
    public record DrivingEquivalent(
            BigDecimal kilometres,
            String factorId,
            BigDecimal gramsPerKm,
            String source,
            @Nullable String sourceUrl,
            String methodologyVersion) {}

    public Optional<DrivingEquivalent> drivingKm(long grams) {
        var version = methodology.current();
        return version.factor(CAR_FACTOR).filter(f -> f.value().signum() > 0).map(f -> {
            BigDecimal gramsPerKm = f.value().multiply(f.massUnit().grams());
            var source = version.source(f.sourceId());
            BigDecimal km = BigDecimal.valueOf(grams).divide(gramsPerKm, grams >= 10_000 ? 0 : 1, RoundingMode.HALF_UP);
            return new DrivingEquivalent(
                    km,
                    f.id(),
                    gramsPerKm.stripTrailingZeros(),
                    source.map(MethodologyVersion.Source::publisher).orElse(f.sourceId()),
                    source.map(MethodologyVersion.Source::url).orElse(null),
                    version.version());
        });
    }
}
