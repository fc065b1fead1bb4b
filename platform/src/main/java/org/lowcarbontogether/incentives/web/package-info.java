/** Pages and API of the incentives: points, badges, rules, rewards, redemptions, sponsors and campus leaderboards. */
@NullMarked
package org.lowcarbontogether.incentives.web;

import org.jspecify.annotations.NullMarked;
