/**
 * Incentives: transparent points (their own append-only ledger, earned by versioned public rules from credited
 * behaviours, with campaign multipliers, a newcomer bonus and daily caps), streaks and levels, badges with public
 * criteria, and a catalogue of sponsor-funded rewards whose redemption can never overspend points, stock or codes.
 * <p>
 * Listens to {@code ledger}, {@code communities}, {@code events}, {@code stories}, {@code campaigns} and {@code training} events;
 * publishes none.
 */
@ApplicationModule(
        displayName = "Incentives",
        allowedDependencies = {
            "ledger",
            "account",
            "communities",
            "events",
            "stories",
            "campaigns",
            "training",
            "shared",
            "platform"
        })
@NullMarked
package org.lowcarbontogether.incentives;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
