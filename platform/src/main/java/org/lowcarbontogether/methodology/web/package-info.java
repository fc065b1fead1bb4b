/** Public methodology pages and API: behaviours, formulas, factors and their sources. */
@NullMarked
package org.lowcarbontogether.methodology.web;

import org.jspecify.annotations.NullMarked;
