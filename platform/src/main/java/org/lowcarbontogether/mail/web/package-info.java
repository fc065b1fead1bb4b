/** The administrators' view of the outbox. */
@NullMarked
package org.lowcarbontogether.mail.web;

import org.jspecify.annotations.NullMarked;
