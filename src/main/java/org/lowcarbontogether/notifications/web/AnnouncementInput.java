package org.lowcarbontogether.notifications.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An announcement as the organiser writes it; the service checks the lengths again, as it does for the API. */
class AnnouncementInput {

    @NotBlank
    @Size(max = 120)
    private String title = "";

    @NotBlank
    @Size(max = 2000)
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
