package org.lowcarbontogether.incentives.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.incentives.Rewards;
import org.springframework.format.annotation.DateTimeFormat;

/** The reward form; empty fields stay null so the service reports them. */
public class RewardForm {
    private @Nullable UUID organisationId;
    private Rewards.@Nullable Kind kind;
    private String nameEn = "";
    private String nameZh = "";
    private String descriptionEn = "";
    private String descriptionZh = "";
    private @Nullable Long costPoints;
    private @Nullable Integer stock;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate validFrom;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate validUntil;

    private @Nullable Integer minLevel = 1;
    private List<Rewards.AgeGroup> ageGroups = new ArrayList<>();
    private @Nullable UUID communityId;
    private boolean campusOnly;
    private @Nullable BigDecimal donationAmount;
    private String donationRecipient = "";

    static RewardForm of(Rewards.Reward r) {
        var form = new RewardForm();
        form.organisationId = r.organisationId();
        form.kind = r.kind();
        form.nameEn = r.name().en();
        form.nameZh = r.name().zh();
        form.descriptionEn = r.description().en();
        form.descriptionZh = r.description().zh();
        form.costPoints = r.costPoints();
        form.stock = r.stock();
        form.validFrom = r.validFrom();
        form.validUntil = r.validUntil();
        form.minLevel = r.minLevel();
        form.ageGroups = new ArrayList<>(r.ageGroups());
        form.communityId = r.communityId();
        form.campusOnly = r.campusOrganisationId() != null;
        form.donationAmount = r.donationAmount();
        form.donationRecipient = r.donationRecipient() == null ? "" : r.donationRecipient();
        return form;
    }

    Rewards.Draft draft() {
        return new Rewards.Draft(
                kind,
                nameEn,
                nameZh,
                descriptionEn,
                descriptionZh,
                costPoints,
                stock,
                validFrom,
                validUntil,
                minLevel,
                ageGroups,
                communityId,
                campusOnly,
                donationAmount,
                donationRecipient);
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public Rewards.@Nullable Kind getKind() {
        return kind;
    }

    public void setKind(Rewards.@Nullable Kind kind) {
        this.kind = kind;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getNameZh() {
        return nameZh;
    }

    public void setNameZh(String nameZh) {
        this.nameZh = nameZh;
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = descriptionEn;
    }

    public String getDescriptionZh() {
        return descriptionZh;
    }

    public void setDescriptionZh(String descriptionZh) {
        this.descriptionZh = descriptionZh;
    }

    public @Nullable Long getCostPoints() {
        return costPoints;
    }

    public void setCostPoints(@Nullable Long costPoints) {
        this.costPoints = costPoints;
    }

    public @Nullable Integer getStock() {
        return stock;
    }

    public void setStock(@Nullable Integer stock) {
        this.stock = stock;
    }

    public @Nullable LocalDate getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(@Nullable LocalDate validFrom) {
        this.validFrom = validFrom;
    }

    public @Nullable LocalDate getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(@Nullable LocalDate validUntil) {
        this.validUntil = validUntil;
    }

    public @Nullable Integer getMinLevel() {
        return minLevel;
    }

    public void setMinLevel(@Nullable Integer minLevel) {
        this.minLevel = minLevel;
    }

    public List<Rewards.AgeGroup> getAgeGroups() {
        return ageGroups;
    }

    public void setAgeGroups(List<Rewards.AgeGroup> ageGroups) {
        this.ageGroups = ageGroups;
    }

    public @Nullable UUID getCommunityId() {
        return communityId;
    }

    public void setCommunityId(@Nullable UUID communityId) {
        this.communityId = communityId;
    }

    public boolean isCampusOnly() {
        return campusOnly;
    }

    public void setCampusOnly(boolean campusOnly) {
        this.campusOnly = campusOnly;
    }

    public @Nullable BigDecimal getDonationAmount() {
        return donationAmount;
    }

    public void setDonationAmount(@Nullable BigDecimal donationAmount) {
        this.donationAmount = donationAmount;
    }

    public String getDonationRecipient() {
        return donationRecipient;
    }

    public void setDonationRecipient(String donationRecipient) {
        this.donationRecipient = donationRecipient;
    }
}
