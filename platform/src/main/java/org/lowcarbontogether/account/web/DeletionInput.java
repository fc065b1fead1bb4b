package org.lowcarbontogether.account.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Deleting one's account on the page: the password again, what becomes of published stories ({@code unpublish} or
 * {@code keep} them without the name), and that the person understood it cannot be undone.
 */
class DeletionInput {

    @NotBlank
    private String password = "";

    @Pattern(regexp = "unpublish|keep")
    private String stories = "unpublish";

    @AssertTrue
    private boolean understood;

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getStories() {
        return stories;
    }

    public void setStories(String stories) {
        this.stories = stories;
    }

    public boolean isUnderstood() {
        return understood;
    }

    public void setUnderstood(boolean understood) {
        this.understood = understood;
    }

    boolean keepPublishedStories() {
        return "keep".equals(stories);
    }
}
