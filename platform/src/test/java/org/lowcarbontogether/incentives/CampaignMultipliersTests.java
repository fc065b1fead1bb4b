package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which joined campaign's multiplier a credit earns, as the earning listener picks it for a whole batch. */
class CampaignMultipliersTests {

    static final UUID PERSON = UUID.randomUUID();
    static final Instant JOINED = Instant.parse("2026-11-01T00:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-10");

    static CampaignMultipliers.Joined campaign(String id, String multiplier, List<String> behaviours, String region) {
        return new CampaignMultipliers.Joined(
                UUID.fromString(id),
                "c" + id.charAt(0),
                new BigDecimal(multiplier),
                JOINED,
                LocalDate.parse("2026-11-05"),
                LocalDate.parse("2026-11-10"),
                behaviours,
                region);
    }

    static CampaignMultipliers.Memberships memberships(CampaignMultipliers.Joined... joined) {
        return new CampaignMultipliers.Memberships(Map.of(PERSON, List.of(joined)));
    }

    @Test
    void theHighestCoveringMultiplierWinsAndTiesGoToTheLowestId() {
        var low = campaign("00000000-0000-0000-0000-000000000001", "1.50", List.of(), null);
        var high = campaign("f0000000-0000-0000-0000-000000000001", "2.00", List.of(), null);
        var tie = campaign("80000000-0000-0000-0000-000000000001", "2.0", List.of(), null);
        var best = memberships(low, high, tie)
                .best(PERSON, "METRO", DAY, "CN-SH", JOINED.plusSeconds(1))
                .orElseThrow();
        // PostgreSQL orders uuids by their bytes: 8… comes before f…, whatever Java's signed comparison says.
        assertThat(best.id()).isEqualTo(tie.campaignId());
        assertThat(best.multiplier()).isEqualByComparingTo("2");
    }

    @Test
    void aCampaignCoversItsBehavioursDaysRegionAndSubRegionsFromWhenThePersonJoined() {
        var cycling = campaign("00000000-0000-0000-0000-000000000001", "1.5", List.of("CYCLE"), "CN-SH");
        var m = memberships(cycling);
        Instant after = JOINED.plusSeconds(1);
        assertThat(m.best(PERSON, "CYCLE", DAY, "CN-SH", after)).isPresent();
        assertThat(m.best(PERSON, "CYCLE", DAY, "CN-SH-PD", after))
                .as("a sub-region")
                .isPresent();
        assertThat(m.best(PERSON, "CYCLE", LocalDate.parse("2026-11-05"), "CN-SH", after))
                .as("first day")
                .isPresent();
        assertThat(m.best(PERSON, "CYCLE", DAY, "CN-SHX", after))
                .as("a region that merely starts alike")
                .isEmpty();
        assertThat(m.best(PERSON, "CYCLE", DAY, "CN", after))
                .as("the parent region")
                .isEmpty();
        assertThat(m.best(PERSON, "CYCLE", DAY, null, after)).as("no region").isEmpty();
        assertThat(m.best(PERSON, "METRO", DAY, "CN-SH", after))
                .as("another behaviour")
                .isEmpty();
        assertThat(m.best(PERSON, "CYCLE", DAY.plusDays(1), "CN-SH", after))
                .as("after the campaign")
                .isEmpty();
        assertThat(m.best(PERSON, "CYCLE", DAY, "CN-SH", JOINED.minusSeconds(1)))
                .as("booked before joining")
                .isEmpty();
        assertThat(m.best(UUID.randomUUID(), "CYCLE", DAY, "CN-SH", after))
                .as("someone else")
                .isEmpty();
    }
}
