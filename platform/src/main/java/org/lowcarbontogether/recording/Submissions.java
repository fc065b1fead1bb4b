package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityChecks;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Reads, checks and calculates submissions — everything a record needs before it is written, and nothing that needs
 * the database, so it runs on the request's own thread. Every field is checked and all problems are reported
 * together; the calculation is attested by the ledger (the provenance its entry will store and hash).
 */
@Component
class Submissions {

    /** Evidence a participant can claim for themselves; stronger levels come from organisers, partners or GPS. */
    static final List<EvidenceLevel> SELF_SERVICE_EVIDENCE = List.of(EvidenceLevel.SELF_REPORT);
    /** What an organiser's sheet may claim for their members. */
    static final List<EvidenceLevel> ORGANISER_EVIDENCE =
            List.of(EvidenceLevel.ORGANISER_VERIFIED, EvidenceLevel.SELF_REPORT);
    /** What a GPS track proves, and only through the ride channel. */
    static final List<EvidenceLevel> GPS_EVIDENCE = List.of(EvidenceLevel.GPS);
    /** What a partner's credentials prove, and only through the partner channel. */
    static final List<EvidenceLevel> PARTNER_EVIDENCE = List.of(EvidenceLevel.PARTNER_VERIFIED);
    /** A product purchase's receipt photo, kept by the products module and looked at by a reviewer. */
    static final List<EvidenceLevel> PRODUCT_EVIDENCE = List.of(EvidenceLevel.PHOTO);
    /**
     * References in these namespaces are made by the platform for partners ({@code partner:<id>:<reference>}, {@code
     * claim:<key>}); no other channel may claim them, so no participant can claim or block a partner's event first.
     */
    static final List<String> RESERVED_REFERENCES = List.of("partner:", "claim:");
    /** References made by the products module for a purchase (product, claim and baseline cited); no one else's. */
    static final String PRODUCT_REFERENCE = "product:";

    /** The idempotency scope of a partner's activities: {@code partner:<id>/activities}. */
    static final String PARTNER_SCOPE = "partner:";
    /** Durations beyond a week are input errors; beyond a day, the rules reject the record as impossible. */
    static final int MAX_DURATION_MINUTES = 7 * 24 * 60;
    /** A reference to a real-world event: printable, at most 200 characters. */
    static final Pattern EXTERNAL_REF = Pattern.compile("[\\x21-\\x7E]{1,200}");
    /** Clock skew tolerated between a client and the platform before a time counts as "in the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Imports of earlier sheets (organisers' offline lists, demo data) may reach back one year. */
    static final Duration IMPORT_MAX_AGE = Duration.ofDays(366);

    private final Methodology methodology;
    private final Ledger ledger;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Duration maxAge;

