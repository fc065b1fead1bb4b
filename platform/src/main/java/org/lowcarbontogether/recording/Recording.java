package org.lowcarbontogether.recording;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records behaviours: the one door every record comes in by. A submission is checked field by field (all problems
 * reported together), calculated under the current methodology, judged by the plausibility rules, and stored —
 * credited to the ledger when accepted, held for a reviewer when flagged, kept with its reasons when rejected — once per
 * idempotency key, with nothing written when an input check fails. A real-world event ({@code externalRef}) is
 * credited once across all channels. One person's records are judged one after another, whichever door they take.
 * <p>
 * Three ways through it: {@link #submit} (a request: written with whatever arrives meanwhile, in one commit — see
 * {@link GroupCommit}), {@link #submitInTransaction} (a listener or job inside its own transaction), and the bulk
 * uploads ({@link BatchIngest}).
 */
@Service
public class Recording {

    private final Submissions submissions;
    private final GroupCommit groupCommit;
    private final GroupWrite groups;
    private final BatchIngest batches;
    private final ChunkedWrite chunks;
    private final GuardianConsents guardians;

    Recording(
            Submissions submissions,
            GroupCommit groupCommit,
            GroupWrite groups,
            BatchIngest batches,
            ChunkedWrite chunks,
            GuardianConsents guardians) {
        this.chunks = chunks;
        this.guardians = guardians;
        this.submissions = submissions;
        this.groupCommit = groupCommit;
        this.groups = groups;
        this.batches = batches;
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
        HANDOVER,
        /**
         * A partner's activity for a person who linked their account, sent with the partner's credentials: the only
         * channel for partner-verified evidence (see {@link #submitFromPartner}).
         */
        PARTNER,
        /**
         * A purchase of a registered green product (see {@link #submitProductPurchase}): its footprint difference comes
         * from the product registry's verified disclosure, never from the buyer; its receipt photo is kept by the
         * products module and the record waits for a reviewer.
         */
        PRODUCT,

        /**
         * A ride recorded by a GPS device and uploaded by its rider (GPX, TCX, FIT): the only channel for GPS evidence
         * (see {@link #submitRide}).
         */
        GPS;

        boolean importsEarlierSheets() {
            return this == IMPORT || this == ORGANISER;
        }
    }

    /**
     * The outcome of a submission: its receipt — also as the JSON text stored with its idempotency key, so an API
     * answer (first or replayed) is written once and sent as it is — and whether it replays an earlier submission.
     */
    public record Outcome(RecordReceipt receipt, String receiptJson, boolean replayed) {}

    /**
     * Records a behaviour for a person, once per idempotency key, and returns once it is committed: checked and
     * calculated on the caller's thread, written with the group it joins.
     */
    public Outcome submit(UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel) {
        return groupCommit
                .write(submissions.prepare(userId, idempotencyKey, submission, channel, null, false))
                .outcome();
    }

    /** Records a behaviour in the caller's transaction (or a new one), once per idempotency key. */
    @Transactional
    public Outcome submitInTransaction(
            UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel) {
        return writeNow(submissions.prepare(userId, idempotencyKey, submission, channel, null, false));
    }

    /**
     * Records, in the caller's transaction, a behaviour an organiser enters for the person (a check-in they confirmed),
     * audited with who entered it.
     */
    @Transactional
    public Outcome submitInTransaction(
            UUID userId, String idempotencyKey, RecordSubmission submission, Channel channel, UUID enteredBy) {
        return writeNow(submissions.prepare(userId, idempotencyKey, submission, channel, enteredBy, false));
    }

    private Outcome writeNow(Prepared prepared) {
        return groups.write(List.of(prepared)).getFirst().outcome();
    }

    /**
     * Records a purchase of a registered green product for a person: the caller (the products module) has found the
     * product's verified footprint disclosure and the methodology's category baseline, puts their difference per item
     * in the behaviour's parameter (a value only a source may give) and cites both in {@code externalRef}, which must
     * start with {@code product:}; the evidence is the receipt photo the caller keeps, so the record is held for a
     * reviewer whatever the rules say. Once per idempotency key, in the caller's transaction.
     */
    @Transactional
    public Outcome submitProductPurchase(UUID userId, String idempotencyKey, RecordSubmission submission) {
        return writeNow(submissions.prepareProductPurchase(userId, idempotencyKey, submission));
    }

    /**
     * Where a partner's activity comes from: the partner, its own reference for the real-world event (idempotent: the
     * same reference is answered the same), and optionally a claim key the same event carries at every partner that
     * may report it (a ride's operator and trip), so it is credited once.
     */
    public record PartnerSource(
            UUID partnerId, String reference, @Nullable String claimKey) {

        /** The reference as claimed: in the partner's namespace, so nobody else can claim or block it. */
        public String externalRef() {
            return "partner:" + partnerId + ":" + reference;
        }

        @Nullable
        String claim() {
            return claimKey == null ? null : "claim:" + claimKey;
        }
    }

    /**
     * Records a partner's activity for a person who linked their account to the partner (the caller has checked the
     * link, the partner's behaviours and scopes): partner-verified, once per partner reference and claim key.
     */
    public Outcome submitFromPartner(UUID userId, RecordSubmission submission, PartnerSource source) {
        return groupCommit
                .write(submissions.prepareFromPartner(userId, submission, source))
                .outcome();
    }

    /**
     * Checks and calculates a partner's activity exactly as {@link #submitFromPartner} would, writing nothing (the
     * partner's sandbox): the reduction in grams and the methodology version, or the refusal thrown — including 403
     * {@code guardian-consent-required} for a person whose guardian has not consented, as the live door would.
     */
    public Preview previewFromPartner(UUID userId, RecordSubmission submission, PartnerSource source) {
        guardians.requireConsented(userId);
        var attested = submissions.preview(submission, source);
        var credited = attested.calculation();
        return new Preview(credited.behaviour(), credited.reductionGrams(), credited.methodologyVersion());
    }

    /** One of a partner's activities in a bulk upload: for whom, what, and where it comes from. */
    public record FromPartner(UUID userId, RecordSubmission submission, PartnerSource source) {}

    /** What became of one activity of a bulk upload: its outcome, or its refusal. */
    public record Answer(
            @Nullable Outcome outcome, @Nullable Refusal refusal) {}

    /**
     * Records a partner's activities in bulk (the caller has checked each one's link), a thousand to a transaction and
     * the next thousand prepared while one is written, as the participants' bulk uploads do. Each thousand's answers are
     * handed to {@code answered} in order as soon as it is written, while the next one is being written.
     */
    public void submitAllFromPartner(List<FromPartner> activities, Consumer<List<Answer>> answered) {
        chunks.<Object>write(
                activities.size(),
                i -> {
                    var a = activities.get(i);
                    try {
                        return submissions.prepareFromPartner(a.userId(), a.submission(), a.source());
                    } catch (Refusal refusal) {
                        return refusal;
                    }
                },
                item -> item instanceof Prepared prepared ? prepared : null,
                (chunk, fates) -> {
                    var answers = new ArrayList<Answer>(chunk.size());
                    int f = 0;
                    for (Object item : chunk) {
                        if (item instanceof Refusal refusal) {
                            answers.add(new Answer(null, refusal));
                            continue;
                        }
                        try {
                            answers.add(new Answer(fates.get(f++).outcome(), null));
                        } catch (Refusal refused) {
                            answers.add(new Answer(null, refused));
                        }
                    }
                    answered.accept(answers);
                });
    }

    /**
     * Where a ride's record comes from: the fingerprint of its GPS track (claimed as {@code claim:<trackKey>}, the
     * namespace partners' claim keys share, so a ride is credited once whether its file is uploaded again, by someone
     * else, or reported by a partner with the same key), and the names of the track rules that hold it for a reviewer
     * (empty when none did).
     */
    public record RideSource(String trackKey, List<String> holdReasons) {
        public RideSource {
            holdReasons = List.copyOf(holdReasons);
        }

        String claim() {
            return "claim:" + trackKey;
        }
    }

    /**
     * Records a ride from its rider's GPS track (channel {@link Channel#GPS}, GPS evidence), once per idempotency key
     * and once per track: the calculation and the recording rules as for any record, held for a reviewer when the
     * track's own rules say so.
     */
    public Outcome submitRide(UUID userId, String idempotencyKey, RecordSubmission submission, RideSource source) {
        return groupCommit
                .write(submissions.prepareRide(userId, idempotencyKey, submission, source))
                .outcome();
    }

    /** Records a ride as {@link #submitRide} does, in the caller's transaction (demo data). */
    @Transactional
    public Outcome submitRideInTransaction(
            UUID userId, String idempotencyKey, RecordSubmission submission, RideSource source) {
        return writeNow(submissions.prepareRide(userId, idempotencyKey, submission, source));
    }

    /** What a record would be credited, without being written. */
    public record Preview(String behaviour, long reductionGrams, String methodologyVersion) {}

    /**
     * Whether the person waits for their guardian's consent (registered as under 14): until then every record of theirs
     * is refused with 403 {@code guardian-consent-required}.
     */
    public boolean awaitsGuardian(UUID userId) {
        return guardians.isPending(userId);
    }

    /** Up to 10,000 records as JSON lines, each with its own key and result. */
    public BatchResult ingestJsonLines(UUID userId, String body, Channel channel) {
        return batches.ingestJsonLines(userId, body, channel);
    }

    /** Up to 10,000 records as CSV rows, each with its own key and result. */
    public BatchResult ingestCsv(UUID userId, String csv, Channel channel) throws IOException {
        return batches.ingestCsv(userId, csv, channel);
    }

    /** An organiser's sheet of their members' records (see {@link BatchIngest#ingestOrganiserSheet}). */
    public BatchResult ingestOrganiserSheet(Actor organiser, UUID organisationId, Reader csv) throws IOException {
        return batches.ingestOrganiserSheet(organiser, organisationId, csv);
    }
}
