/**
 * Recording low-carbon behaviours: the web quick-log and the records API. A record is validated, calculated under the
 * current methodology and credited to the ledger in one transaction, exactly once per idempotency key.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Recording",
        allowedDependencies = {"methodology", "ledger", "account", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.recording;

import org.jspecify.annotations.NullMarked;
