package org.lowcarbontogether.notifications.web;

/**
 * An announcement as the organiser writes it. The service checks both lengths, as it does for the API, and says so in
 * the reader's language next to each field.
 */
class AnnouncementInput {

    private String title = "";

    private String body = "";

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
