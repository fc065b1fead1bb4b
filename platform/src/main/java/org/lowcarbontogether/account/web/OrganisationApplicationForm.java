package org.lowcarbontogether.account.web;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.OrganisationApplications;

/** The form to apply for an organisation; the service checks every field again, as it does for the API. */
class OrganisationApplicationForm {

    @Size(max = 160)
    private String name = "";

    private String kind = "";

    @Size(max = 2000)
    private String description = "";

    @Size(max = 300)
    private String website = "";

    @Size(max = 254)
    private String contactEmail = "";

    private String region = "";

    OrganisationApplications.Form toForm() {
        return new OrganisationApplications.Form(name, kind, description, website, contactEmail, region);
    }

    public String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name == null ? "" : name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind == null ? "" : kind;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(@Nullable String description) {
        this.description = description == null ? "" : description;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(@Nullable String website) {
        this.website = website == null ? "" : website;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(@Nullable String contactEmail) {
        this.contactEmail = contactEmail == null ? "" : contactEmail;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region == null ? "" : region;
    }
}
