package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import tools.jackson.databind.JsonNode;

/**
 * Each partner's contribution per partner and scenario: live for officers (sent, credited, refused with the rate and
 * reasons, people credited), published months with small lines suppressed for everyone else, and the dashboard table.
 */
@IntegrationTest
class PartnerContributionsIntegrationTests extends PartnerScenario {

    @BeforeEach
    void setUp() {
        onboard("Tally Eats");
    }

    static JsonNode line(JsonNode contributions, UUID partnerId, String scenario) {
        for (JsonNode line : contributions.get("lines")) {
            if (line.get("partnerId").asString().equals(partnerId.toString())
                    && (scenario == null
                            ? line.get("scenario").isNull()
                            : scenario.equals(line.get("scenario").asString()))) {
                return line;
            }
        }
        throw new AssertionError("No line for " + scenario + " in " + contributions);
    }

    @Test
    void officersSeeLiveFiguresPerPartnerAndScenarioWithRefusalsAndTheirReasons() {
        String token = PartnerFixtures.accessToken(api, live, "activities.write");
        var first = AccountFixtures.person(registration, jdbc);
        var second = AccountFixtures.person(registration, jdbc);
        String a = links.approve(
                        first.id(), first.email(), live.clientId(), List.of("scenario.orders", "scenario.rides"))
                .subject();
        String b = links.approve(second.id(), second.email(), live.clientId(), List.of("scenario.orders"))
                .subject();
        String run = UUID.randomUUID().toString();
        send(token, PartnerFixtures.order(a, "o1-" + run), 201);
        send(token, PartnerFixtures.order(b, "o2-" + run), 201);
        send(token, PartnerFixtures.ride(a, "r1-" + run, "ride-" + run), 201);
        // The second person did not consent to rides: refused, and counted as a refusal of the rides scenario.
        send(token, PartnerFixtures.ride(b, "r2-" + run, "ride2-" + run), 403);

        String officerToken = api.token(officer.email(), AccountFixtures.PASSWORD);
        LocalDate today = LocalDate.now(ProgrammeCalendar.ZONE);
        var response = api.get(
                "/api/v1/open-data/partners?from=" + today.minusDays(2) + "&to=" + today,
                "Authorization",
                bearer(officerToken));
        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("live").asBoolean()).isTrue();

