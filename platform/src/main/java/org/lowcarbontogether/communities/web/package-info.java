/** Community pages and API. */
@NullMarked
package org.lowcarbontogether.communities.web;

import org.jspecify.annotations.NullMarked;
