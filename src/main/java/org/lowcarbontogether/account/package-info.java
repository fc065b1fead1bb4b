/**
 * People and organisations: registration, sign-in, roles (granted per scope), suspensions, personal access tokens for
 * the API, organisations (applications to join included) and their memberships, and the administration console that
 * manages them and reads the audit log.
 * <p>
 * Published events: {@link org.lowcarbontogether.account.UserRegistered},
 * {@link org.lowcarbontogether.account.RoleGranted}, {@link org.lowcarbontogether.account.RoleWithdrawn}.
 */
@ApplicationModule(
        displayName = "Accounts and organisations",
        allowedDependencies = {"shared", "platform", "methodology"})
@NullMarked
package org.lowcarbontogether.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
