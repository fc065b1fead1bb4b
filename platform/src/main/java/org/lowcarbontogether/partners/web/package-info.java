/** The partners module's web edge: the partner API, the officers' pages and API, the consent page and people's links. */
@NullMarked
package org.lowcarbontogether.partners.web;

import org.jspecify.annotations.NullMarked;
