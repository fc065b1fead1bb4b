/** Campaign pages and API. */
@NullMarked
package org.lowcarbontogether.campaigns.web;

import org.jspecify.annotations.NullMarked;
