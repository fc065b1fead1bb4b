package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ledger.LedgerFixtures;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Calculator;
import org.lowcarbontogether.methodology.MethodologyDocuments;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.shared.Refusal;

/** What becomes of each submission of a group — keys, claims, plausibility, receipts — decided without a database. */
class RecordGroupTests {

    static final MethodologyVersion VERSION = read("/methodology/lct-1.2.0.json");
    static final OffsetDateTime MORNING = OffsetDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    static final UUID ANNA = UUID.randomUUID();
    static final UUID BO = UUID.randomUUID();

    static MethodologyVersion read(String resource) {
        try (InputStream in = RecordGroupTests.class.getResourceAsStream(resource)) {
            return MethodologyDocuments.read(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ride, prepared as the submissions component would: checked fields, an attested calculation. */
    static Prepared.Valid ride(UUID person, String key, String km, int minutesAfter, Integer duration, String ref) {
        var behaviour = VERSION.behaviour("CYCLE_INSTEAD_OF_CAR").orElseThrow();
        var occurredAt = MORNING.plusMinutes(minutesAfter);
        var quantity = new BigDecimal(km);
        var calculation = (Calculation.Credited) Calculator.calculate(
                VERSION, new ActivityInput(behaviour.code(), quantity, "km", occurredAt.toLocalDate(), "CN-SH"));
        var checked = new Prepared.Checked(
                behaviour, quantity, "km", occurredAt, "CN-SH", EvidenceLevel.SELF_REPORT, Map.of(), duration, ref);
        return new Prepared.Valid(
                person,
                key(person, key, km + "/" + minutesAfter + "/" + duration + "/" + ref),
                Recording.Channel.API,
                checked,
                LedgerFixtures.attest(calculation),
                null,
                false);
    }

    static Idempotency.Key key(UUID person, String key, String fingerprint) {
        return new Idempotency.Key("user:" + person + "/records", key, fingerprint);
    }

    static List<Idempotency.Claim> unused(RecordGroup group) {
        return group.keys().stream()
                .map(k -> new Idempotency.Claim(k, false, null, null))
                .toList();
    }

    /** Runs the group's steps as the writer does, with nothing stored before and no claims taken elsewhere. */
    static List<RecordGroup.Fate> decide(RecordGroup group, List<RecordGroup.Neighbour> stored) {
        group.replay(unused(group), claim -> {
            throw new AssertionError("nothing was stored before");
        });
        group.refuseClaimed(group.claims().stream().map(c -> (Refusal) null).toList());
        group.judge(stored, RecordReceipt::toString);
        return group.fates();
    }

    static RecordStatus status(RecordGroup.Fate fate) {
        return fate.outcome().receipt().status();
    }

    static List<String> reasons(RecordGroup.Fate fate) {
        return fate.outcome().receipt().reasons();
    }

    @Test
    void recordsOfAGroupAreJudgedAsIfTheyCameOneAfterAnother() {
        var group = new RecordGroup(List.of(
                ride(ANNA, "a", "12", 0, 40, null),
                ride(ANNA, "b", "12", 0, 40, null),
                ride(ANNA, "c", "15", 300, 26 * 60, null),
                ride(ANNA, "d", "30", 180, 30, null)));

        var fates = decide(group, List.of());

        assertThat(fates)
                .extracting(RecordGroupTests::status)
                .containsExactly(
                        RecordStatus.CREDITED, RecordStatus.FLAGGED, RecordStatus.REJECTED, RecordStatus.FLAGGED);
        assertThat(reasons(fates.get(1))).contains("DUPLICATE");
        assertThat(reasons(fates.get(2))).containsExactly("DURATION");
        assertThat(reasons(fates.get(3))).contains("SPEED");
        // Only the credited record has a ledger entry, and only it is credited.
        assertThat(fates.get(0).outcome().receipt().ledgerEntryId()).isNotNull();
        assertThat(fates.subList(1, 4)).allMatch(f -> f.outcome().receipt().ledgerEntryId() == null);
        assertThat(group.credits()).singleElement().satisfies(c -> {
            assertThat(c.recordId()).isEqualTo(fates.get(0).outcome().receipt().id());
            assertThat(c.entryId()).isEqualTo(fates.get(0).outcome().receipt().ledgerEntryId());
        });
        assertThat(group.judged()).hasSize(4);
    }

    @Test
    void thePeopleWaitingForAGuardianAreRefusedAndTheOthersJudgedAsIfTheyWereNotThere() {
        var group = new RecordGroup(List.of(
                ride(ANNA, "a", "12", 0, 40, null),
                ride(BO, "b", "12", 0, 40, null),
                ride(BO, "b", "12", 0, 40, null),
                ride(ANNA, "c", "12", 0, 40, null)));
        group.replay(unused(group), claim -> {
            throw new AssertionError("nothing was stored before");
        });

        group.refusePeople(java.util.Set.of(ANNA), Refusal.forbidden("guardian-consent-required", null));
        group.refuseClaimed(group.claims().stream().map(c -> (Refusal) null).toList());
        group.judge(List.of(), RecordReceipt::toString);
        var fates = group.fates();

        assertThat(fates.get(0)).isInstanceOf(RecordGroup.Refused.class);
        assertThat(fates.get(3)).isInstanceOf(RecordGroup.Refused.class);
        assertThat(((RecordGroup.Refused) fates.get(0)).refusal().code()).isEqualTo("guardian-consent-required");
        assertThat(status(fates.get(1))).isEqualTo(RecordStatus.CREDITED);
        assertThat(fates.get(2).outcome().receipt().id())
                .as("a repeated key follows its first")
                .isEqualTo(fates.get(1).outcome().receipt().id());
        assertThat(group.judged())
                .singleElement()
                .satisfies(m -> assertThat(m.prepared.userId()).isEqualTo(BO));
        assertThat(group.credits()).hasSize(1);
    }

    @Test
    void aRejectedRecordIsNoNeighbourOfTheNextButAFlaggedOneIs() {
        var fates = decide(
                new RecordGroup(List.of(
                        ride(ANNA, "a", "12", 0, 26 * 60, null),
                        ride(ANNA, "b", "12", 0, 40, null),
                        ride(ANNA, "c", "12", 0, 40, null))),
                List.of());

        assertThat(fates)
                .extracting(RecordGroupTests::status)
                .containsExactly(RecordStatus.REJECTED, RecordStatus.CREDITED, RecordStatus.FLAGGED);
    }

    @Test
    void storedNeighboursCountButOnlyTheSamePersons() {
        var stored = List.of(new RecordGroup.Neighbour(
                ANNA, "CYCLE_INSTEAD_OF_CAR", new BigDecimal("12"), MORNING.toInstant(), 40, 1_000));
        var fates = decide(
                new RecordGroup(List.of(ride(ANNA, "a", "12", 0, 40, null), ride(BO, "b", "12", 0, 40, null))), stored);

        assertThat(fates)
                .extracting(RecordGroupTests::status)
                .containsExactly(RecordStatus.FLAGGED, RecordStatus.CREDITED);
        assertThat(reasons(fates.getFirst())).contains("DUPLICATE");
    }

    @Test
    void aKeyTwiceInAGroupIsAnsweredByTheFirstOrRefusedWhenThePayloadDiffers() {
        var group = new RecordGroup(List.of(
                ride(ANNA, "same", "5", 0, null, null),
                ride(ANNA, "same", "5", 0, null, null),
                ride(ANNA, "other", "6", 60, null, null),
                ride(ANNA, "other", "7", 90, null, null)));

        var fates = decide(group, List.of());

        assertThat(group.keys()).hasSize(2);
        assertThat(fates.get(0).outcome().replayed()).isFalse();
        assertThat(fates.get(1)).isInstanceOf(RecordGroup.Replayed.class);
        assertThat(fates.get(1).outcome().receipt())
                .isEqualTo(fates.get(0).outcome().receipt());
        assertThat(fates.get(1).outcome().replayed()).isTrue();
        assertThat(fates.get(3))
                .isInstanceOfSatisfying(
                        RecordGroup.Refused.class,
                        r -> assertThat(r.refusal().code()).isEqualTo("idempotency-key-reused"));
        assertThat(group.judged()).hasSize(2);
    }

    @Test
    void aUsedKeyReplaysAndAnInvalidSubmissionIsRefusedAlone() {
        var invalid =
                new Prepared.Invalid(ANNA, key(ANNA, "bad", "x"), Refusal.unacceptable("invalid-record", "quantity"));
        var used = ride(ANNA, "used", "5", 0, null, null);
        var group = new RecordGroup(List.of(used, invalid, ride(ANNA, "fresh", "8", 200, null, null)));
        var replayed = new RecordGroup.Replayed(new Recording.Outcome(null, "{}", true));

        group.replay(
                List.of(
                        new Idempotency.Claim(used.key(), false, used.key().fingerprint(), "{}"),
                        new Idempotency.Claim(invalid.key(), false, null, null),
                        new Idempotency.Claim(group.keys().get(2), false, null, null)),
                claim -> replayed);

        assertThat(group.pending()).hasSize(1);
        group.refuseClaimed(group.claims().stream().map(c -> (Refusal) null).toList());
        group.judge(List.of(), RecordReceipt::toString);
        var fates = group.fates();
        assertThat(fates.get(0)).isSameAs(replayed);
        assertThatThrownBy(() -> fates.get(1).outcome())
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("invalid-record"));
        assertThat(status(fates.get(2))).isEqualTo(RecordStatus.CREDITED);
    }

    @Test
    void aClaimedEventRefusesItsRecordAndAnImpossibleRecordClaimsNothing() {
        var group = new RecordGroup(List.of(
                ride(ANNA, "a", "5", 0, null, "order-1"),
                ride(BO, "b", "6", 0, null, "order-1"),
                ride(BO, "c", "7", 60, 26 * 60, "order-2")));
        group.replay(unused(group), claim -> null);

        var claims = group.claims();
        assertThat(claims).extracting(ExternalClaims.Claim::reference).containsExactly("order-1", "order-1");
        group.refuseClaimed(java.util.Arrays.asList(null, Refusal.unacceptable("already-claimed", "externalRef")));
        group.judge(List.of(), RecordReceipt::toString);

        assertThat(group.judgedClaims())
                .singleElement()
                .satisfies(c -> assertThat(c.userId()).isEqualTo(ANNA));
        var fates = group.fates();
        assertThat(fates.get(1)).isInstanceOf(RecordGroup.Refused.class);
        assertThat(status(fates.get(2))).isEqualTo(RecordStatus.REJECTED);
    }

    @Test
    void aRecordHeldForReviewIsFlaggedWhateverTheRulesSayUnlessItIsImpossible() {
        var fates = decide(
                new RecordGroup(List.of(
                        ride(ANNA, "a", "5", 0, null, null).sampledForReview(),
                        ride(ANNA, "b", "5", 120, 26 * 60, null).sampledForReview())),
                List.of());

        assertThat(fates)
                .extracting(RecordGroupTests::status)
                .containsExactly(RecordStatus.FLAGGED, RecordStatus.REJECTED);
        assertThat(reasons(fates.getFirst())).containsExactly("REVIEW_SAMPLE");
    }

    @Test
    void windowsCoverEachPersonsDaysOnceReachingBackForBursts() {
        var group = new RecordGroup(List.of(
                ride(ANNA, "a", "5", 0, null, null),
                ride(ANNA, "b", "5", 60, null, null),
                ride(BO, "c", "5", 0, null, null),
                ride(ANNA, "d", "5", 24 * 60, null, null)));
        group.replay(unused(group), claim -> null);

        var windows = new ArrayList<>(group.windows());

        assertThat(windows).hasSize(3);
        var first = windows.getFirst();
        assertThat(first.userId()).isEqualTo(ANNA);
        assertThat(first.dayStart()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(first.dayEnd()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(first.from()).isEqualTo(first.dayStart());
        assertThat(group.people()).containsExactly(ANNA, BO);
    }
}
