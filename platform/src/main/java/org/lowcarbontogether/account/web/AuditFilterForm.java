package org.lowcarbontogether.account.web;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuditTrail;

/** The audit log's search form: a person's email, an action, an organisation, a range of days, and the page. */
class AuditFilterForm {

    private String person = "";
    private String action = "";
    private @Nullable UUID organisation;
    private @Nullable LocalDate from;
    private @Nullable LocalDate to;
    private int page;

    AuditTrail.Filter toFilter() {
        return new AuditTrail.Filter(person, action, organisation, from, to);
    }

    public String getPerson() {
        return person;
    }

    public void setPerson(@Nullable String person) {
        this.person = person == null ? "" : person;
    }

    public String getAction() {
        return action;
    }

    public void setAction(@Nullable String action) {
        this.action = action == null ? "" : action;
    }

    public @Nullable UUID getOrganisation() {
        return organisation;
    }

    public void setOrganisation(@Nullable UUID organisation) {
        this.organisation = organisation;
    }

    public @Nullable LocalDate getFrom() {
        return from;
    }

    public void setFrom(@Nullable LocalDate from) {
        this.from = from;
    }

    public @Nullable LocalDate getTo() {
        return to;
    }

    public void setTo(@Nullable LocalDate to) {
        this.to = to;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(0, Math.min(page, 100_000));
    }
}
