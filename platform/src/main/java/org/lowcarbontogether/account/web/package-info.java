/** Pages and API endpoints for registration, sign-in and tokens. */
@NullMarked
package org.lowcarbontogether.account.web;

import org.jspecify.annotations.NullMarked;
