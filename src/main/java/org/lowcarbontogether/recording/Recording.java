package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.platform.ProblemException;
import org.lowcarbontogether.platform.ProblemException.Violation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records behaviours. A submission is checked field by field (all problems reported together), calculated under the
 * current methodology, judged by the plausibility rules, and stored — credited to the ledger when accepted, held for
 * a reviewer when flagged, kept with its reasons when rejected — in one transaction, once per idempotency key. A
 * real-world event ({@code externalRef}) is credited once across all channels. Nothing is written when an input check
 * fails.
 */
@Service
public class Recording {

    /** Evidence a participant can claim for themselves; stronger levels come from organisers, partners or GPS. */
    static final List<EvidenceLevel> SELF_SERVICE_EVIDENCE = List.of(EvidenceLevel.SELF_REPORT);
    /** What an organiser's sheet may claim for their members. */
    static final List<EvidenceLevel> ORGANISER_EVIDENCE = List.of(EvidenceLevel.ORGANISER_VERIFIED, EvidenceLevel.SELF_REPORT);
    /** Durations beyond a week are input errors; beyond a day, the rules reject the record as impossible. */
    static final int MAX_DURATION_MINUTES = 7 * 24 * 60;
    /** A reference to a real-world event: printable, at most 200 characters. */
    static final java.util.regex.Pattern EXTERNAL_REF = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,200}");
    static final java.time.ZoneId PROGRAMME_ZONE = java.time.ZoneId.of("Asia/Shanghai");
    /** Clock skew tolerated between a client and the platform before a time counts as "in the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Methodology methodology;
    private final Ledger ledger;
    private final Idempotency idempotency;
    private final ExternalClaims claims;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration maxAge;

    Recording(Methodology methodology, Ledger ledger, Idempotency idempotency, ExternalClaims claims, JdbcClient jdbc,
            JsonMapper json, Clock clock, @Value("${lct.recording.max-age:P30D}") Duration maxAge) {
        this.methodology = methodology;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.claims = claims;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * How a record arrives. Web and API records must be made within {@code lct.recording.max-age} of the activity;
     * imports of earlier sheets (organisers' offline lists, demo data) may reach back one year.
     */
    public enum Channel {
        WEB,
        API,
        IMPORT,
        /** An organiser's sheet for their organisation's members (an event's sign-up list): organiser-verified. */
        ORGANISER,
        /** A two-party hand-over of a reused item (Green Graduation), credited when the receiver confirms it. */
        HANDOVER
    }

    static final Duration IMPORT_MAX_AGE = Duration.ofDays(366);

    /** The outcome of a submission: its receipt, and whether it replays an earlier submission with the same key. */
    public record Outcome(RecordReceipt receipt, boolean replayed) {}

    @Transactional
    public Outcome submit(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel) {
        Idempotency.checkKey(idempotencyKey);
        var outcome = idempotency.execute("user:" + userId, idempotencyKey, submission, RecordReceipt.class,
                () -> record(userId, submission, channel));
        return new Outcome(outcome.response(), outcome.replayed());
    }

    private RecordReceipt record(UUID userId, RecordSubmission submission, Channel channel) {
        MethodologyVersion version = methodology.current();
        Checked checked = check(version, submission,
                channel == Channel.IMPORT || channel == Channel.ORGANISER ? IMPORT_MAX_AGE : maxAge, channel);
        var input = new ActivityInput(checked.behaviour().code(), checked.quantity(), checked.unit(),
                checked.occurredAt().toLocalDate(), checked.region(), checked.parameters());
        Calculation calculation = methodology.calculate(input);
        if (!(calculation instanceof Calculation.Credited credited)) {
            var notCredited = (Calculation.NotCredited) calculation;
            switch (notCredited.reason()) {
                case MISSING_INPUT -> throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record",
                        List.of(Violation.of("parameters." + notCredited.detail(), "parameter-required", notCredited.detail())),
                        Map.of("reason", notCredited.reason().name()), "parameters." + notCredited.detail());
                case INVALID_PARAMETER -> throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record",
                        List.of(Violation.of("parameters", "parameter-invalid", notCredited.detail())),
                        Map.of("reason", notCredited.reason().name()), "parameters");
                default -> throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "no-credit", List.of(),
                        Map.of("reason", notCredited.reason().name()), notCredited.detail());
            }
        }
        UUID recordId = UUID.randomUUID();
        Instant occurredAt = checked.occurredAt().toInstant();
        BigDecimal baseQuantity = checked.quantity().multiply(checked.behaviour().unitConversions().get(checked.unit()));
        var verdict = Plausibility.evaluate(new Plausibility.Candidate(credited.behaviour(), baseQuantity,
                checked.behaviour().maxPerDay(), occurredAt, checked.durationMinutes()), priors(userId, occurredAt));
        String status = switch (verdict.outcome()) {
            case ACCEPTED -> "CREDITED";
            case FLAGGED -> "FLAGGED";
            case REJECTED -> "REJECTED";
        };
        if (checked.externalRef() != null && verdict.outcome() != Plausibility.Outcome.REJECTED) {
            claims.claim(checked.externalRef(), userId, recordId, channel.name());
        }
        // The credit first, so the record is written once, already pointing at its ledger entry.
        UUID entryId = verdict.outcome() == Plausibility.Outcome.ACCEPTED
                ? ledger.credit(userId, recordId, credited, occurredAt, checked.evidence().name())
                : null;
        jdbc.sql("""
                        insert into activity_record (user_id, id, behaviour, quantity, base_quantity, unit, occurred_at, occurred_on,
                            duration_minutes, region, evidence, channel, status, reason_codes, rules_version, external_ref,
                            reduction_grams, methodology_version, effective_grams, effective_version, parameters, ledger_entry_id,
                            created_at)
                        values (:user, :id, :behaviour, :quantity, :baseQuantity, :unit, :occurredAt, :occurredOn,
                            :duration, :region, :evidence, :channel, :status, :reasons, :rules, :externalRef,
                            :grams, :version, :grams, :version, cast(:parameters as jsonb), :entry, :now)""")
                .param("user", userId)
                .param("id", recordId)
                .param("behaviour", credited.behaviour())
                .param("quantity", checked.quantity())
                .param("baseQuantity", baseQuantity)
                .param("unit", checked.unit())
                .param("occurredAt", Timestamp.from(occurredAt))
                .param("occurredOn", java.sql.Date.valueOf(input.occurredOn()))
                .param("duration", checked.durationMinutes())
                .param("region", checked.region())
                .param("evidence", checked.evidence().name())
                .param("channel", channel.name())
                .param("status", status)
                .param("reasons", verdict.reasons().isEmpty() ? null : String.join(",", verdict.reasons()))
                .param("rules", Plausibility.VERSION)
                .param("externalRef", checked.externalRef())
                .param("parameters", checked.parameters().isEmpty() ? null : json.writeValueAsString(checked.parameters()))
                .param("grams", credited.reductionGrams())
                .param("version", credited.methodologyVersion())
                .param("entry", entryId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return receipt(recordId, status, verdict.reasons(), checked, credited, entryId);
    }

    /** The person's records on the activity's day and just before it, which the plausibility rules weigh. */
    private List<Plausibility.Prior> priors(UUID userId, Instant occurredAt) {
        var day = occurredAt.atZone(PROGRAMME_ZONE).toLocalDate();
        Instant dayStart = day.atStartOfDay(PROGRAMME_ZONE).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(PROGRAMME_ZONE).toInstant();
        Instant from = occurredAt.minus(Plausibility.BURST_WINDOW).isBefore(dayStart) ? occurredAt.minus(Plausibility.BURST_WINDOW) : dayStart;
        return jdbc.sql("""
                        select behaviour, coalesce(base_quantity, quantity) as quantity, occurred_at, duration_minutes
                        from activity_record
                        where user_id = :user and status <> 'REJECTED' and occurred_at >= :from and occurred_at < :to""")
                .param("user", userId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(dayEnd))
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp("occurred_at").toInstant();
                    return new Plausibility.Prior(rs.getString("behaviour"), rs.getBigDecimal("quantity"), at,
                            (Integer) rs.getObject("duration_minutes"), !at.isBefore(dayStart));
                })
                .list();
    }

    private record Checked(Behaviour behaviour, BigDecimal quantity, String unit, OffsetDateTime occurredAt,
            @Nullable String region, EvidenceLevel evidence, Map<String, BigDecimal> parameters, @Nullable Integer durationMinutes,
            @Nullable String externalRef) {}

    /** Checks every field; missing fields are a 400, present but unacceptable ones a 422, each naming the field. */
    private Checked check(MethodologyVersion version, RecordSubmission s, Duration maxAge, Channel channel) {
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
            throw ProblemException.invalid(missing);
        }
        List<Violation> invalid = new ArrayList<>();
        Behaviour behaviour = version.behaviour(s.behaviour()).orElse(null);
        if (behaviour == null) {
            invalid.add(Violation.of("behaviour", "unknown-behaviour", s.behaviour()));
        }
        BigDecimal quantity = s.quantity();
        if (quantity.signum() <= 0) {
            invalid.add(Violation.of("quantity", "quantity-not-positive"));
        } else if (quantity.scale() > 6 || quantity.precision() - quantity.scale() > 9) {
            invalid.add(Violation.of("quantity", "quantity-precision"));
        }
        BigDecimal conversion = behaviour == null ? null : behaviour.unitConversions().get(s.unit());
        if (behaviour != null && conversion == null) {
            invalid.add(Violation.of("unit", "unit-not-accepted", s.unit(), String.join(", ", behaviour.acceptedUnits())));
        }
        if (behaviour != null && conversion != null && quantity.signum() > 0
                && quantity.multiply(conversion).compareTo(behaviour.maxPerDay()) > 0) {
            invalid.add(Violation.of("quantity", "quantity-above-cap", behaviour.maxPerDay().toPlainString(), behaviour.unit()));
        }
        Instant now = clock.instant();
        Instant occurred = s.occurredAt().toInstant();
        if (occurred.isAfter(now.plus(CLOCK_SKEW))) {
            invalid.add(Violation.of("occurredAt", "occurred-in-future"));
        } else if (occurred.isBefore(now.minus(maxAge))) {
            invalid.add(Violation.of("occurredAt", "occurred-too-long-ago", maxAge.toDays()));
        }
        String region = s.region() == null || s.region().isBlank() ? null : s.region().strip();
        if (region != null && !Regions.isKnown(region)) {
            invalid.add(Violation.of("region", "unknown-region", region));
        }
        EvidenceLevel evidence = channel == Channel.ORGANISER ? EvidenceLevel.ORGANISER_VERIFIED : EvidenceLevel.SELF_REPORT;
        if (s.evidence() != null && !s.evidence().isBlank()) {
            try {
                evidence = EvidenceLevel.valueOf(s.evidence().strip());
            } catch (IllegalArgumentException e) {
                invalid.add(Violation.of("evidence", "unknown-evidence", s.evidence()));
            }
        }
        if (!(channel == Channel.ORGANISER ? ORGANISER_EVIDENCE : SELF_SERVICE_EVIDENCE).contains(evidence)) {
            invalid.add(Violation.of("evidence", "evidence-not-allowed", evidence.name()));
        }
        if (s.durationMinutes() != null && (s.durationMinutes() < 1 || s.durationMinutes() > MAX_DURATION_MINUTES)) {
            invalid.add(Violation.of("durationMinutes", "duration-out-of-range", MAX_DURATION_MINUTES));
        }
        if (s.externalRef() != null && !s.externalRef().isBlank() && !EXTERNAL_REF.matcher(s.externalRef().strip()).matches()) {
            invalid.add(Violation.of("externalRef", "external-ref-invalid"));
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-record", invalid, Map.of(),
                    String.join(", ", invalid.stream().map(Violation::field).distinct().toList()));
        }
        Map<String, BigDecimal> parameters = s.parameters() == null ? Map.of() : Map.copyOf(new TreeMap<>(s.parameters()));
        String externalRef = s.externalRef() == null || s.externalRef().isBlank() ? null : s.externalRef().strip();
        return new Checked(behaviour, quantity, s.unit(), s.occurredAt(), region, evidence, parameters, s.durationMinutes(),
                externalRef);
    }

    private static RecordReceipt receipt(UUID recordId, String status, List<String> reasons, Checked checked,
            Calculation.Credited credited, @Nullable UUID entryId) {
        var factors = credited.factors().stream()
                .map(f -> new RecordReceipt.FactorRef(f.id(), f.value(), f.unit(), f.region(), f.year(), f.source(), f.sourceUrl()))
                .toList();
        return new RecordReceipt(recordId, status, credited.behaviour(), checked.quantity(), checked.unit(),
                checked.occurredAt(), checked.region(), checked.evidence().name(), credited.reductionGrams(),
                credited.baselineGrams(), credited.projectGrams(),
                new RecordReceipt.Uncertainty(credited.lowGrams(), credited.highGrams()),
                new RecordReceipt.MethodologyRef(credited.methodologyCode(), credited.methodologyVersion()), factors, entryId,
                reasons, Plausibility.VERSION, checked.externalRef());
    }
}
