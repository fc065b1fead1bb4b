package org.lowcarbontogether.recording;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.shared.Actor;
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
    private final GuardianConsents guardians;

    Recording(
            Submissions submissions,
            GroupCommit groupCommit,
            GroupWrite groups,
            BatchIngest batches,
            GuardianConsents guardians) {
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
        HANDOVER;

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
