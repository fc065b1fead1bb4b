/**
 * Training and capacity building: courses an organisation publishes for its employees, a campus, the public or the
 * programme's grantees; enrolment within capacity; attendance by a personal code, a rotating on-screen code or a
 * module's quiz; certificates with a public verification code; the resource library; and what changed in trainees'
 * recorded behaviour afterwards. Attendance is never a carbon reduction: nothing here writes to the ledger.
 * <p>
 * Publishes {@link org.lowcarbontogether.training.CourseCompleted}.
 */
@ApplicationModule(
        displayName = "Training",
        allowedDependencies = {"account", "ledger", "mail", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.training;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
