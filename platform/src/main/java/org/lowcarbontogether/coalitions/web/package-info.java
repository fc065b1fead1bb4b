@NullMarked
package org.lowcarbontogether.coalitions.web;

import org.jspecify.annotations.NullMarked;
