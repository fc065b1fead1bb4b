package org.lowcarbontogether.schools;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.recording.BehaviourLimits;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;

/**
 * A pupil records a behaviour from their class page: one tap on a picture, a quantity (the usual one by default), now.
 * It goes through the one record door ({@link Recording#submit}), where the guardian's consent and the grade's subset
 * are enforced for every channel; here only what a pupil's page offers is checked first, for a clearer answer.
 */
@Service
public class PupilRecords {

    private final Schools schools;
    private final Recording recording;

    PupilRecords(Schools schools, Recording recording) {
        this.schools = schools;
        this.recording = recording;
    }

    /** The behaviours the pupil may record, in their grade's subset. */
    public List<SchoolBehaviours.Behaviour> behaviours(Actor me) {
        return SchoolBehaviours.forGrade(schools.classOfPupil(me).grade());
    }

    /**
     * Records a behaviour for the pupil: 422 {@code behaviour-not-for-pupils} outside their grade's subset, 403
     * {@code guardian-consent-required} until their guardian consented (from the record path).
     */
    public RecordReceipt record(Actor me, @Nullable String behaviour, @Nullable BigDecimal quantity, String key) {
        var schoolClass = schools.classOfPupil(me);
        var chosen = SchoolBehaviours.find(schoolClass.grade(), behaviour == null ? "" : behaviour)
                .orElseThrow(BehaviourLimits::refusal);
        BigDecimal amount = quantity == null ? chosen.usual() : quantity;
        if (amount.signum() <= 0) {
            throw Refusal.invalid("quantity-not-positive", "quantity");
        }
        var submission = new RecordSubmission(
                chosen.code(),
                amount,
                chosen.unit(),
                OffsetDateTime.now(ProgrammeCalendar.ZONE).withNano(0),
                null,
                null);
        return recording.submit(me.id(), key, submission, Recording.Channel.WEB).receipt();
    }
}
