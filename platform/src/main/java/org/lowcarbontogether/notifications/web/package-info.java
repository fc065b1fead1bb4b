/** Pages and API endpoints for notifications, their preferences, one-click unsubscribe, announcements and goals. */
@NullMarked
package org.lowcarbontogether.notifications.web;

import org.jspecify.annotations.NullMarked;
