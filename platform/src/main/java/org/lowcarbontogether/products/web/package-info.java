/** The products module's web edge: public lookup, enterprises' and reviewers' pages, and the products API. */
@NullMarked
package org.lowcarbontogether.products.web;

import org.jspecify.annotations.NullMarked;
