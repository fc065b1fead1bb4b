package org.lowcarbontogether.notifications.web;

import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Goals;
import org.lowcarbontogether.notifications.Notifications;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What other modules' pages show of the signed-in person's notifications and goal, named in their templates: the
 * unread count in the header ({@code ${@myNotifications.unread()}}) and the week's goal on the account page
 * ({@code ${@myNotifications.goal()}}). So no Java dependency runs from those modules to this one.
 */
@Component("myNotifications")
public class MyNotifications {

    private final Notifications notifications;
    private final Goals goals;

    MyNotifications(Notifications notifications, Goals goals) {
        this.notifications = notifications;
        this.goals = goals;
    }

    /** The signed-in person's unread notifications; 0 for anyone else. */
    public long unread() {
        Actor me = signedIn();
        return me == null ? 0 : notifications.unread(me.id());
    }

    /** The signed-in person's progress this week; none for anyone else. */
    public Goals.@Nullable Progress goal() {
        Actor me = signedIn();
        return me == null ? null : goals.progress(me.id());
    }

    private static @Nullable Actor signedIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Actor actor ? actor : null;
    }
}
