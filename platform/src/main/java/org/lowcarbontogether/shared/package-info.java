/** Small, stable value types every module speaks: localized texts, carbon quantities. No beans, no tables. */
@NullMarked
package org.lowcarbontogether.shared;

import org.jspecify.annotations.NullMarked;
