import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for perf/overload.sh against POST /api/v1/records, each request a random participant, a fresh idempotency key
 * and a plausible trip (as perf/FixedRate.java).
 *
 * <pre>
 * closed <base-url> <tokens> <clients> <warm-up-s> <seconds>
 *     closed loop: each client sends its next request when the last is answered; prints the 2xx answers per second
 *     of the measured part (the capacity C) and the share of other answers.
 * open <base-url> <tokens> <out-prefix> <rate>:<seconds>[,<rate>:<seconds>...] [warm-up-s=10]
 *     after warm-up-s unmeasured at the first rate, open loop at fixed arrival rates, stage after stage (latency measured from when each request was due: no
 *     coordinated omission); writes <out-prefix>-stages.csv (one line per stage: answers by kind, p50/p99 of the 2xx
 *     and of the 503 answers), <out-prefix>-timeline.csv (per second, by due time) and <out-prefix>-acked.csv (key
 *     and record id of every 2xx answer, to check the ledger against).
 * </pre>
 */
public class Overload {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String base = args[1];
        List<String> tokens = Files.readAllLines(Path.of(args[2])).stream()
                .filter(t -> !t.isBlank())
                .toList();
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        if (args[0].equals("closed")) {
            closed(http, base, tokens, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            open(http, base, tokens, args[3], args[4], args.length > 5 ? Integer.parseInt(args[5]) : 10);
        }
    }

