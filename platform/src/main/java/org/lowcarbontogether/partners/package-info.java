/**
 * Partners: internet companies and transport operators that credit their users' low-carbon actions into the same
 * account — registered by a programme officer with the behaviours and scenarios they may credit, given OAuth 2.0 client
 * credentials (sandbox and live) by the platform's authorisation server, linked to people's accounts with their consent
 * (authorisation code with PKCE, a pairwise subject per partner), and sending activities that go through the one record
 * path as partner-verified evidence.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Partners",
        allowedDependencies = {
            "account",
            "recording",
            "methodology",
            "ledger",
            "platform",
            "shared",
            "webhooks",
            "mail",
            "reporting",
            "products"
        })
@NullMarked
package org.lowcarbontogether.partners;

import org.jspecify.annotations.NullMarked;