    Submissions(
            Methodology methodology,
            Ledger ledger,
            Idempotency idempotency,
            Clock clock,
            @Value("${lct.recording.max-age:P30D}") Duration maxAge) {
        this.methodology = methodology;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * Prepares a submission. A bad key is refused at once; any other problem travels with the submission, because the
     * key may still replay an earlier request. {@code enteredBy}: the organiser who enters it for the person, if any.
     */
    Prepared prepare(
            UUID userId,
            String idempotencyKey,
            RecordSubmission submission,
            Recording.Channel channel,
            @Nullable UUID enteredBy,
            boolean heldForReview) {
        if (channel == Recording.Channel.PARTNER || channel == Recording.Channel.GPS) {
            throw new IllegalArgumentException("A partner's activity or a ride has its own door in Recording");
        }
        if (channel == Recording.Channel.PRODUCT) {
            throw new IllegalArgumentException("A product purchase comes in by Recording.submitProductPurchase");
        }
        return prepare(
                        userId,
                        "user:" + userId + "/records",
                        idempotencyKey,
                        submission,
                        channel,
                        null,
                        null,
                        enteredBy)
                .apply(heldForReview);
    }

    /**
     * Prepares a ride from a GPS track: idempotent in the rider's ride scope, claiming its track's fingerprint, held
     * with the track rules' reasons when any held it.
     */
    Prepared prepareRide(UUID userId, String idempotencyKey, RecordSubmission submission, Recording.RideSource source) {
        var prepared = prepare(
                        userId,
                        "user:" + userId + "/rides",
                        idempotencyKey,
                        submission,
                        Recording.Channel.GPS,
                        null,
                        source.claim(),
                        null)
                .apply(false);
        if (prepared instanceof Prepared.Valid v && !source.holdReasons().isEmpty()) {
            return new Prepared.Valid(
                    v.userId(),
                    v.key(),
                    v.channel(),
                    v.checked(),
                    v.calculation(),
                    v.enteredBy(),
                    false,
                    source.holdReasons());
        }
        return prepared;
    }

    /**
     * Prepares a partner's activity: idempotent by the partner's own reference (its key, in the partner's scope),
     * claiming the reference namespaced by the partner and, when given, the shared claim key.
     */
    Prepared prepareFromPartner(UUID userId, RecordSubmission submission, Recording.PartnerSource source) {
        var namespaced = new RecordSubmission(
                submission.behaviour(),
                submission.quantity(),
                submission.unit(),
                submission.occurredAt(),
                submission.region(),
                EvidenceLevel.PARTNER_VERIFIED.name(),
                submission.parameters(),
                submission.durationMinutes(),
                source.externalRef());
        return prepare(
                        userId,
                        PARTNER_SCOPE + source.partnerId() + "/activities",
                        "reference:" + source.reference(),
                        namespaced,
                        Recording.Channel.PARTNER,
                        source,
                        source.claim(),
                        null)
                .apply(false);
    }

    /**
     * Prepares a product purchase from the products module: its parameters come from the registry (a source), its
     * evidence is the receipt photo, and it is held for a reviewer.
     */
    Prepared prepareProductPurchase(UUID userId, String idempotencyKey, RecordSubmission submission) {
        if (submission.externalRef() == null || !submission.externalRef().startsWith(PRODUCT_REFERENCE)) {
            throw new IllegalArgumentException("A product purchase cites its product, claim and baseline");
        }
        var photographed = new RecordSubmission(
                submission.behaviour(),
                submission.quantity(),
                submission.unit(),
                submission.occurredAt(),
                submission.region(),
                EvidenceLevel.PHOTO.name(),
                submission.parameters(),
                submission.durationMinutes(),
                submission.externalRef());
        return prepare(
                        userId,
                        "user:" + userId + "/product-purchases",
                        idempotencyKey,
                        photographed,
                        Recording.Channel.PRODUCT,
                        null,
                        null,
                        null)
                .apply(true);
    }

    /** Checks and calculates a partner's activity without writing anything (the partner's sandbox). */
    Ledger.Attested preview(RecordSubmission submission, Recording.PartnerSource source) {
        var prepared = prepareFromPartner(UUID.randomUUID(), submission, source);
        if (prepared instanceof Prepared.Valid valid) {
            return valid.calculation();
        }
        throw ((Prepared.Invalid) prepared).refusal();
    }

    private Function<Boolean, Prepared> prepare(
            UUID userId,
            String scope,
            String idempotencyKey,
            RecordSubmission submission,
            Recording.Channel channel,
            Recording.@Nullable PartnerSource partner,
            @Nullable String claimKey,
            @Nullable UUID enteredBy) {
        Idempotency.checkKey(idempotencyKey);
        var key = new Idempotency.Key(scope, idempotencyKey, idempotency.fingerprint(submission));
        try {
            var checked = check(
                    methodology.current(),
                    submission,
                    channel.importsEarlierSheets() ? IMPORT_MAX_AGE : maxAge,
                    channel,
                    partner,
                    claimKey);
            var attested = ledger.attest(credit(checked));
            return held -> new Prepared.Valid(userId, key, channel, checked, attested, enteredBy, held);
        } catch (Refusal refusal) {
            return held -> new Prepared.Invalid(userId, key, refusal);
        }
    }

    private Calculation.Credited credit(Prepared.Checked checked) {
        var input = new ActivityInput(
                checked.behaviour().code(),
                checked.quantity(),
                checked.unit(),
                checked.occurredAt().toLocalDate(),
                checked.region(),
                checked.parameters());
        Calculation calculation = methodology.calculate(input);
        if (calculation instanceof Calculation.Credited credited) {
            return credited;
        }
        var notCredited = (Calculation.NotCredited) calculation;
        throw switch (notCredited.reason()) {
            case MISSING_INPUT ->
                new Refusal(
                        Refusal.Kind.UNACCEPTABLE,
                        "invalid-record",
                        List.of(Violation.of(
                                "parameters." + notCredited.detail(), "parameter-required", notCredited.detail())),
                        Map.of("reason", notCredited.reason().name()),
                        "parameters." + notCredited.detail());
            case INVALID_PARAMETER, INVALID_QUANTITY, QUANTITY_ABOVE_CAP -> {
                String field = notCredited.field() == null ? "parameters" : notCredited.field();
                yield new Refusal(
                        Refusal.Kind.UNACCEPTABLE,
                        "invalid-record",
                        List.of(Violation.of(field, "parameter-invalid", notCredited.detail())),
                        Map.of("reason", notCredited.reason().name()),
                        field);
            }
            default ->
                new Refusal(
                        Refusal.Kind.UNACCEPTABLE,
                        "no-credit",
                        List.of(),
                        Map.of("reason", notCredited.reason().name()),
                        notCredited.detail());
        };
    }

    /** Checks every field; missing fields are a 400, present but unacceptable ones a 422, each naming the field. */
    private Prepared.Checked check(
            MethodologyVersion version,
            RecordSubmission s,
            Duration maxAge,
            Recording.Channel channel,
            Recording.@Nullable PartnerSource partner,
            @Nullable String claimKey) {
        List<Violation> missing = new ArrayList<>();
        if (s.behaviour() == null || s.behaviour().isBlank()) {
            missing.add(Violation.of("behaviour", "field-required", "behaviour"));
        }
        if (s.quantity() == null) {
            missing.add(Violation.of("quantity", "field-required", "quantity"));
        }
        if (s.unit() == null || s.unit().isBlank()) {
            missing.add(Violation.of("unit", "field-required", "unit"));
        }
        if (s.occurredAt() == null) {
            missing.add(Violation.of("occurredAt", "field-required", "occurredAt"));
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(missing);
        }
        // None of these is missing any more.
        String code = Objects.requireNonNull(s.behaviour());
        BigDecimal quantity = Objects.requireNonNull(s.quantity());
        String unit = Objects.requireNonNull(s.unit());
        OffsetDateTime occurredAt = Objects.requireNonNull(s.occurredAt());
        String region =
                s.region() == null || s.region().isBlank() ? null : s.region().strip();
        List<Violation> invalid = new ArrayList<>(ActivityChecks.problems(
                version,
                code,
                quantity,
                unit,
                region,
                s.parameters() == null ? Map.of() : s.parameters(),
                // The product registry and partners are the sources of what a participant cannot know (a product's
                // footprint difference, a per-capita electricity baseline); partners' product orders take the
                // registry's figure (partners.PartnerActivities).
                channel == Recording.Channel.PRODUCT || channel == Recording.Channel.PARTNER
                        ? ActivityChecks.Giver.SOURCE
                        : ActivityChecks.Giver.PARTICIPANT,
                true));
        Behaviour behaviour = version.behaviour(code).orElse(null);
        Instant now = clock.instant();
        Instant occurred = occurredAt.toInstant();
        if (occurred.isAfter(now.plus(CLOCK_SKEW))) {
            invalid.add(Violation.of("occurredAt", "occurred-in-future"));
        } else if (occurred.isBefore(now.minus(maxAge))) {
            invalid.add(Violation.of("occurredAt", "occurred-too-long-ago", maxAge.toDays()));
        }
        EvidenceLevel evidence = switch (channel) {
            case ORGANISER -> EvidenceLevel.ORGANISER_VERIFIED;
            case PARTNER -> EvidenceLevel.PARTNER_VERIFIED;
            case GPS -> EvidenceLevel.GPS;
            default -> EvidenceLevel.SELF_REPORT;
        };
        String evidenceText = s.evidence();
        boolean evidenceGiven = evidenceText != null && !evidenceText.isBlank();
        if (evidenceText != null && evidenceGiven) {
            try {
                evidence = EvidenceLevel.valueOf(evidenceText.strip());
            } catch (IllegalArgumentException e) {
                invalid.add(Violation.of("evidence", "unknown-evidence", evidenceText));
            }
        }
        var allowed = switch (channel) {
            case ORGANISER -> ORGANISER_EVIDENCE;
            case PARTNER -> PARTNER_EVIDENCE;
            case PRODUCT -> PRODUCT_EVIDENCE;
            case GPS -> GPS_EVIDENCE;
            default -> SELF_SERVICE_EVIDENCE;
        };
        if (!allowed.contains(evidence)) {
            invalid.add(Violation.of("evidence", "evidence-not-allowed", evidenceName(evidence)));
        } else if (behaviour != null && !behaviour.evidence().contains(evidence)) {
            // The behaviour's evidence rule: what this channel can prove is not enough, so nothing is credited.
            invalid.add(Violation.of(
                    evidenceGiven ? "evidence" : "behaviour",
                    "evidence-not-accepted",
                    behaviour.name(),
                    evidenceName(evidence),
                    behaviour.evidence().stream().map(Submissions::evidenceName).toList()));
        }
        if (s.durationMinutes() != null && (s.durationMinutes() < 1 || s.durationMinutes() > MAX_DURATION_MINUTES)) {
            invalid.add(Violation.of("durationMinutes", "duration-out-of-range", MAX_DURATION_MINUTES));
        }
        if (s.externalRef() != null
                && !s.externalRef().isBlank()
                && !EXTERNAL_REF.matcher(s.externalRef().strip()).matches()) {
            invalid.add(Violation.of("externalRef", "external-ref-invalid"));
        } else if (channel != Recording.Channel.PARTNER
                && s.externalRef() != null
                && RESERVED_REFERENCES.stream()
                        .anyMatch(prefix -> s.externalRef().strip().startsWith(prefix))) {
            invalid.add(Violation.of("externalRef", "external-ref-reserved"));
        } else if (channel != Recording.Channel.PRODUCT
                && s.externalRef() != null
                && s.externalRef().strip().startsWith(PRODUCT_REFERENCE)) {
            invalid.add(Violation.of("externalRef", "external-ref-reserved"));
        }
        if (!invalid.isEmpty()) {
            throw new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    "invalid-record",
                    invalid,
                    Map.of(),
                    String.join(
                            ", ",
                            invalid.stream().map(Violation::field).distinct().toList()));
        }
        Map<String, BigDecimal> parameters =
                s.parameters() == null ? Map.of() : Map.copyOf(new TreeMap<>(s.parameters()));
        String externalRef = s.externalRef() == null || s.externalRef().isBlank()
                ? null
                : s.externalRef().strip();
        return new Prepared.Checked(
                // Known: an unknown behaviour was refused above.
                Objects.requireNonNull(behaviour),
                quantity,
                unit,
                occurredAt,
                region,
                evidence,
                parameters,
                s.durationMinutes(),
                externalRef,
                claimKey,
                partner == null ? null : partner.partnerId().toString());
    }

    private static MessageSourceResolvable evidenceName(EvidenceLevel level) {
        return new DefaultMessageSourceResolvable(new String[] {"evidence." + level.name()}, level.name());
    }
}
