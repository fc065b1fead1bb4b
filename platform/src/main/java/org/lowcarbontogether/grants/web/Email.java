package org.lowcarbontogether.grants.web;

import org.jspecify.annotations.Nullable;

/** A person named by email in an API request: a programme officer to appoint, a reviewer to assign. */
record Email(@Nullable String email) {}
