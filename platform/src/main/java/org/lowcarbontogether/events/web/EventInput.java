package org.lowcarbontogether.events.web;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.platform.FormNumber;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The event form as the organiser fills it in. Times are entered in China Standard Time; the behaviour's parameters
 * as {@code name=value} pairs. The service checks what the API checks too (title, kind, times, the behaviour).
 */
class EventInput {

    private @Nullable UUID organisationId;
    private @Nullable UUID communityId;
    private String title = "";
    private String description = "";
    private String kind = "";

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private @Nullable LocalDateTime startsAt;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private @Nullable LocalDateTime endsAt;

    private String place = "";
    private String onlineUrl = "";

    @FormNumber
    private @Nullable Integer capacity;

    private String behaviour = "";

    @FormNumber
    private @Nullable BigDecimal quantity;

    private String unit = "";
    private String parameters = "";

    /** The form for a new event, of one of the organiser's communities if they came from its page. */
    static EventInput blank(@Nullable UUID community) {
        var input = new EventInput();
        input.kind = Events.Kind.CLOTHES_SWAP.name();
        input.communityId = community;
        return input;
    }

    /** The form filled in from a stored event. */
    static EventInput of(Events.Event e) {
        var input = new EventInput();
        input.organisationId = e.organisationId();
        input.communityId = e.communityId();
        input.title = e.title();
        input.description = e.description();
        input.kind = e.kind().name();
        input.startsAt = LocalDateTime.ofInstant(e.startsAt(), ProgrammeCalendar.ZONE);
        input.endsAt = LocalDateTime.ofInstant(e.endsAt(), ProgrammeCalendar.ZONE);
        input.place = e.place() == null ? "" : e.place();
        input.onlineUrl = e.onlineUrl() == null ? "" : e.onlineUrl();
        input.capacity = e.capacity();
        input.behaviour = e.behaviour() == null ? "" : e.behaviour();
        input.quantity = e.quantity() == null ? null : e.quantity().stripTrailingZeros();
        input.unit = e.unit() == null ? "" : e.unit();
        input.parameters = String.join(
                ", ",
                e.parameters().entrySet().stream()
                        .map(p -> p.getKey() + "="
                                + p.getValue().stripTrailingZeros().toPlainString())
                        .toList());
        return input;
    }

    /** What the service takes; a parameter that is not {@code name=number} is a 400 problem naming the field. */
    Events.EventForm toEventForm() {
        var violations = new ArrayList<Violation>();
        var values = new TreeMap<String, BigDecimal>();
        String pairs = FormFields.blank(parameters);
        if (pairs != null) {
            for (String pair : pairs.split("[,;\\n]")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && !kv[0].isBlank()) {
                    BigDecimal value = FormFields.decimal(kv[1], "parameters", violations);
                    if (value != null) {
                        values.put(kv[0].strip(), value);
                    }
                } else if (!pair.isBlank()) {
                    violations.add(Violation.of("parameters", "number-invalid", pair.strip()));
                }
            }
        }
        FormFields.check(violations);
        return new Events.EventForm(
                organisationId,
                communityId,
                title,
                description,
                kind,
                startsAt == null
                        ? null
                        : startsAt.atZone(ProgrammeCalendar.ZONE).toOffsetDateTime(),
                endsAt == null ? null : endsAt.atZone(ProgrammeCalendar.ZONE).toOffsetDateTime(),
                FormFields.blank(place),
                FormFields.blank(onlineUrl),
                capacity,
                FormFields.blank(behaviour),
                quantity,
                FormFields.blank(unit),
                values);
    }

    public @Nullable UUID getOrganisationId() {
        return organisationId;
    }

    public void setOrganisationId(@Nullable UUID organisationId) {
        this.organisationId = organisationId;
    }

    public @Nullable UUID getCommunityId() {
        return communityId;
    }

    public void setCommunityId(@Nullable UUID communityId) {
        this.communityId = communityId;
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

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public @Nullable LocalDateTime getStartsAt() {
        return startsAt;
    }

    public void setStartsAt(@Nullable LocalDateTime startsAt) {
        this.startsAt = startsAt;
    }

    public @Nullable LocalDateTime getEndsAt() {
        return endsAt;
    }

    public void setEndsAt(@Nullable LocalDateTime endsAt) {
        this.endsAt = endsAt;
    }

    public String getPlace() {
        return place;
    }

    public void setPlace(String place) {
        this.place = place;
    }

    public String getOnlineUrl() {
        return onlineUrl;
    }

    public void setOnlineUrl(String onlineUrl) {
        this.onlineUrl = onlineUrl;
    }

    public @Nullable Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(@Nullable Integer capacity) {
        this.capacity = capacity;
    }

    public String getBehaviour() {
        return behaviour;
    }

    public void setBehaviour(String behaviour) {
        this.behaviour = behaviour;
    }

    public @Nullable BigDecimal getQuantity() {
        return quantity;
    }

    public void setQuantity(@Nullable BigDecimal quantity) {
        this.quantity = quantity;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public String getParameters() {
        return parameters;
    }

    public void setParameters(String parameters) {
        this.parameters = parameters;
    }
}
