package org.lowcarbontogether.account;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created on start-up when both values are set and no account has that email yet.
 *
 * @param email the administrator's email ({@code LCT_ADMIN_EMAIL})
 * @param password the initial password ({@code LCT_ADMIN_PASSWORD}); change it after the first sign-in
 */
@ConfigurationProperties("lct.admin")
record AdminProperties(@Nullable String email, @Nullable String password) {}
