package org.lowcarbontogether.grants.web;

import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.platform.FormNumber;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form with which an officer opens a call: budget and largest grant in yuan, and rows of criteria (a name and a
 * weight each). The service checks what the API checks too (themes, dates, weights adding up to 100).
 */
class CallInput {

    private String title = "";
    private String description = "";
    private List<String> themes = new ArrayList<>();
    private String eligibility = "";

    @FormNumber
    @Digits(integer = 12, fraction = 2)
    private @Nullable BigDecimal budgetYuan;

    @FormNumber
    @Digits(integer = 12, fraction = 2)
    private @Nullable BigDecimal maxGrantYuan;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate opensOn;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate closesOn;

    private List<String> criterionName = new ArrayList<>();

    @FormNumber
    private List<@Nullable Integer> criterionWeight = new ArrayList<>();

    GrantCalls.CallForm toCallForm() {
        var criteria = new ArrayList<GrantCalls.CriterionForm>();
        for (int i = 0; i < criterionName.size(); i++) {
            criteria.add(new GrantCalls.CriterionForm(
                    criterionName.get(i), null, i < criterionWeight.size() ? criterionWeight.get(i) : null));
        }
        return new GrantCalls.CallForm(
                title,
                description,
                themes,
                eligibility,
                Money.fen(budgetYuan),
                Money.fen(maxGrantYuan),
                opensOn,
                closesOn,
                criteria);
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getThemes() {
        return themes;
    }

    public void setThemes(List<String> themes) {
        this.themes = themes;
    }

    public String getEligibility() {
        return eligibility;
    }

    public void setEligibility(String eligibility) {
        this.eligibility = eligibility;
    }

    public @Nullable BigDecimal getBudgetYuan() {
        return budgetYuan;
    }

    public void setBudgetYuan(@Nullable BigDecimal budgetYuan) {
        this.budgetYuan = budgetYuan;
    }

    public @Nullable BigDecimal getMaxGrantYuan() {
        return maxGrantYuan;
    }

    public void setMaxGrantYuan(@Nullable BigDecimal maxGrantYuan) {
        this.maxGrantYuan = maxGrantYuan;
    }

    public @Nullable LocalDate getOpensOn() {
        return opensOn;
    }

    public void setOpensOn(@Nullable LocalDate opensOn) {
        this.opensOn = opensOn;
    }

    public @Nullable LocalDate getClosesOn() {
        return closesOn;
    }

    public void setClosesOn(@Nullable LocalDate closesOn) {
        this.closesOn = closesOn;
    }

    public List<String> getCriterionName() {
        return criterionName;
    }

    public void setCriterionName(List<String> criterionName) {
        this.criterionName = criterionName;
    }

    public List<@Nullable Integer> getCriterionWeight() {
        return criterionWeight;
    }

    public void setCriterionWeight(List<@Nullable Integer> criterionWeight) {
        this.criterionWeight = criterionWeight;
    }
}
