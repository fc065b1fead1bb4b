package org.lowcarbontogether.partners;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.products.ProductPurchases;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Activities partners send for people who linked their accounts. Each is checked against the partner (active), the
 * link (known to the partner by its subject, not revoked, sharing the scenario) and the partner's behaviours and
 * scenario, then goes through the one record path ({@link Recording#submitFromPartner}) as partner-verified evidence,
 * idempotent by the partner's own reference; a sandbox activity is checked and calculated, never credited or counted.
 * {@link #receive} is the single door for one activity (the API, and a message consumer later); {@link #receiveAll}
 * takes up to 10,000 at once. Every decision is kept and published ({@link ActivityLog}).
 */
@Service
public class PartnerActivities {

    /** A partner's reference or claim key: printable, no spaces, at most 200 characters. */
    static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** The parameter of a product order that only the registry gives. */
    private static final String FOOTPRINT = "footprintDifferenceKg";

    /** Where a bulk upload's decisions are logged: a thread started from the request's, so it inherits its context. */
    private static final Executor DECISIONS =
            task -> Thread.ofVirtual().name("partner-decisions").start(task);

    /** The most activities one bulk upload takes. */
    public static final int MAX_ROWS = 10_000;

    /** What became of an activity, as the partner is told. */
    public enum Outcome {
        CREDITED,
        HELD,
        REFUSED,
        REVERSED,
        /** A sandbox activity: checked and calculated, never credited. */
        CHECKED
    }

    /** The partner and mode a client-credentials token speaks for. */
    public record Caller(UUID partnerId, Partners.Mode mode) {}

    /** One activity as a partner sends it; fields are nullable so every missing one is reported at once. */
    public record Activity(
            @Nullable String subject,
            @Nullable String scenario,
            @Nullable String behaviour,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable OffsetDateTime occurredAt,
            @Nullable String region,
            @Nullable Map<String, BigDecimal> parameters,
            @Nullable Integer durationMinutes,
            @Nullable String reference,
            @Nullable String claimKey,
            @Nullable String gtin) {}

    /** The answer to one activity. */
    public record Answer(
            String reference,
            Partners.Mode mode,
            Outcome outcome,
            List<String> reasons,
            long reductionGrams,
            @Nullable String methodologyVersion,
            @Nullable UUID recordId,
            boolean replayed) {}

    /** One row of a bulk upload: its answer, or its refusal's problem code and details. */
    public record RowResult(
            int row,
            @Nullable String reference,
            Outcome outcome,
            List<String> reasons,
            long reductionGrams,
            @Nullable UUID recordId,
            @Nullable String problem,
            Map<String, Object> details) {}

    /** What a bulk upload did: totals, and each row. */
    public record BulkResult(int rows, int credited, int held, int refused, int checked, List<RowResult> results) {}

    private final Partners partners;
    private final PartnerClients clients;
    private final PartnerLinks links;
    private final Recording recording;
    private final RecordReview records;
    private final ActivityLog log;
    private final JsonMapper json;
    private final ProductPurchases productPurchases;
    private final Idempotency idempotency;

    PartnerActivities(
            Partners partners,
            PartnerClients clients,
            PartnerLinks links,
            Recording recording,
            RecordReview records,
            ActivityLog log,
            JsonMapper json,
            ProductPurchases productPurchases,
            Idempotency idempotency) {
        this.idempotency = idempotency;
        this.productPurchases = productPurchases;
        this.json = json;
        this.partners = partners;
        this.clients = clients;
        this.links = links;
        this.recording = recording;
        this.records = records;
        this.log = log;
    }

    /** The partner and mode of a client id (from a verified token). */
    public Caller caller(String clientId) {
        var owner = clients.owner(clientId).orElseThrow(() -> Refusal.forbidden("partner-client-unknown", null));
        return new Caller(owner.partnerId(), owner.mode());
    }

    /** A suspended partner is refused everything; its links and records are kept. */
    private Partners.Partner active(Caller caller) {
        var partner = partners.get(caller.partnerId());
        if (!partner.active()) {
            throw Refusal.forbidden("partner-suspended", null);
        }
        return partner;
    }

    /** An activity checked against its partner and link, ready for the record path. */
    private record Checked(
            Activity activity,
            String reference,
            PartnerLinks.Link link,
            RecordSubmission submission,
            ProductPurchases.@Nullable OrderBasis order,
            String fingerprint) {}

    /**
     * Receives one activity: its answer, or its refusal thrown (an RFC 9457 problem at the API) — refused activities are
     * kept and published too.
     */
    public Answer receive(Caller caller, Activity activity) {
        var partner = active(caller);
        String reference = reference(activity);
        String fingerprint = idempotency.fingerprint(activity);
        if (caller.mode() == Partners.Mode.LIVE) {
            var kept = log.kept(partner.id(), caller.mode(), List.of(reference)).get(reference);
            if (kept != null) {
                return replay(caller.mode(), kept, fingerprint);
            }
        }
        Checked checked;
        try {
            checked = check(partner, activity, reference, fingerprint, links(partner, List.of(activity)));
        } catch (Refusal refusal) {
            log.decided(List.of(refused(caller, activity, reference, null, refusal)));
            throw refusal;
        }
        var source = sourceOf(partner, checked);
        if (caller.mode() == Partners.Mode.SANDBOX) {
            try {
                var preview = recording.previewFromPartner(checked.link().userId(), checked.submission(), source);
                var answer = new Answer(
                        reference,
                        caller.mode(),
                        Outcome.CHECKED,
                        List.of(),
                        preview.reductionGrams(),
                        preview.methodologyVersion(),
                        null,
                        false);
                log.decided(List.of(decision(caller, checked, answer)));
                return answer;
            } catch (Refusal refusal) {
                log.decided(List.of(refused(caller, activity, reference, checked.link(), refusal)));
                throw refusal;
            }
        }
        Recording.Outcome outcome;
        try {
            outcome = recording.submitFromPartner(checked.link().userId(), checked.submission(), source);
        } catch (Refusal refusal) {
            var before = recordedBefore(caller, checked, source, refusal);
            if (before != null) {
                log.decided(List.of(decision(caller, checked, before)));
                return before;
            }
            log.decided(List.of(refused(caller, activity, reference, checked.link(), refusal)));
            throw refusal;
        }
        var answer = answer(caller.mode(), reference, outcome);
        log.decided(List.of(decision(caller, checked, answer)));
        productPurchases.partnerOrders(orders(caller, List.of(checked), List.of(answer)));
        return answer;
    }

    /** Receives up to {@link #MAX_ROWS} activities, each answered in order (a refusal is a row's answer, not thrown). */
    public BulkResult receiveAll(Caller caller, List<Activity> activities) {
        return receiveRows(caller, List.copyOf(activities));
    }

    /** Activities as JSON lines (one object a line, blank lines skipped). */
    public BulkResult receiveJsonLines(Caller caller, String body) {
        var lines = body.lines().filter(line -> !line.isBlank()).toList();
        tooMany(lines.size());
        var rows = new ArrayList<Object>(lines.size());
        for (String line : lines) {
            try {
                rows.add(json.readValue(line, Activity.class));
            } catch (JacksonException e) {
                rows.add(Refusal.invalid("row-unreadable", "row"));
            }
        }
        return receiveRows(caller, rows);
    }

    /** The columns of a CSV upload (a header row names them; parameters are not taken in CSV). */
    public static final List<String> CSV_COLUMNS = List.of(
            "subject",
            "scenario",
            "behaviour",
            "quantity",
            "unit",
            "occurredAt",
            "region",
            "durationMinutes",
            "reference",
            "claimKey",
            "gtin");

    /** Activities as CSV with a header row (see {@link #CSV_COLUMNS}). */
    public BulkResult receiveCsv(Caller caller, String body) {
        List<CSVRecord> records;
        try {
            records = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(new StringReader(body))
                    .getRecords();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw Refusal.invalid("csv-unreadable", "body");
        }
        tooMany(records.size());
        var rows = new ArrayList<Object>(records.size());
        for (CSVRecord r : records) {
            try {
                String duration = cell(r, "durationMinutes");
                String quantity = cell(r, "quantity");
                String occurred = cell(r, "occurredAt");
                rows.add(new Activity(
                        cell(r, "subject"),
                        cell(r, "scenario"),
                        cell(r, "behaviour"),
                        quantity == null ? null : new BigDecimal(quantity),
                        cell(r, "unit"),
                        occurred == null ? null : OffsetDateTime.parse(occurred),
                        cell(r, "region"),
                        null,
                        duration == null ? null : Integer.valueOf(duration),
                        cell(r, "reference"),
                        cell(r, "claimKey"),
                        cell(r, "gtin")));
            } catch (NumberFormatException | DateTimeParseException e) {
                rows.add(Refusal.invalid("row-unreadable", "row"));
            }
        }
        return receiveRows(caller, rows);
    }

    private static @Nullable String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    private static void tooMany(int rows) {
        if (rows > MAX_ROWS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "too-many-rows", "rows", MAX_ROWS);
        }
    }

    /** Rows: each an {@link Activity}, or the {@link Refusal} of a row that could not be read. */
    private BulkResult receiveRows(Caller caller, List<Object> activities) {
        if (activities.size() > MAX_ROWS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "too-many-rows", "rows", MAX_ROWS);
        }
        var partner = active(caller);
        boolean live = caller.mode() == Partners.Mode.LIVE;
        var results = new ArrayList<@Nullable RowResult>(activities.size());
        var decisions = new ArrayList<ActivityLog.Decision>();
        var toRecord = new ArrayList<Recording.FromPartner>();
        var recordedRows = new ArrayList<Checked>();
        var recordedIndexes = new ArrayList<Integer>();
        var sent = activities.stream()
                .filter(Activity.class::isInstance)
                .map(Activity.class::cast)
                .toList();
        var known = links(partner, sent);
        // A live reference decided before is answered from its decision, before anything else is checked.
        var kept = live
                ? log.kept(
                        partner.id(),
                        caller.mode(),
                        sent.stream()
                                .map(PartnerActivities::referenceOrNull)
                                .filter(Objects::nonNull)
                                .distinct()
                                .toList())
                : Map.<String, ActivityLog.Kept>of();
        // A reference met again in the same upload, after a row of it went to be recorded, follows that row (resolved
        // once it is answered); after a row of it refused here, it is decided anew.
        var firstRow = new HashMap<String, Integer>();
        var fingerprints = new HashMap<Integer, String>();
        var repeats = new LinkedHashMap<Integer, Integer>();
        for (int i = 0; i < activities.size(); i++) {
            if (activities.get(i) instanceof Refusal unreadable) {
                results.add(refusedRow(i + 1, null, unreadable));
                continue;
            }
            var activity = (Activity) activities.get(i);
            String reference = null;
            try {
                reference = reference(activity);
                String fingerprint = idempotency.fingerprint(activity);
                var before = kept.get(reference);
                if (before != null) {
                    results.add(row(i + 1, replay(caller.mode(), before, fingerprint)));
                    continue;
                }
                Integer first = firstRow.get(reference);
                if (first != null) {
                    fingerprints.put(i, fingerprint);
                    repeats.put(i, first);
                    results.add(null);
                    continue;
                }
                var checked = check(partner, activity, reference, fingerprint, known);
                var source = sourceOf(partner, checked);
                if (!live) {
                    var preview = recording.previewFromPartner(checked.link().userId(), checked.submission(), source);
                    var answer = new Answer(
                            reference,
                            caller.mode(),
                            Outcome.CHECKED,
                            List.of(),
                            preview.reductionGrams(),
                            preview.methodologyVersion(),
                            null,
                            false);
                    decisions.add(decision(caller, checked, answer));
                    results.add(row(i + 1, answer));
                } else {
                    toRecord.add(new Recording.FromPartner(checked.link().userId(), checked.submission(), source));
                    recordedRows.add(checked);
                    recordedIndexes.add(i);
                    firstRow.put(reference, i);
                    fingerprints.put(i, fingerprint);
                    results.add(null);
                }
            } catch (Refusal refusal) {
                if (reference != null) {
                    decisions.add(refused(caller, activity, reference, null, refusal));
                }
                results.add(refusedRow(i + 1, reference, refusal));
            }
        }
        // Refusals found before recording are kept first; then each written thousand's decisions, in order, on a thread
        // of their own while this one prepares the next thousand and the writer writes the one after — the answer
        // waits for the last.
        log.decided(decisions);
        var logging = new AtomicReference<>(CompletableFuture.runAsync(() -> {}, Runnable::run));
        try {
            int[] next = {0};
            recording.submitAllFromPartner(toRecord, answers -> {
                var chunk = new ArrayList<ActivityLog.Decision>(answers.size());
                var orderRows = new ArrayList<Checked>();
                var orderAnswers = new ArrayList<Answer>();
                for (var recorded : answers) {
                    int j = next[0]++;
                    var checked = recordedRows.get(j);
                    int index = recordedIndexes.get(j);
                    Answer answer;
                    try {
                        answer = recorded.refusal() == null
                                ? answer(caller.mode(), checked.reference(), Objects.requireNonNull(recorded.outcome()))
                                : recordedBefore(caller, checked, sourceOf(partner, checked), recorded.refusal());
                    } catch (Refusal reused) {
                        results.set(index, refusedRow(index + 1, checked.reference(), reused));
                        continue;
                    }
                    if (answer == null) {
                        var refusal = Objects.requireNonNull(recorded.refusal());
                        chunk.add(refused(caller, checked.activity(), checked.reference(), checked.link(), refusal));
                        results.set(index, refusedRow(index + 1, checked.reference(), refusal));
                    } else {
                        chunk.add(decision(caller, checked, answer));
                        results.set(index, row(index + 1, answer));
                        if (recorded.refusal() == null) {
                            orderRows.add(checked);
                            orderAnswers.add(answer);
                        }
                    }
                }
                var orders = orders(caller, orderRows, orderAnswers);
                logging.set(logging.get()
                        .thenRunAsync(
                                () -> {
                                    log.decided(chunk);
                                    productPurchases.partnerOrders(orders);
                                },
                                DECISIONS));
            });
        } finally {
            try {
                logging.get().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        repeats.forEach((i, first) -> results.set(
                i,
                again(
                        i + 1,
                        Objects.requireNonNull(results.get(first)),
                        fingerprints.get(first),
                        fingerprints.get(i))));
        var rows = results.stream().map(Objects::requireNonNull).toList();
        return new BulkResult(
                rows.size(),
                count(rows, Outcome.CREDITED),
                count(rows, Outcome.HELD),
                count(rows, Outcome.REFUSED),
                count(rows, Outcome.CHECKED),
                rows);
    }

    private static Recording.PartnerSource sourceOf(Partners.Partner partner, Checked checked) {
        return new Recording.PartnerSource(partner.id(), checked.reference(), claimKey(checked.activity()));
    }

    /**
     * A row whose reference came earlier in the same upload: the earlier row's answer again (its refusal too), or
     * refused when it carries another activity under a reference the earlier row was recorded under.
     */
    private static RowResult again(
            int number, RowResult first, @Nullable String firstFingerprint, @Nullable String fingerprint) {
        if (first.outcome() != Outcome.REFUSED && !Objects.equals(firstFingerprint, fingerprint)) {
            return refusedRow(number, first.reference(), reused());
        }
        return new RowResult(
                number,
                first.reference(),
                first.outcome(),
                first.reasons(),
                first.reductionGrams(),
                first.recordId(),
                first.problem(),
                first.details());
    }

    /** A reference already answered, sent again: the same answer, unless it now carries another activity. */
    private static Answer replay(Partners.Mode mode, ActivityLog.Kept kept, String fingerprint) {
        if (kept.fingerprint() != null && !kept.fingerprint().equals(fingerprint)) {
            throw reused();
        }
        return new Answer(
                kept.reference(),
                mode,
                kept.outcome(),
                kept.reasons(),
                kept.reductionGrams(),
                kept.methodologyVersion(),
                kept.recordId(),
                true);
    }

    private static Refusal reused() {
        return Refusal.unacceptable("reference-reused", "reference");
    }

    /**
     * The activity's own reference was claimed before: by this partner for the same person, the activity was recorded
     * and is answered as its record stands now (its answer had not reached the log — a crash between the two, or the
     * same reference in two uploads at once); for another person, the reference is reused. Null when the refusal is of
     * something else (a claim key another partner holds, or any other reason).
     */
    private @Nullable Answer recordedBefore(
            Caller caller, Checked checked, Recording.PartnerSource source, Refusal refusal) {
        if (!refusal.code().equals("already-claimed")
                || refusal.violations().isEmpty()
                || refusal.violations().getFirst().args().isEmpty()
                || !source.externalRef()
                        .equals(String.valueOf(
                                refusal.violations().getFirst().args().getFirst()))) {
            return null;
        }
        // The first claim names its record only when it is the same person's.
        Object record =
                refusal.properties().get("firstClaim") instanceof Map<?, ?> first ? first.get("recordId") : null;
        if (record == null) {
            throw reused();
        }
        var standing = records.find(checked.link().userId(), UUID.fromString(record.toString()))
                .orElseThrow(PartnerActivities::reused);
        Outcome outcome = outcomeOf(standing.status());
        return new Answer(
                checked.reference(),
                caller.mode(),
                outcome,
                standing.reasons(),
                outcome == Outcome.REFUSED ? 0 : standing.reductionGrams(),
                standing.methodologyVersion(),
                standing.id(),
                true);
    }

    /** The reference of an activity, when it has a valid one. */
    private static @Nullable String referenceOrNull(Activity activity) {
        try {
            return reference(activity);
        } catch (Refusal refusal) {
            return null;
        }
    }

    /** The recorded green-product orders among these answered activities, to keep beside receipt purchases. */
    private static List<ProductPurchases.PartnerOrder> orders(
            Caller caller, List<Checked> checked, List<Answer> answers) {
        var orders = new ArrayList<ProductPurchases.PartnerOrder>();
        for (int i = 0; i < checked.size(); i++) {
            var order = checked.get(i).order();
            var answer = answers.get(i);
            UUID record = answer.recordId();
            if (order != null
                    && record != null
                    && caller.mode() == Partners.Mode.LIVE
                    && (answer.outcome() == Outcome.CREDITED || answer.outcome() == Outcome.HELD)) {
                orders.add(new ProductPurchases.PartnerOrder(
                        checked.get(i).link().userId(),
                        order.productId(),
                        order.claimId(),
                        record,
                        caller.partnerId(),
                        answer.reference()));
            }
        }
        return orders;
    }

    private static int count(List<RowResult> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static RowResult row(int number, Answer answer) {
        return new RowResult(
                number,
                answer.reference(),
                answer.outcome(),
                answer.reasons(),
                answer.reductionGrams(),
                answer.recordId(),
                null,
                Map.of());
    }

    private static RowResult refusedRow(int number, @Nullable String reference, Refusal refusal) {
        return new RowResult(
                number, reference, Outcome.REFUSED, reasons(refusal), 0, null, refusal.code(), refusal.properties());
    }

    /** The partner's reference: required, printable, at most 200 characters. */
    private static String reference(Activity activity) {
        String reference =
                activity.reference() == null ? "" : activity.reference().strip();
        if (reference.isEmpty()) {
            throw Refusal.invalid(List.of(Violation.of("reference", "field-required", "reference")));
        }
        if (!REFERENCE.matcher(reference).matches()) {
            throw Refusal.invalid("reference-invalid", "reference");
        }
        return reference;
    }

    private static @Nullable String claimKey(Activity activity) {
        return activity.claimKey() == null || activity.claimKey().isBlank()
                ? null
                : activity.claimKey().strip();
    }

    /** The partner's links named by these activities' subjects, read at once. */
    private Map<String, PartnerLinks.Link> links(Partners.Partner partner, List<Activity> activities) {
        return links.bySubjects(
                partner.id(),
                activities.stream()
                        .map(Activity::subject)
                        .filter(subject -> subject != null && !subject.isBlank())
                        .map(String::strip)
                        .toList());
    }

    /** Checks an activity against the partner and the person's link to it (among the links read for its batch). */
    private Checked check(
            Partners.Partner partner,
            Activity a,
            String reference,
            String fingerprint,
            Map<String, PartnerLinks.Link> known) {
        var missing = new ArrayList<Violation>();
        if (a.subject() == null || a.subject().isBlank()) {
            missing.add(Violation.of("subject", "field-required", "subject"));
        }
        if (a.scenario() == null || a.scenario().isBlank()) {
            missing.add(Violation.of("scenario", "field-required", "scenario"));
        }
        if (a.behaviour() == null || a.behaviour().isBlank()) {
            missing.add(Violation.of("behaviour", "field-required", "behaviour"));
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(missing);
        }
        if (a.claimKey() != null
                && !a.claimKey().isBlank()
                && !REFERENCE.matcher(a.claimKey().strip()).matches()) {
            throw Refusal.invalid("claim-key-invalid", "claimKey");
        }
        String subject = Objects.requireNonNull(a.subject()).strip();
        String scenarioCode = Objects.requireNonNull(a.scenario()).strip();
        String behaviour = Objects.requireNonNull(a.behaviour()).strip();
        var link = known.get(subject);
        if (link == null) {
            throw Refusal.unacceptable("link-unknown", "subject");
        }
        if (link.revoked()) {
            throw Refusal.unacceptable("link-revoked", "subject", String.valueOf(link.revokedAt()));
        }
        if (!partner.behaviours().contains(behaviour)) {
            throw Refusal.forbidden("behaviour-not-allowed", "behaviour", behaviour);
        }
        var scenario = partner.scenario(scenarioCode)
                .orElseThrow(() -> Refusal.unacceptable("scenario-unknown", "scenario", scenarioCode));
        if (!Objects.requireNonNull(scenario.behaviours()).contains(behaviour)) {
            throw Refusal.unacceptable("behaviour-not-in-scenario", "behaviour", behaviour, scenarioCode);
        }
        if (!link.scenarios().contains(scenarioCode)) {
            throw Refusal.forbidden("scenario-not-consented", "scenario", scenarioCode);
        }
        // An order of a green product is credited from the product registry (its verified footprint against the
        // category baseline), never from a difference the partner states.
        ProductPurchases.OrderBasis order = null;
        Map<String, BigDecimal> parameters = a.parameters();
        String unit = a.unit();
        boolean product = ProductPurchases.BEHAVIOUR.equals(behaviour);
        if (!product && a.gtin() != null && !a.gtin().isBlank()) {
            throw Refusal.unacceptable("gtin-only-for-products", "gtin", ProductPurchases.BEHAVIOUR);
        }
        if (product) {
            if (parameters != null && parameters.containsKey(FOOTPRINT)) {
                throw Refusal.unacceptable("footprint-from-registry", "parameters." + FOOTPRINT);
            }
            if (a.gtin() == null || a.gtin().isBlank() || a.occurredAt() == null) {
                var fields = new ArrayList<Violation>();
                if (a.gtin() == null || a.gtin().isBlank()) {
                    fields.add(Violation.of("gtin", "field-required", "gtin"));
                }
                if (a.occurredAt() == null) {
                    fields.add(Violation.of("occurredAt", "field-required", "occurredAt"));
                }
                throw Refusal.invalid(fields);
            }
            order = productPurchases.orderBasis(
                    a.gtin(), ProgrammeCalendar.dayOf(a.occurredAt().toInstant()));
            parameters = Map.of(FOOTPRINT, order.comparison().differencePerItemKg());
            unit = "item";
        }
        var submission = new RecordSubmission(
                behaviour, a.quantity(), unit, a.occurredAt(), a.region(), null, parameters, a.durationMinutes(), null);
        return new Checked(a, reference, link, submission, order, fingerprint);
    }

    private static Answer answer(Partners.Mode mode, String reference, Recording.Outcome outcome) {
        RecordReceipt receipt = outcome.receipt();
        Outcome decided = outcomeOf(receipt.status());
        return new Answer(
                reference,
                mode,
                decided,
                receipt.reasons(),
                decided == Outcome.REFUSED ? 0 : receipt.reductionGrams(),
                receipt.methodology().version(),
                receipt.id(),
                outcome.replayed());
    }

    private static Outcome outcomeOf(RecordStatus status) {
        return switch (status) {
            case CREDITED -> Outcome.CREDITED;
            case FLAGGED -> Outcome.HELD;
            case REVERSED -> Outcome.REVERSED;
            case REJECTED -> Outcome.REFUSED;
        };
    }

    private static ActivityLog.Decision decision(Caller caller, Checked checked, Answer answer) {
        return new ActivityLog.Decision(
                caller.partnerId(),
                caller.mode(),
                answer.reference(),
                checked.link().id(),
                caller.mode() == Partners.Mode.LIVE ? checked.link().userId() : null,
                checked.link().subject(),
                checked.activity().scenario(),
                checked.activity().behaviour(),
                claimKey(checked.activity()),
                answer.recordId(),
                answer.outcome(),
                answer.reasons(),
                answer.reductionGrams(),
                answer.methodologyVersion(),
                day(checked.activity()),
                checked.fingerprint());
    }

    private static ActivityLog.Decision refused(
            Caller caller, Activity activity, String reference, PartnerLinks.@Nullable Link link, Refusal refusal) {
        return new ActivityLog.Decision(
                caller.partnerId(),
                caller.mode(),
                reference,
                link == null ? null : link.id(),
                link == null || caller.mode() != Partners.Mode.LIVE ? null : link.userId(),
                link == null ? null : link.subject(),
                activity.scenario(),
                activity.behaviour(),
                claimKey(activity),
                null,
                Outcome.REFUSED,
                reasons(refusal),
                0,
                null,
                day(activity),
                null);
    }

    /** The day the activity happened, programme calendar; null when it came without a time. */
    private static @Nullable LocalDate day(Activity activity) {
        OffsetDateTime at = activity.occurredAt();
        return at == null ? null : ProgrammeCalendar.dayOf(at.toInstant());
    }

    /** A refusal's reasons: its code, and each offending field's own code. */
    private static List<String> reasons(Refusal refusal) {
        var reasons = new ArrayList<String>();
        reasons.add(refusal.code());
        refusal.violations().stream()
                .map(Violation::code)
                .filter(code -> !reasons.contains(code))
                .forEach(reasons::add);
        return reasons;
    }
}
