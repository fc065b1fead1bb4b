/**
 * The unified methodology: versioned catalogues of behaviour types and cited emission factors, and the pure
 * calculation that turns an activity into a reduction in grams CO2e with its full provenance.
 */
@ApplicationModule(
        displayName = "Methodology",
        allowedDependencies = {"shared", "platform"})
@NullMarked
package org.lowcarbontogether.methodology;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
