package org.lowcarbontogether.communities.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.Default;
import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.platform.FormNumber;

/**
 * The community form as the organiser fills it in. A new community names its organisation (the page's own check: the
 * service takes the organisation apart); the service checks the rest, as it does for the API.
 */
class CommunityInput {

    /** The checks of a new community's form. */
    interface Creation extends Default {}

    @NotNull(groups = Creation.class)
    private @Nullable UUID organisationId;

    private String name = "";
    private String description = "";
    private String kind = "";
    private String visibility = "";
    private String address = "";

    @FormNumber
    private @Nullable BigDecimal latitude;

    @FormNumber
    private @Nullable BigDecimal longitude;

    static CommunityInput blank() {
        var input = new CommunityInput();
        input.kind = Communities.Kind.CAMPUS.name();
        input.visibility = Communities.Visibility.PUBLIC.name();
        return input;
    }

    /** The form filled in from a stored community. */
    static CommunityInput of(Communities.Community c) {
        var input = new CommunityInput();
        input.name = c.name();
        input.description = c.description();
        input.kind = c.kind().name();
        input.visibility = c.visibility().name();
        input.address = c.address() == null ? "" : c.address();
        input.latitude = c.latitude();
        input.longitude = c.longitude();
        return input;
    }

    Communities.CommunityForm toCommunityForm() {
        return new Communities.CommunityForm(name, description, kind, visibility, address, latitude, longitude);
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

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public @Nullable BigDecimal getLatitude() {
        return latitude;
    }

    public void setLatitude(@Nullable BigDecimal latitude) {
        this.latitude = latitude;
    }

    public @Nullable BigDecimal getLongitude() {
        return longitude;
    }

    public void setLongitude(@Nullable BigDecimal longitude) {
        this.longitude = longitude;
    }
}
