/** Training pages and API. */
@NullMarked
package org.lowcarbontogether.training.web;

import org.jspecify.annotations.NullMarked;
