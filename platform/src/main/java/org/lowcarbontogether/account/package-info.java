/**
 * People and organisations: registration, sign-in, roles (granted per scope), suspensions, personal access tokens for
 * the API, organisations (applications to join included) and their memberships, and the administration console that
 * manages them and reads the audit log; the account's life by email — verifying the address, resetting a forgotten
 * password, changing the address, invitations — through single-use links sent with the {@code mail} module, whose
 * {@link org.lowcarbontogether.mail.MailRecipients} it provides.
 * <p>
 * Published events: {@link org.lowcarbontogether.account.UserRegistered},
 * {@link org.lowcarbontogether.account.RoleGranted}, {@link org.lowcarbontogether.account.RoleWithdrawn}.
 */
@ApplicationModule(
        displayName = "Accounts and organisations",
        allowedDependencies = {"shared", "platform", "mail", "methodology"})
@NullMarked
package org.lowcarbontogether.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
