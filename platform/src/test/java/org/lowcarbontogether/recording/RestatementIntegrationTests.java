package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.ledger.LedgerEntry;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyDocuments;
import org.lowcarbontogether.methodology.MethodologyGovernance;
import org.lowcarbontogether.methodology.MethodologyGovernance.FactorEdit;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.reporting.Impact;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Past records recomputed under a newer version: differences booked as adjustments, history kept, reports restated. */
@IntegrationTest
class RestatementIntegrationTests {

    @Autowired
    Restatements restatements;

    @Autowired
    Recording recording;

    @Autowired
    MethodologyGovernance governance;

    @Autowired
    Methodology methodology;

    @Autowired
    Registration registration;

    @Autowired
    Ledger ledger;

    @Autowired
    Impact impact;

    @Autowired
    JdbcClient jdbc;

    /** Publishes a future-effective version whose metro factor is 0.0300 instead of 0.0278 kg CO2e/pkm. */
    String publishVersionWithHigherMetroFactor() {
        AuthenticatedUser author = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        AuthenticatedUser reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        String latest = jdbc.sql("select version from methodology_version").query(String.class).list().stream()
                .max(Methodology::compareVersions)
                .orElseThrow();
        String[] parts = latest.split("\\.");
        String next = parts[0] + "." + (Integer.parseInt(parts[1]) + 1) + ".0";
        var base = methodology.current();
        var document = new MethodologyVersion(
                base.code(),
                next,
                base.title(),
                new LocalizedText("Metro factor corrected", "更正地铁因子"),
                java.time.LocalDate.of(2099, 1, 1),
                base.sources(),
                base.factors(),
                base.behaviours(),
                base.productBaselines());
        governance.importDraft(author, MethodologyDocuments.read(MethodologyDocuments.write(document)));
        var metro = base.factor("EF-METRO-GB-2025").orElseThrow();
        governance.editFactor(
                author,
                next,
                metro.id(),
                new FactorEdit(
                        new BigDecimal("0.0300"),
                        2025,
                        metro.sourceId(),
                        metro.sourceLocator(),
                        metro.confidence(),
                        "test correction"));
        governance.submit(author, next, null);
        governance.approve(reviewer, next, null);
        return next;
    }

    UUID personWithMetroTrips(String... kilometres) {
        UUID user = registration
                .register(new Registration.SignUp(
                        "restate-" + UUID.randomUUID() + "@example.org", "R", AccountFixtures.PASSWORD))
                .id();
        for (String km : kilometres) {
            recording.submitInTransaction(
                    user,
                    UUID.randomUUID().toString(),
                    new RecordSubmission(
                            "METRO_INSTEAD_OF_CAR",
                            new BigDecimal(km),
                            "km",
                            OffsetDateTime.now(ZoneOffset.UTC).minusHours(3),
                            "CN-GD",
                            null),
                    Recording.Channel.API);
        }
        recording.submitInTransaction(
                user,
                UUID.randomUUID().toString(),
                new RecordSubmission(
                        "ELECTRICITY_SAVED",
                        new BigDecimal("2"),
                        "kWh",
                        OffsetDateTime.now(ZoneOffset.UTC).minusHours(3),
                        "CN-GD",
                        null),
                Recording.Channel.API);
        return user;
    }

    @Test
    void restatingBooksTheDifferencesAsAdjustmentsAndKeepsTheOriginals() {
        UUID person = personWithMetroTrips("12", "5");
        long before = ledger.statement(person, 100).balance().grams();
        String target = publishVersionWithHigherMetroFactor();
        AuthenticatedUser officer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);

        var report = restatements.restate(
                officer,
                new Restatements.Request(
                        target, List.of("METRO_INSTEAD_OF_CAR"), null, null, "metro factor corrected"));

        var entries = ledger.statement(person, 100).entries();
        var adjustments = entries.stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.ADJUSTMENT)
                .toList();
        // 12 km: 2007 − 360 = 1647 (was 1673) → −26; 5 km: 836.25 − 150 = 686 (was 697) → −11
        assertThat(adjustments).extracting(LedgerEntry::grams).containsExactlyInAnyOrder(-26L, -11L);
        assertThat(adjustments).allSatisfy(a -> {
            assertThat(a.methodologyVersion()).isEqualTo(target);
            assertThat(a.restatementId()).isEqualTo(report.id());
            assertThat(a.provenance().factors())
                    .anySatisfy(f -> assertThat(f.value()).isEqualByComparingTo("0.0300"));
        });
        assertThat(entries.stream().filter(e -> e.kind() == LedgerEntry.Kind.CREDIT))
                .as("the original credits are untouched")
                .hasSize(3)
                .allSatisfy(e -> assertThat(Methodology.compareVersions(e.methodologyVersion(), target))
                        .isNegative());
        assertThat(ledger.statement(person, 100).balance().grams()).isEqualTo(before - 37);
        assertThat(report.examined()).isGreaterThanOrEqualTo(2);
        assertThat(report.adjusted()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :u and effective_version = :v")
                        .param("u", person)
                        .param("v", target)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        var again = restatements.restate(
                officer, new Restatements.Request(target, List.of("METRO_INSTEAD_OF_CAR"), null, null, "rerun"));
        assertThat(again.examined()).as("restating twice changes nothing").isZero();
    }

    @Test
    void reportsShowFiguresAsRecordedAndAsRestated() {
        personWithMetroTrips("20");
        String target = publishVersionWithHigherMetroFactor();
        restatements.restate(
                AccountFixtures.person(registration, jdbc, Role.ADMIN),
                new Restatements.Request(target, List.of("METRO_INSTEAD_OF_CAR"), null, null, "reporting test"));

        // The figures are the whole database's: every earlier test's roll-ups must have caught up too (a 10,000-row
        // upload's listeners can still be running when this starts on a busy machine).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // As recorded: credits of records not reversed; restated: everything the ledger holds.
            long[] ledgerTotals = jdbc.sql("""
                            select coalesce(sum(grams) filter (where kind = 'CREDIT' and not exists (select 1 from ledger_entry r
                                       where r.user_id = e.user_id and r.record_id = e.record_id and r.kind = 'REVERSAL')), 0),
                                   coalesce(sum(grams), 0)
                            from ledger_entry e""")
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            var totals = impact.totals();
            assertThat(totals.directReduction().grams()).isEqualTo(ledgerTotals[0]);
            assertThat(totals.restatedReduction().grams()).isEqualTo(ledgerTotals[1]);
            assertThat(totals.restatedReduction().grams())
                    .isLessThan(totals.directReduction().grams());
        });
    }

    @Test
    void onlyReviewersAndAdministratorsRestate() {
        var participant = AccountFixtures.person(registration, jdbc);
        assertThatThrownBy(() ->
                        restatements.restate(participant, new Restatements.Request("1.1.0", null, null, null, "x")))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        assertThatThrownBy(
                        () -> restatements.restate(reviewer, new Restatements.Request("1.1.0", null, null, null, " ")))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code()).isEqualTo("restatement-reason-required"));
        assertThatThrownBy(
                        () -> restatements.restate(reviewer, new Restatements.Request("7.7.7", null, null, null, "x")))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code()).isEqualTo("methodology-version-unknown"));
    }
}
