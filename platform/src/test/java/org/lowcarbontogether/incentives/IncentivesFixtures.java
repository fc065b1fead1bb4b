package org.lowcarbontogether.incentives;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Points and rewards for tests, earned and listed through the real paths. */
public final class IncentivesFixtures {

    private IncentivesFixtures() {}

    /** Records a behaviour through the records path (self-report, Shanghai) and returns its receipt. */
    public static RecordReceipt record(
            Recording recording,
            UUID userId,
            String behaviour,
            String quantity,
            String unit,
            OffsetDateTime occurredAt) {
        var submission = new RecordSubmission(behaviour, new BigDecimal(quantity), unit, occurredAt, "CN-SH", null);
        return recording
                .submitInTransaction(userId, UUID.randomUUID().toString(), submission, Recording.Channel.API)
                .receipt();
    }

    /** Waits until the person has this many points entries, and returns them (newest first). */
    public static List<PointsEntry> awaitEntries(Points points, UUID userId, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> points.entries(userId, 1000).size() >= count);
        return points.entries(userId, 1000);
    }

    /** Earns some points with three trips today and returns the balance once they are booked. */
    public static long earnSomePoints(Recording recording, Points points, UUID userId) {
        var now = OffsetDateTime.now();
        record(recording, userId, "METRO_INSTEAD_OF_CAR", "12", "km", now.minusHours(3));
        record(recording, userId, "BUS_INSTEAD_OF_CAR", "7.5", "km", now.minusHours(2));
        record(recording, userId, "ELECTRICITY_SAVED", "3", "kWh", now.minusHours(1));
        awaitEntries(points, userId, 3);
        return points.summary(userId).balance();
    }

    public static Rewards.Draft draft(Rewards.Kind kind, long cost, @Nullable Integer stock) {
        boolean donation = kind.isDonation();
        return new Rewards.Draft(
                kind,
                "Test " + kind.name().toLowerCase(),
                "测试奖励",
                "A reward for tests.",
                "测试用的奖励。",
                cost,
                stock,
                LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30),
                1,
                List.of(),
                null,
                false,
                donation ? new BigDecimal("10.00") : null,
                donation ? "Green River Fund" : null);
    }

    static long count(JdbcClient jdbc, String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object p : params) {
            statement = statement.param(p);
        }
        return statement.query(Long.class).single();
    }
}
