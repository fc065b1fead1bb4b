package org.lowcarbontogether.grants.web;

import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.platform.FormNumber;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * An officer's decision on an application: award (amount in yuan, period, rows of tranches and milestones; a row
 * left without its amount or title is not one) or decline, with a note to the applicant. The service checks what the
 * API checks too (tranches adding up to the amount, dates within the period).
 */
class DecisionInput {

    private String decision = "";
    private String note = "";

    @FormNumber
    @Digits(integer = 12, fraction = 2)
    private @Nullable BigDecimal amountYuan;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate startsOn;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate endsOn;

    @FormNumber
    private List<@Nullable @Digits(integer = 12, fraction = 2) BigDecimal> trancheYuan = new ArrayList<>();

    private List<String> trancheCondition = new ArrayList<>();

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private List<@Nullable LocalDate> trancheDue = new ArrayList<>();

    private List<String> milestoneTitle = new ArrayList<>();

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private List<@Nullable LocalDate> milestoneDue = new ArrayList<>();

    Awards.Decision toDecision() {
        boolean award = "award".equals(decision);
        var tranches = new ArrayList<Awards.TrancheForm>();
        for (int i = 0; i < trancheYuan.size(); i++) {
            if (trancheYuan.get(i) != null) {
                tranches.add(new Awards.TrancheForm(
                        Money.fen(trancheYuan.get(i)), row(trancheCondition, i), row(trancheDue, i)));
            }
        }
        var milestones = new ArrayList<Awards.MilestoneForm>();
        for (int i = 0; i < milestoneTitle.size(); i++) {
            if (!milestoneTitle.get(i).isBlank()) {
                milestones.add(new Awards.MilestoneForm(milestoneTitle.get(i), row(milestoneDue, i)));
            }
        }
        return new Awards.Decision(
                award,
                note,
                award ? Money.fen(amountYuan) : null,
                award ? startsOn : null,
                award ? endsOn : null,
                tranches,
                milestones);
    }

    private static <T> @Nullable T row(List<? extends @Nullable T> column, int i) {
        return i < column.size() ? column.get(i) : null;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public @Nullable BigDecimal getAmountYuan() {
        return amountYuan;
    }

    public void setAmountYuan(@Nullable BigDecimal amountYuan) {
        this.amountYuan = amountYuan;
    }

    public @Nullable LocalDate getStartsOn() {
        return startsOn;
    }

    public void setStartsOn(@Nullable LocalDate startsOn) {
        this.startsOn = startsOn;
    }

    public @Nullable LocalDate getEndsOn() {
        return endsOn;
    }

    public void setEndsOn(@Nullable LocalDate endsOn) {
        this.endsOn = endsOn;
    }

    public List<@Nullable BigDecimal> getTrancheYuan() {
        return trancheYuan;
    }

    public void setTrancheYuan(List<@Nullable BigDecimal> trancheYuan) {
        this.trancheYuan = trancheYuan;
    }

    public List<String> getTrancheCondition() {
        return trancheCondition;
    }

    public void setTrancheCondition(List<String> trancheCondition) {
        this.trancheCondition = trancheCondition;
    }

    public List<@Nullable LocalDate> getTrancheDue() {
        return trancheDue;
    }

    public void setTrancheDue(List<@Nullable LocalDate> trancheDue) {
        this.trancheDue = trancheDue;
    }

    public List<String> getMilestoneTitle() {
        return milestoneTitle;
    }

    public void setMilestoneTitle(List<String> milestoneTitle) {
        this.milestoneTitle = milestoneTitle;
    }

    public List<@Nullable LocalDate> getMilestoneDue() {
        return milestoneDue;
    }

    public void setMilestoneDue(List<@Nullable LocalDate> milestoneDue) {
        this.milestoneDue = milestoneDue;
    }
}
