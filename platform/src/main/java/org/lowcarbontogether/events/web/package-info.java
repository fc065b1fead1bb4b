/** Event pages and API. */
@NullMarked
package org.lowcarbontogether.events.web;

import org.jspecify.annotations.NullMarked;
