package org.lowcarbontogether.recording;

/**
 * Where a record stands. A record is judged CREDITED, FLAGGED (held for a reviewer, not credited yet) or REJECTED
 * (kept with its reasons, never credited); a reviewer settles a flagged record as CREDITED or REJECTED; a credited
 * record may later be REVERSED. The names are stored and sent as they are.
 */
public enum RecordStatus {
    CREDITED,
    FLAGGED,
    REJECTED,
    REVERSED;

    /** What the plausibility rules' verdict makes of a new record. */
    static RecordStatus of(Plausibility.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> CREDITED;
            case FLAGGED -> FLAGGED;
            case REJECTED -> REJECTED;
        };
    }
}
