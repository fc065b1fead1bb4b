/** Low Carbon Together: a modular monolith, one package per business capability. */
@NullMarked
package org.lowcarbontogether;

import org.jspecify.annotations.NullMarked;
