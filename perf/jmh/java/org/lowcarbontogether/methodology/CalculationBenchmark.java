package org.lowcarbontogether.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calculations per second of the pure calculation over the bundled catalogue (1.1.0), held in memory as the platform
 * holds it. The baseline in the same run is a single BigDecimal multiply-and-round, the floor any calculation pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class CalculationBenchmark {

    MethodologyVersion catalogue;
    ActivityInput metro;
    ActivityInput electricity;
    ActivityInput electricCar;
    BigDecimal quantity = new BigDecimal("12.5");
    BigDecimal factor = new BigDecimal("167.25");

    @Setup
    public void load() throws IOException {
        try (InputStream in = CalculationBenchmark.class.getResourceAsStream("/methodology/lct-1.1.0.json")) {
            catalogue = MethodologyDocuments.read(in);
        }
        LocalDate day = LocalDate.of(2026, 11, 28);
        metro = new ActivityInput("METRO_INSTEAD_OF_CAR", new BigDecimal("12"), "km", day, "CN-GD");
        electricity = new ActivityInput("ELECTRICITY_SAVED", new BigDecimal("3"), "kWh", day, "CN-SC");
        electricCar = new ActivityInput(
                "EV_INSTEAD_OF_PETROL_CAR",
                new BigDecimal("30"),
                "km",
                day,
                "CN-BJ",
                Map.of("kWhPerKm", new BigDecimal("0.15")));
    }

    @Benchmark
    public BigDecimal baselineMultiplyAndRound() {
        return quantity.multiply(factor).setScale(0, java.math.RoundingMode.FLOOR);
    }

    @Benchmark
    public void metroTrip(Blackhole hole) {
        hole.consume(Calculator.calculate(catalogue, metro));
    }

    @Benchmark
    public void electricitySavedInAProvince(Blackhole hole) {
        hole.consume(Calculator.calculate(catalogue, electricity));
    }

    @Benchmark
    public void electricCarWithAnInput(Blackhole hole) {
        hole.consume(Calculator.calculate(catalogue, electricCar));
    }
}
