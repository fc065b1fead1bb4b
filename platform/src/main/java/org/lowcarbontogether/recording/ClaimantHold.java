package org.lowcarbontogether.recording;

/**
 * A service provider interface for the module that vouches for records' evidence — the claimant named on their
 * external claims, a partner's id for a partner's activities: it may hold a reviewer's approval of those records while
 * they must wait (a suspended partner's unsettled records stay held). Recording asks every bean implementing it before
 * it approves a flagged record; the record stays flagged when one refuses.
 */
public interface ClaimantHold {

    /** Throws the {@link org.lowcarbontogether.shared.Refusal} to answer the reviewer when records of this claimant must wait. */
    void beforeApproval(String claimant);
}
