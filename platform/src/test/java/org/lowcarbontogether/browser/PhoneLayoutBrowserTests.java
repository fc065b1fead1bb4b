package org.lowcarbontogether.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.Organisers;
import org.lowcarbontogether.web.Showcase;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Phones first, measured in Chromium: at 360 px no page scrolls sideways — every page of the public, a participant,
 * an organiser and an administrator, in English and in Chinese; the menu opens and closes; the main pages have no
 * accessibility violations axe-core can find, at phone and desktop width. Screenshots of the main pages at both
 * sizes and in both languages go to {@code target/screenshots/} for review.
 */
@IntegrationTest
class PhoneLayoutBrowserTests extends BrowserJourney {

    /** The pages a first visit, a first record and a first return go through: axe-checked and photographed. */
    private static final Set<String> MAIN = Set.of(
            "/",
            "/login",
            "/register",
            "/privacy",
            "/account/delete",
            "/methodology",
            "/communities",
            "/campaigns",
            "/events",
            "/stories",
            "/programmes",
            "/record",
            "/account",
            "/records",
            "/account/points",
            "/organiser",
            "/rewards");

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noPageScrollsSidewaysOnAPhoneAndTheMainOnesPassAxe() throws Exception {
        var api = new ApiClient(port);
        var showcase =
                Showcase.create(api, new Organisers(registration, organisations, jdbc, api), organisations, jdbc);
        List<String> problems = new ArrayList<>();

        browser.manage().deleteAllCookies();
        visit(showcase.publicPages(), problems);
        signInAs(showcase.participant().user().email(), AccountFixtures.PASSWORD);
        visit(showcase.participantPages(), problems);
        signInAs(showcase.organiser().user().email(), AccountFixtures.PASSWORD);
        visit(showcase.organiserPages(), problems);
        signInAs(showcase.admin().user().email(), AccountFixtures.PASSWORD);
        visit(showcase.adminPages(), problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void thePhoneMenuOpensAndCloses() {
        browser.manage().window().setSize(new Dimension(360, 780));
        browser.get(url("/?lang=zh-CN"));
        var toggle = browser.findElement(By.cssSelector(".menu-toggle"));
        var nav = browser.findElement(By.id("site-nav"));
        assertThat(nav.isDisplayed()).as("closed at first").isFalse();
        toggle.click();
        assertThat(nav.isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(nav.findElement(By.linkText("社区")).getSize().getHeight())
                .as("a tap target")
                .isGreaterThanOrEqualTo(44);
        toggle.click();
        assertThat(nav.isDisplayed()).isFalse();
    }

    private void visit(List<String> paths, List<String> problems) throws Exception {
        for (String language : List.of("en", "zh-CN")) {
            for (String path : paths) {
                for (int width : MAIN.contains(path) ? new int[] {360, 1280} : new int[] {360}) {
                    browser.manage().window().setSize(new Dimension(width, width == 360 ? 780 : 900));
                    browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
                    long scrollWidth =
                            ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
                    long innerWidth = ((Number) browser.executeScript("return window.innerWidth")).longValue();
                    if (scrollWidth > innerWidth) {
                        problems.add(language + " " + width + "px " + path + ": scrolls sideways (" + scrollWidth
                                + " > " + innerWidth + ") " + widest());
                    }
                    if (MAIN.contains(path)) {
                        Results axe = new AxeBuilder()
                                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                                .analyze(browser);
                        axe.getViolations()
                                .forEach(v ->
                                        problems.add(language + " " + width + "px " + path + ": axe " + v.getId() + " "
                                                + v.getNodes().stream()
                                                        .limit(3)
                                                        .map(n -> String.valueOf(n.getTarget()))
                                                        .toList()));
                        screenshot(("page" + path).replaceAll("[^A-Za-z0-9]+", "-") + "-" + language + "-"
                                + (width == 360 ? "phone" : "desktop"));
                    }
                }
            }
        }
    }

    /** The element that sticks out furthest to the right, to say what to fix. */
    private String widest() {
        return String.valueOf(browser.executeScript("""
                let widest = null, right = 0;
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > right && r.width > 0) { right = r.right; widest = e; }
                }
                return widest ? widest.tagName + (widest.id ? '#' + widest.id : '') + '.' + widest.className + ' ' + Math.round(right) : '';"""));
    }
}
