package org.lowcarbontogether.campaigns.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.platform.FormNumber;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The campaign form as the organiser fills it in; the reduction goal is entered in kg. The service checks what the API
 * checks too (name, template, dates, behaviours, goals, the replacement rate).
 */
class CampaignInput {

    private @Nullable UUID organisationId;
    private String name = "";
    private String description = "";
    private String template = "";
    private List<String> behaviours = new ArrayList<>();

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate startsOn;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate endsOn;

    private String region = "";
    private @Nullable UUID audienceCommunityId;

    @FormNumber
    private @Nullable Long goalBehaviours;

    @FormNumber
    private @Nullable BigDecimal goalKg;

    @FormNumber
    private @Nullable Long goalParticipants;

    @FormNumber
    private @Nullable BigDecimal replacementRate;

    /** A new campaign from a template: its behaviours, starting today for the template's days. */
    static CampaignInput from(Campaigns.Template template, LocalDate today) {
        var input = new CampaignInput();
        input.template = template.name();
        input.startsOn = today;
        input.endsOn = today.plusDays(template.days() - 1L);
        input.behaviours = new ArrayList<>(template.behaviours());
        return input;
    }

    /** The form filled in from a stored campaign. */
    static CampaignInput of(Campaigns.Campaign c) {
        var input = new CampaignInput();
        input.organisationId = c.organisationId();
        input.name = c.name();
        input.description = c.description();
        input.template = c.template().name();
        input.behaviours = new ArrayList<>(c.behaviours());
        input.startsOn = c.startsOn();
        input.endsOn = c.endsOn();
        input.region = c.region() == null ? "" : c.region();
        input.audienceCommunityId = c.audienceCommunityId();
        input.goalBehaviours = c.goalBehaviours();
        input.goalKg = c.goalGrams() == null
                ? null
                : BigDecimal.valueOf(c.goalGrams(), 3).stripTrailingZeros();
        input.goalParticipants = c.goalParticipants();
        input.replacementRate = c.replacementRate();
        return input;
    }

    /** What the service takes: behaviours may also come comma-separated; the goal in grams. */
    Campaigns.CampaignForm toCampaignForm() {
        List<String> codes = behaviours.stream()
                .flatMap(b -> Arrays.stream(b.split(",")))
                .filter(b -> !b.isBlank())
                .toList();
        return new Campaigns.CampaignForm(
                organisationId,
                name,
                description,
                template,
                codes,
                startsOn,
                endsOn,
                region,
                audienceCommunityId,
                goalBehaviours,
                goalKg == null ? null : goalKg.movePointRight(3).longValue(),
                goalParticipants,
                replacementRate);
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public List<String> getBehaviours() {
        return behaviours;
    }

    public void setBehaviours(List<String> behaviours) {
        this.behaviours = behaviours;
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

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public @Nullable UUID getAudienceCommunityId() {
        return audienceCommunityId;
    }

    public void setAudienceCommunityId(@Nullable UUID audienceCommunityId) {
        this.audienceCommunityId = audienceCommunityId;
    }

    public @Nullable Long getGoalBehaviours() {
        return goalBehaviours;
    }

    public void setGoalBehaviours(@Nullable Long goalBehaviours) {
        this.goalBehaviours = goalBehaviours;
    }

    public @Nullable BigDecimal getGoalKg() {
        return goalKg;
    }

    public void setGoalKg(@Nullable BigDecimal goalKg) {
        this.goalKg = goalKg;
    }

    public @Nullable Long getGoalParticipants() {
        return goalParticipants;
    }

    public void setGoalParticipants(@Nullable Long goalParticipants) {
        this.goalParticipants = goalParticipants;
    }

    public @Nullable BigDecimal getReplacementRate() {
        return replacementRate;
    }

    public void setReplacementRate(@Nullable BigDecimal replacementRate) {
        this.replacementRate = replacementRate;
    }
}
