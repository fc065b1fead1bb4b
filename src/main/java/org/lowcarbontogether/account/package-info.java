/**
 * People and organisations: registration, sign-in, roles, personal access tokens for the API, organisations and
 * their memberships; the account's life by email — verifying the address, resetting a forgotten password, changing
 * the address, invitations — through single-use links sent with the {@code mail} module, whose
 * {@link org.lowcarbontogether.mail.MailRecipients} it provides.
 * <p>
 * Published events: {@link org.lowcarbontogether.account.UserRegistered}.
 */
@ApplicationModule(
        displayName = "Accounts and organisations",
        allowedDependencies = {"shared", "platform", "mail"})
@NullMarked
package org.lowcarbontogether.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
