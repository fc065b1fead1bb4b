/**
 * Schools and classes (programme recommendation 4.5): a school is an organisation of kind {@code SCHOOL} whose
 * organisers are its teachers; teachers create classes with a rotatable class code; pupils join through it with their
 * guardian's consent recorded first (account's {@link org.lowcarbontogether.account.Pupils}) and record only from
 * their grade band's subset of behaviours ({@link org.lowcarbontogether.schools.SchoolBehaviours}, enforced on the
 * record path through {@link org.lowcarbontogether.recording.BehaviourLimits}); class challenges and a class total,
 * never a ranking of children; the teacher's dashboard and export; lesson resources tagged by grade.
 */
@ApplicationModule(
        displayName = "Schools and classes",
        allowedDependencies = {"account", "recording", "ledger", "methodology", "training", "platform", "shared"})
@NullMarked
package org.lowcarbontogether.schools;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
