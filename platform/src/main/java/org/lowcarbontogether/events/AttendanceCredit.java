package org.lowcarbontogether.events;

import java.time.Instant;
import java.time.ZoneOffset;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Credits an attendee the event's behaviour once they are checked in: as organiser-verified, through the ordinary
 * recording path (plausibility rules, one claim per attendee and event). It runs after the check-in commits and in its
 * own transaction, so a credit the rules refuse never undoes the check-in; the outcome is noted on the attendance list.
 * Retried from the event publication registry; the idempotency key makes a retry count once.
 */
@Component
class AttendanceCredit {

    private final Events events;
    private final Recording recording;

    AttendanceCredit(Events events, Recording recording) {
        this.events = events;
        this.recording = recording;
    }

    @Async
    @TransactionalEventListener
    void on(AttendeeCheckedIn checkedIn) {
        // An event that is gone, or credits no behaviour, has nothing to credit.
        var event = events.find(checkedIn.eventId()).orElse(null);
        if (event == null || event.behaviour() == null) {
            return;
        }
        // The activity happened at the event: its start, or the check-in if that came first.
        Instant at = checkedIn.checkedInAt().isBefore(event.startsAt()) ? checkedIn.checkedInAt() : event.startsAt();
        String claim = "event:" + event.id() + ":" + checkedIn.userId();
        var submission = new RecordSubmission(
                event.behaviour(),
                event.quantity(),
                event.unit(),
                at.atOffset(ZoneOffset.ofHours(8)),
                null,
                "ORGANISER_VERIFIED",
                event.parameters(),
                null,
                claim);
        try {
            var receipt = (checkedIn.confirmedBy() == null
                            ? recording.submitInTransaction(
                                    checkedIn.userId(), claim, submission, Recording.Channel.ORGANISER)
                            : recording.submitInTransaction(
                                    checkedIn.userId(),
                                    claim,
                                    submission,
                                    Recording.Channel.ORGANISER,
                                    checkedIn.confirmedBy()))
                    .receipt();
            events.noteCredit(
                    event.id(),
                    checkedIn.userId(),
                    receipt.status().name(),
                    String.join(",", receipt.reasons()),
                    receipt.id(),
                    receipt.status() == RecordStatus.CREDITED ? receipt.reductionGrams() : null);
        } catch (Refusal e) {
            events.noteCredit(event.id(), checkedIn.userId(), "NOT_CREDITED", e.code(), null, null);
        }
    }
}
