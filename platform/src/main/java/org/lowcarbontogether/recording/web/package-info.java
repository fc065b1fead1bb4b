/** The quick-log page and the records API. */
@NullMarked
package org.lowcarbontogether.recording.web;

import org.jspecify.annotations.NullMarked;
