/** The administrators' read-only page of webhooks. */
@NullMarked
package org.lowcarbontogether.webhooks.web;

import org.jspecify.annotations.NullMarked;
