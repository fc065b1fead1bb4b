/** The "my account" page and the account API. */
@NullMarked
package org.lowcarbontogether.ledger.web;

import org.jspecify.annotations.NullMarked;
