/**
 * People and organisations: registration, sign-in, roles, personal access tokens for the API, organisations and
 * their memberships.
 * <p>
 * Published events: {@link org.lowcarbontogether.account.UserRegistered}.
 */
@ApplicationModule(
        displayName = "Accounts and organisations",
        allowedDependencies = {"shared", "platform"})
@NullMarked
package org.lowcarbontogether.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
