/** Grant programme pages and API. */
@NullMarked
package org.lowcarbontogether.grants.web;

import org.jspecify.annotations.NullMarked;
