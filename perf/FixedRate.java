import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator for the record API: requests are sent at a fixed arrival rate whatever the answers take,
 * and each latency is measured from the moment the request was due, not sent — so a stall shows in the percentiles
 * instead of slowing the load (no coordinated omission).
 *
 * <p>The generator first sends at the same rate for {@code warm-up-seconds} (default 10) without recording: its own JIT and
 * its connections would otherwise show in the first seconds' latencies as if they were the platform's.
 *
 * <p>usage: java perf/FixedRate.java <base-url> <tokens-file> <requests-per-second> <seconds> [warm-up-seconds]
 * prints: CSV fields rate,seconds,sent,ok,non2xx,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,achieved_rps (measured part)
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream()
                .filter(t -> !t.isBlank())
                .toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmUp = rate * (args.length > 4 ? Integer.parseInt(args[4]) : 10);
        int total = warmUp + rate * seconds;
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        var ok = new AtomicLong();
        var non2xx = new AtomicLong();
        var errors = new AtomicLong();
        // Completed requests are counted, not kept: holding every response until the end made each young collection of
        // this generator copy them all again — pauses of 30–80 ms, which it then measured as the server's latency.
        var outstanding = new CountDownLatch(total);
        long nonce = System.nanoTime();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        long measuredStart = start + warmUp * period;
        long measuredStartEpochMs = System.currentTimeMillis() + (measuredStart - System.nanoTime()) / 1_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            var random = ThreadLocalRandom.current();
            String body = Trips.random(random);
            var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/records"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())))
                    .header("Idempotency-Key", "fixed-" + nonce + "-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (index >= warmUp) {
                    latencies[index] = System.nanoTime() - due;
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else if (response.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                    } else {
                        non2xx.incrementAndGet();
                    }
                }
                outstanding.countDown();
            });
        }
        long sendEnd = System.nanoTime();
        outstanding.await();
        String timeline = System.getenv("FIXED_RATE_TIMELINE");
        if (timeline != null) {
            writeTimeline(Path.of(timeline), latencies, warmUp, rate, measuredStartEpochMs);
        }
        long[] done = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        int measured = total - warmUp;
        System.out.printf(
                "%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.0f%n",
                rate,
                seconds,
                measured,
                ok.get(),
                non2xx.get(),
                errors.get(),
                ms(done, 0.50),
                ms(done, 0.90),
                ms(done, 0.99),
                ms(done, 0.999),
                done[done.length - 1] / 1e6,
                measured / ((sendEnd - measuredStart) / 1e9));
    }

    /** Per second of the run (by when each request was due): requests, p50, p99 and max, to see whether a tail is spread or bunched. */
    static void writeTimeline(Path file, long[] latencies, int warmUp, int rate, long startEpochMs)
            throws java.io.IOException {
        var lines = new java.util.ArrayList<String>();
        lines.add("second,epoch_ms,requests,p50_ms,p99_ms,max_ms");
        for (int from = warmUp, second = 0; from < latencies.length; from += rate, second++) {
            long[] slice = Arrays.stream(latencies, from, Math.min(latencies.length, from + rate))
                    .filter(l -> l >= 0)
                    .sorted()
                    .toArray();
            if (slice.length > 0) {
                lines.add(String.format(
                        "%d,%d,%d,%.1f,%.1f,%.1f",
                        second,
                        startEpochMs + second * 1000L,
                        slice.length,
                        ms(slice, 0.5),
                        ms(slice, 0.99),
                        slice[slice.length - 1] / 1e6));
            }
        }
        Files.write(file, lines);
    }

    static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /**
     * A plausible trip, as people record them: one of four travel modes with a distance that mode allows, some time in
     * the last 29 days (the API takes records up to 30 days old). Short enough trips spread this wide rarely pass a
     * mode's daily cap even with 200 participants, so nearly every record is credited — the full, dearer path — rather
     * than flagged (with one mode of 1–30 km over 20 days, 85 % of a P1 run was flagged).
     */
    static final class Trips {
        static final String[] MODES = {
            "METRO_INSTEAD_OF_CAR", "BUS_INSTEAD_OF_CAR", "CYCLE_INSTEAD_OF_CAR", "WALK_INSTEAD_OF_CAR"
        };
        static final int[] MAX_KM = {10, 10, 8, 4};

        static String random(ThreadLocalRandom random) {
            int mode = random.nextInt(MODES.length);
            String when = OffsetDateTime.now(ZoneOffset.UTC)
                    .minusMinutes(random.nextInt(60, 29 * 24 * 60))
                    .withNano(0)
                    .toString();
            return "{\"behaviour\":\"%s\",\"quantity\":%d.%d,\"unit\":\"km\",\"occurredAt\":\"%s\",\"region\":\"CN-GD\"}"
                    .formatted(MODES[mode], random.nextInt(1, MAX_KM[mode]), random.nextInt(0, 10), when);
        }
    }
}
