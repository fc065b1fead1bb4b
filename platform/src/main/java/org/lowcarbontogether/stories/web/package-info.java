/** Story pages and API. */
@NullMarked
package org.lowcarbontogether.stories.web;

import org.jspecify.annotations.NullMarked;
