package org.lowcarbontogether.stories;

import java.util.Map;

/**
 * The "write a story" form's text fields as the page sends them, wherever the form appears ({@link StoryForms}); its
 * photos come as their own parts. The service checks the title's and the body's length.
 */
public class StoryInput {

    private String title = "";
    private String body = "";

    /** The fields as {@link StoryForms} takes them. */
    public Map<String, String> values() {
        return Map.of("title", title, "body", body);
    }

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
