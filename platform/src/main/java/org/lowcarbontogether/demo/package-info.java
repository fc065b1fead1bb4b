/**
 * Demo data: a small, realistic programme — organisations, about 200 participants and several thousand records over
 * six months, two simulated partners (food delivery and bike share) crediting linked participants, a reward
 * catalogue from the demo sponsors, and about 450 GPS rides in Guangzhou and Beijing with twenty infrastructure
 * reports for the riding map — loaded through the same APIs real users go through. Switched on by {@code
 * lct.demo.enabled} (the {@code demo} profile); off by default and in tests.
 */
@ApplicationModule(
        displayName = "Demo data",
        allowedDependencies = {
            "account",
            "recording",
            "communities",
            "campaigns",
            "events",
            "stories",
            "incentives",
            "grants",
            "partners",
            "training",
            "products",
            "rides",
            "coalitions",
            "schools"
        })
@NullMarked
package org.lowcarbontogether.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
