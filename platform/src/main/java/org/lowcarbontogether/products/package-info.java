/**
 * Green products: a public registry of products by barcode (GTIN) with their claims — labels held and carbon-footprint
 * disclosures — registered by enterprises, reviewed by NGOs the programme office accredited (never their own
 * organisation's products nor an enterprise they declared a conflict with), public once verified, challengeable by
 * anyone signed in, and the only source of product-based credits: a purchase is credited from the verified disclosure
 * against the methodology's category baseline.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Green products",
        allowedDependencies = {"account", "recording", "methodology", "platform", "shared"})
@NullMarked
package org.lowcarbontogether.products;

import org.jspecify.annotations.NullMarked;