    static HttpRequest request(String base, List<String> tokens, String key) {
        var random = ThreadLocalRandom.current();
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/records"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())))
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(Trips.random(random)))
                .build();
    }

    static void closed(HttpClient http, String base, List<String> tokens, int clients, int warmUp, int seconds)
            throws Exception {
        long nonce = System.nanoTime();
        long start = System.nanoTime();
        long measuredFrom = start + warmUp * 1_000_000_000L;
        long end = measuredFrom + seconds * 1_000_000_000L;
        var ok = new AtomicLong();
        var other = new AtomicLong();
        var errors = new AtomicLong();
        var counter = new AtomicLong();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    var request = request(base, tokens, "closed-" + nonce + "-" + counter.incrementAndGet());
                    boolean measured = System.nanoTime() >= measuredFrom;
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (measured && System.nanoTime() < end) {
                            (status / 100 == 2 ? ok : other).incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        if (measured) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        // capacity (2xx per second), then the other answers and the errors of the measured part
        System.out.printf("%.0f,%d,%d,%d%n", ok.get() / (double) seconds, ok.get(), other.get(), errors.get());
    }

    /** One answer: when it was due (ns after the start), how long it took from then, its status (0: no answer). */
    record Answer(long dueNanos, long latencyNanos, int status) {}

    static void open(HttpClient http, String base, List<String> tokens, String prefix, String plan, int warmUp)
            throws Exception {
        record Stage(int rate, int seconds) {}
        var stages = Arrays.stream(plan.split(","))
                .map(s -> new Stage(Integer.parseInt(s.split(":")[0]), Integer.parseInt(s.split(":")[1])))
                .toList();
        // The generator's own warm-up (its JIT, its connections), at the first stage's rate, answers not counted: a
        // fresh generator's first seconds would otherwise count as the platform's latency (as in perf/FixedRate.java).
        warmUp(http, base, tokens, stages.getFirst().rate(), warmUp);
        int total = stages.stream().mapToInt(s -> s.rate() * s.seconds()).sum();
        var answers = new Answer[total];
        var acked = new ConcurrentLinkedQueue<String>();
        var outstanding = new CountDownLatch(total);
        long nonce = System.nanoTime();
        long start = System.nanoTime() + 100_000_000L;
        long stageStart = start;
        int i = 0;
        for (Stage stage : stages) {
            long period = 1_000_000_000L / stage.rate();
            for (int n = 0; n < stage.rate() * stage.seconds(); n++, i++) {
                long due = stageStart + n * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String key = "overload-" + nonce + "-" + i;
                int index = i;
                http.sendAsync(request(base, tokens, key), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            long latency = System.nanoTime() - due;
                            int status = failure != null ? 0 : response.statusCode();
                            answers[index] = new Answer(due - start, latency, status);
                            if (status / 100 == 2) {
                                Matcher id = ID.matcher(response.body());
                                acked.add(key + "," + (id.find() ? id.group(1) : ""));
                            }
                            outstanding.countDown();
                        });
            }
            stageStart += stage.seconds() * 1_000_000_000L;
        }
        outstanding.await();

        var lines = new ArrayList<String>();
        lines.add(
                "stage,rate,seconds,sent,ok_2xx,busy_503,other_non2xx,errors,ok_p50_ms,ok_p99_ms,busy_p50_ms,busy_p99_ms,"
                        + "busy_max_ms,all_p99_ms");
        int from = 0;
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            int to = from + stage.rate() * stage.seconds();
            var slice = Arrays.asList(answers).subList(from, to);
            long[] ok = latencies(slice, a -> a.status() / 100 == 2);
            long[] busy = latencies(slice, a -> a.status() == 503);
            long[] all = latencies(slice, a -> true);
            long others = slice.stream()
                    .filter(a -> a.status() != 0 && a.status() / 100 != 2 && a.status() != 503)
                    .count();
            long errors = slice.stream().filter(a -> a.status() == 0).count();
            lines.add("%d,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s"
                    .formatted(
                            s + 1,
                            stage.rate(),
                            stage.seconds(),
                            slice.size(),
                            ok.length,
                            busy.length,
                            others,
                            errors,
                            ms(ok, 0.5),
                            ms(ok, 0.99),
                            ms(busy, 0.5),
                            ms(busy, 0.99),
                            ms(busy, 1.0),
                            ms(all, 0.99)));
            from = to;
        }
        Files.write(Path.of(prefix + "-stages.csv"), lines);

        var timeline = new ArrayList<String>();
        timeline.add("second,sent,ok_2xx,busy_503,other,errors,ok_p99_ms");
        long seconds = stages.stream().mapToLong(Stage::seconds).sum();
        for (long second = 0; second < seconds; second++) {
            long lo = second * 1_000_000_000L;
            long hi = lo + 1_000_000_000L;
            var slice = Arrays.stream(answers)
                    .filter(a -> a.dueNanos() >= lo && a.dueNanos() < hi)
                    .toList();
            timeline.add("%d,%d,%d,%d,%d,%d,%s"
                    .formatted(
                            second,
                            slice.size(),
                            slice.stream().filter(a -> a.status() / 100 == 2).count(),
                            slice.stream().filter(a -> a.status() == 503).count(),
                            slice.stream()
                                    .filter(a -> a.status() != 0 && a.status() / 100 != 2 && a.status() != 503)
                                    .count(),
                            slice.stream().filter(a -> a.status() == 0).count(),
                            ms(latencies(slice, a -> a.status() / 100 == 2), 0.99)));
        }
        Files.write(Path.of(prefix + "-timeline.csv"), timeline);
        Files.write(
                Path.of(prefix + "-acked.csv"), acked, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println(String.join("\n", lines));
    }

    static void warmUp(HttpClient http, String base, List<String> tokens, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        var outstanding = new CountDownLatch(total);
        long nonce = System.nanoTime();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // Keys outside the run's ("overload-"), so the ledger check counts only measured requests.
            http.sendAsync(request(base, tokens, "warm-" + nonce + "-" + i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> outstanding.countDown());
        }
        outstanding.await();
    }

    static long[] latencies(List<Answer> answers, java.util.function.Predicate<Answer> which) {
        return answers.stream()
                .filter(which)
                .mapToLong(Answer::latencyNanos)
                .sorted()
                .toArray();
    }

    static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "";
        }
        return "%.1f"
                .formatted(sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6);
    }

    /** A plausible trip, as perf/FixedRate.java sends them (nearly every one credited). */
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
