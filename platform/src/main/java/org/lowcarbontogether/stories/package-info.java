/** Stories, the public narration of low-carbon consumption: posts with photos, moderation, and counted views and shares (reach). */
@ApplicationModule(
        displayName = "Stories",
        allowedDependencies = {"account", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.stories;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
