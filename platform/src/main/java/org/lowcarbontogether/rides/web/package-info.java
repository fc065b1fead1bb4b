/** Pages and API of the riding map. */
@NullMarked
package org.lowcarbontogether.rides.web;

import org.jspecify.annotations.NullMarked;
