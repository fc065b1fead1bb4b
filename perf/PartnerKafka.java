import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The partner Kafka benchmark's tools (perf/partner-kafka.sh runs them with the test classpath).
 *
 * <p>usage:
 * <ul>
 * <li>{@code broker}: an embedded single-node KRaft broker (spring-kafka-test) on a free port (printed), until killed;
 * <li>{@code generate <subjects-file> <n> <reference-prefix> <out-file>}: n rides as JSON lines, spread over the
 *     subjects and the last 28 days (a few a day per person, so the plausibility rules credit most);
 * <li>{@code produce <bootstrap> <topic> <jsonl> <rate> <group>}: sends the lines at a fixed rate (key = reference)
 *     and watches the group's committed offset every second until it has them all; prints per-second lines and a CSV
 *     line {@code RESULT,n,target_rps,produced_rps,consumed_rps,max_lag,drain_s};
 * <li>{@code bulk <base-url> <token> <jsonl> <rows-per-upload>}: the same kind of activities through
 *     POST /api/v1/partner/activities/bulk, uploads one after another; prints {@code RESULT,n,rows_per_s,credited}.
 * </ul>
 */
public class PartnerKafka {

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        switch (args[0]) {
            case "broker" -> broker();
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), args[3], Path.of(args[4]));
            case "produce" -> produce(args[1], args[2], Path.of(args[3]), Double.parseDouble(args[4]), args[5]);
            case "bulk" -> bulk(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void broker() throws Exception {
        var broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        System.out.println("BROKER " + broker.getBrokersAsString());
        System.out.flush();
        Thread.currentThread().join();
    }

    static void generate(Path subjectsFile, int n, String prefix, Path outFile) throws Exception {
        var subjects = Files.readAllLines(subjectsFile).stream()
                .filter(s -> !s.isBlank())
                .toList();
        var random = ThreadLocalRandom.current();
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        var out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String subject = subjects.get(i % subjects.size());
            var at = now.minusMinutes(30 + random.nextInt(28 * 24 * 60));
            out.append("{\"subject\":\"")
                    .append(subject)
                    .append("\",\"scenario\":\"rides\",\"behaviour\":\"BIKE_SHARE_INSTEAD_OF_CAR\",\"quantity\":")
                    .append(1 + random.nextInt(60) / 10.0)
                    .append(",\"unit\":\"km\",\"occurredAt\":\"")
                    .append(at)
                    .append("\",\"durationMinutes\":")
                    .append(8 + random.nextInt(20))
                    .append(",\"reference\":\"")
                    .append(prefix)
                    .append(i)
                    .append("\"}\n");
        }
        Files.writeString(outFile, out);
    }

    static void produce(String bootstrap, String topic, Path jsonl, double rate, String group) throws Exception {
        var lines = Files.readAllLines(jsonl).stream()
                .filter(s -> s.startsWith("{"))
                .toList();
        int n = lines.size();
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        var sent = new AtomicLong();
        var lastSent = new AtomicLong();
        var failed = new AtomicReference<Exception>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // The topic exists (and the consumer has it) before the clock starts.
            var partition = new TopicPartition(topic, 0);
            long base = endOffset(admin, partition, bootstrap, producer, topic);
            // ... and the consumer has found it (the pattern subscription sees new topics at its metadata refresh).
            for (int i = 0; i < 120; i++) {
                var at = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                if (at != null && at.offset() >= base) {
                    break;
                }
                Thread.sleep(1000);
            }
            var sender = Thread.ofPlatform().start(() -> {
                long start = System.nanoTime();
                long interval = (long) (1e9 / rate);
                for (int i = 0; i < n; i++) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String line = lines.get(i);
                    String reference = line.substring(line.indexOf("\"reference\":\"") + 13, line.lastIndexOf('"'));
                    producer.send(new ProducerRecord<>(topic, reference, line), (m, e) -> {
                        if (e != null) {
                            failed.set(e);
                        }
                    });
                    sent.incrementAndGet();
                }
                producer.flush();
                lastSent.set(System.nanoTime());
            });
            long t0 = System.nanoTime();
            long maxLag = 0;
            long committed = 0;
            while (committed < n) {
                Thread.sleep(1000);
                if (failed.get() != null) {
                    throw failed.get();
                }
                var offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                committed = offsets.get(partition) == null
                        ? 0
                        : offsets.get(partition).offset() - base;
                long lag = sent.get() - committed;
                maxLag = Math.max(maxLag, lag);
                System.out.printf(
                        "t=%4.0fs sent=%d committed=%d lag=%d%n",
                        (System.nanoTime() - t0) / 1e9, sent.get(), committed, lag);
                if ((System.nanoTime() - t0) / 1e9 > Math.max(120, 5.0 * n / rate)) {
                    throw new IllegalStateException("the consumer did not keep up; stopped waiting");
                }
            }
            sender.join();
            long done = System.nanoTime();
            double seconds = (done - t0) / 1e9;
            double produced = n / ((lastSent.get() - t0) / 1e9);
            System.out.printf(
                    "RESULT,%d,%.0f,%.0f,%.0f,%d,%.1f%n",
                    n, rate, produced, n / seconds, maxLag, (done - lastSent.get()) / 1e9);
        }
    }

    /** The topic's end offset, creating it with a first message if needed (a marker the consumer refuses). */
    static long endOffset(
            Admin admin,
            TopicPartition partition,
            String bootstrap,
            KafkaProducer<String, String> producer,
            String topic)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, "perf-warm-up", "{}")).get();
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
    }

    static void bulk(String base, String token, Path jsonl, int rowsPerUpload) throws Exception {
        var lines = Files.readAllLines(jsonl).stream()
                .filter(s -> s.startsWith("{"))
                .toList();
        var http = HttpClient.newHttpClient();
        long credited = 0;
        long t0 = System.nanoTime();
        for (int from = 0; from < lines.size(); from += rowsPerUpload) {
            var body = String.join("\n", lines.subList(from, Math.min(lines.size(), from + rowsPerUpload)));
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/partner/activities/bulk"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("bulk upload: " + response.statusCode() + " " + response.body());
            }
            var m = java.util.regex.Pattern.compile("\"credited\":(\\d+)").matcher(response.body());
            credited += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT,%d,%.0f,%d%n", lines.size(), lines.size() / seconds, credited);
    }
}
