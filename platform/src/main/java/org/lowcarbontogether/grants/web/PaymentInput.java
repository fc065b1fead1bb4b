package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** A tranche's payment as an officer records it; the service checks the date and the reference. */
class PaymentInput {

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private @Nullable LocalDate paidOn;

    private @Nullable String reference;

    public @Nullable LocalDate getPaidOn() {
        return paidOn;
    }

    public void setPaidOn(@Nullable LocalDate paidOn) {
        this.paidOn = paidOn;
    }

    public @Nullable String getReference() {
        return reference;
    }

    public void setReference(@Nullable String reference) {
        this.reference = reference;
    }
}
