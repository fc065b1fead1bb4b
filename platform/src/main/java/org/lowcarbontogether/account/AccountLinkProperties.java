package org.lowcarbontogether.account;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.RateLimitProperties.Budget;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Links sent by email: how long each kind works, and how many may be asked for.
 *
 * @param verification how long an address-verification link works
 * @param passwordReset how long a password-reset link works
 * @param emailChange how long the link confirming a new address works
 * @param emailChangeCancel how long the link to the old address, cancelling (or undoing) a change, works
 * @param guardianConsent how long the link mailed to the guardian of a person under 14 works
 * @param perAddress links of any kind sent to one address
 * @param perClient password-reset requests from one client address
 * @param perPerson verification resends and address changes asked by one signed-in person
 */
@ConfigurationProperties("lct.links")
record AccountLinkProperties(
        @Nullable Duration verification,
        @Nullable Duration passwordReset,
        @Nullable Duration emailChange,
        @Nullable Duration emailChangeCancel,
        @Nullable Duration guardianConsent,
        @Nullable Budget perAddress,
        @Nullable Budget perClient,
        @Nullable Budget perPerson) {

    AccountLinkProperties {
        verification = verification == null ? Duration.ofDays(2) : verification;
        passwordReset = passwordReset == null ? Duration.ofMinutes(30) : passwordReset;
        emailChange = emailChange == null ? Duration.ofDays(2) : emailChange;
        emailChangeCancel = emailChangeCancel == null ? Duration.ofDays(7) : emailChangeCancel;
        guardianConsent = guardianConsent == null ? Duration.ofDays(7) : guardianConsent;
        perAddress = perAddress == null ? new Budget(3, Duration.ofHours(1)) : perAddress;
        perClient = perClient == null ? new Budget(20, Duration.ofHours(1)) : perClient;
        perPerson = perPerson == null ? new Budget(5, Duration.ofHours(1)) : perPerson;
    }

    @Override
    public Duration verification() {
        return Objects.requireNonNull(verification);
    }

    @Override
    public Duration passwordReset() {
        return Objects.requireNonNull(passwordReset);
    }

    @Override
    public Duration emailChange() {
        return Objects.requireNonNull(emailChange);
    }

    @Override
    public Duration emailChangeCancel() {
        return Objects.requireNonNull(emailChangeCancel);
    }

    @Override
    public Duration guardianConsent() {
        return Objects.requireNonNull(guardianConsent);
    }

    @Override
    public Budget perAddress() {
        return Objects.requireNonNull(perAddress);
    }

    @Override
    public Budget perClient() {
        return Objects.requireNonNull(perClient);
    }

    @Override
    public Budget perPerson() {
        return Objects.requireNonNull(perPerson);
    }
}