        var total = line(body, partner.id(), null);
        assertThat(total.get("sent").asLong()).isEqualTo(4);
        assertThat(total.get("credited").asLong()).isEqualTo(3);
        assertThat(total.get("refused").asLong()).isEqualTo(1);
        assertThat(total.get("participants").asLong()).isEqualTo(2);
        assertThat(total.get("refusalRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(total.get("gramsCredited").asLong()).isPositive();

        var orders = line(body, partner.id(), "orders");
        assertThat(orders.get("credited").asLong()).isEqualTo(2);
        assertThat(orders.get("participants").asLong()).isEqualTo(2);
        assertThat(orders.get("scenarioEn").asString()).isEqualTo("Orders without disposable cutlery");

        var rides = line(body, partner.id(), "rides");
        assertThat(rides.get("sent").asLong()).isEqualTo(2);
        assertThat(rides.get("refused").asLong()).isEqualTo(1);
        assertThat(rides.get("refusalRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(rides.get("reasons").get(0).get("code").asString()).isEqualTo("scenario-not-consented");
        assertThat(rides.get("reasons").get(0).get("activities").asLong()).isEqualTo(1);
        assertThat(total.get("gramsCredited").asLong())
                .isEqualTo(orders.get("gramsCredited").asLong()
                        + rides.get("gramsCredited").asLong());

        // A free period is the office's: anyone else is told the figures are published by month.
        assertThat(api.get("/api/v1/open-data/partners?from=" + today + "&to=" + today)
                        .status())
                .isEqualTo(422);
        var participant = api.token(first.email(), AccountFixtures.PASSWORD);
        assertThat(api.get(
                                "/api/v1/open-data/partners?from=" + today + "&to=" + today,
                                "Authorization",
                                bearer(participant))
                        .status())
                .isEqualTo(422);
        // This month is not published yet.
        assertThat(api.get("/api/v1/open-data/partners?month=" + YearMonth.from(today))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void thePublicSeesPublishedMonthsWithSmallLinesAndTheLineThatWouldRevealThemSuppressed() {
        // A month long published: 12 people credited in orders, 11 in rides, 3 through a third scenario's refusals.
        YearMonth month = YearMonth.from(LocalDate.now(ProgrammeCalendar.ZONE)).minusMonths(4);
        jdbc.sql("""
                        insert into partner_scenario (partner_id, code, label_en, label_zh, behaviours)
                        values (:partner, 'trips', 'Trips', '出行', '{BIKE_SHARE_INSTEAD_OF_CAR}')""").param("partner", partner.id()).update();
        var rows = new ArrayList<Object[]>();
        for (int i = 0; i < 12; i++) {
            rows.add(new Object[] {"orders", "CREDITED", 120L});
        }
        for (int i = 0; i < 11; i++) {
            rows.add(new Object[] {"rides", "CREDITED", 400L});
        }
        for (int i = 0; i < 3; i++) {
            rows.add(new Object[] {"trips", "REFUSED", 0L});
        }
        int n = 0;
        for (Object[] row : rows) {
            jdbc.sql("""
                            insert into partner_activity (partner_id, mode, reference, user_id, scenario, behaviour,
                                outcome, reasons, reduction_grams, received_at, decided_at, occurred_on)
                            values (:partner, 'LIVE', :reference, :user, :scenario, 'NO_DISPOSABLE_CUTLERY', :outcome,
                                case when :outcome = 'REFUSED' then '{implausible-quantity}'::text[] else '{}'::text[] end,
                                :grams, :at, :at, :day)""")
                    .param("partner", partner.id())
                    .param("reference", "seeded-" + n++)
                    .param("user", UUID.randomUUID())
                    .param("scenario", row[0])
                    .param("outcome", row[1])
                    .param("grams", row[2])
                    .param("at", Timestamp.from(ProgrammeCalendar.startOf(month.atDay(10))))
                    .param("day", Date.valueOf(month.atDay(10)))
                    .update();
        }

        var response = api.get("/api/v1/open-data/partners?month=" + month);
        assertThat(response.status()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("live").asBoolean()).isFalse();
        assertThat(body.get("minimumGroupSize").asInt()).isEqualTo(10);

        var total = line(body, partner.id(), null);
        assertThat(total.get("suppressed").asBoolean()).isFalse();
        assertThat(total.get("sent").asLong()).isEqualTo(26);
        assertThat(total.get("credited").asLong()).isEqualTo(23);
        assertThat(total.get("participants").asLong()).isEqualTo(23);
        assertThat(total.get("gramsCredited").asLong()).isEqualTo(12 * 120 + 11 * 400);
        // Three people: suppressed. Alone it would be the total minus the two others, so the smaller other goes too.
        var trips = line(body, partner.id(), "trips");
        assertThat(trips.get("suppressed").asBoolean()).isTrue();
        assertThat(trips.get("sent").isNull()).isTrue();
        var rides = line(body, partner.id(), "rides");
        assertThat(rides.get("suppressed").asBoolean()).isTrue();
        assertThat(rides.get("gramsCredited").isNull()).isTrue();
        var orders = line(body, partner.id(), "orders");
        assertThat(orders.get("suppressed").asBoolean()).isFalse();
        assertThat(orders.get("gramsCredited").asLong()).isEqualTo(12 * 120);

        // The whole published period includes the month; the dashboard's CSV carries the same lines.
        var whole = api.get("/api/v1/open-data/partners").json();
        assertThat(line(whole, partner.id(), null).get("credited").asLong()).isGreaterThanOrEqualTo(23);
    }

    private void send(String token, String json, int status) {
        var response = api.post("/api/v1/partner/activities", json, "Authorization", bearer(token));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }
}
