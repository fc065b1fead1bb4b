/** Pages and API endpoints for schools, classes, pupils and teachers. */
@NullMarked
package org.lowcarbontogether.schools.web;

import org.jspecify.annotations.NullMarked;
