package org.lowcarbontogether.grants.web;

import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.platform.FormNumber;

/**
 * The application form as the applicant fills it in: the request in yuan (to the fen), the planned reduction in kg.
 * The service checks what the API checks too (organisation, title, proposal, amounts within the call).
 */
class ApplicationInput {

    private @Nullable UUID organisationId;
    private String title = "";
    private String proposal = "";
    private String activities = "";

    @FormNumber
    @Digits(integer = 12, fraction = 2)
    private @Nullable BigDecimal requestedYuan;

    @FormNumber
    private @Nullable Long plannedBehaviours;

    @FormNumber
    private @Nullable BigDecimal plannedKg;

    @FormNumber
    private @Nullable Long plannedParticipants;

    @FormNumber
    private @Nullable Long plannedReach;

    Applications.ApplicationForm toApplicationForm() {
        return new Applications.ApplicationForm(
                organisationId,
                title,
                proposal,
                activities,
                Money.fen(requestedYuan),
                plannedBehaviours,
                plannedKg == null ? null : plannedKg.movePointRight(3).longValue(),
                plannedParticipants,
                plannedReach);
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getProposal() {
        return proposal;
    }

    public void setProposal(String proposal) {
        this.proposal = proposal;
    }

    public String getActivities() {
        return activities;
    }

    public void setActivities(String activities) {
        this.activities = activities;
    }

    public @Nullable BigDecimal getRequestedYuan() {
        return requestedYuan;
    }

    public void setRequestedYuan(@Nullable BigDecimal requestedYuan) {
        this.requestedYuan = requestedYuan;
    }

    public @Nullable Long getPlannedBehaviours() {
        return plannedBehaviours;
    }

    public void setPlannedBehaviours(@Nullable Long plannedBehaviours) {
        this.plannedBehaviours = plannedBehaviours;
    }

    public @Nullable BigDecimal getPlannedKg() {
        return plannedKg;
    }

    public void setPlannedKg(@Nullable BigDecimal plannedKg) {
        this.plannedKg = plannedKg;
    }

    public @Nullable Long getPlannedParticipants() {
        return plannedParticipants;
    }

    public void setPlannedParticipants(@Nullable Long plannedParticipants) {
        this.plannedParticipants = plannedParticipants;
    }

    public @Nullable Long getPlannedReach() {
        return plannedReach;
    }

    public void setPlannedReach(@Nullable Long plannedReach) {
        this.plannedReach = plannedReach;
    }
}
