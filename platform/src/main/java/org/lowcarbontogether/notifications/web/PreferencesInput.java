package org.lowcarbontogether.notifications.web;

import java.util.ArrayList;
import java.util.List;
import org.lowcarbontogether.notifications.NotificationKind;
import org.lowcarbontogether.notifications.Preferences.Preference;

/**
 * The preferences form: the kinds ticked for the app and for email. A kind not ticked is off; every kind is on the
 * form, so the form sets them all.
 */
class PreferencesInput {

    private List<String> inApp = new ArrayList<>();
    private List<String> email = new ArrayList<>();

    List<Preference> toPreferences() {
        var all = new ArrayList<Preference>();
        for (NotificationKind kind : NotificationKind.values()) {
            all.add(new Preference(kind, ticked(inApp, kind), ticked(email, kind)));
        }
        return all;
    }

    private static boolean ticked(List<String> values, NotificationKind kind) {
        return values.stream().anyMatch(v -> v.equalsIgnoreCase(kind.name()));
    }

    public List<String> getInApp() {
        return inApp;
    }

    public void setInApp(List<String> inApp) {
        this.inApp = inApp;
    }

    public List<String> getEmail() {
        return email;
    }

    public void setEmail(List<String> email) {
        this.email = email;
    }
}
