/** The public home and impact page, and the public impact API. */
@NullMarked
package org.lowcarbontogether.reporting.web;

import org.jspecify.annotations.NullMarked;
