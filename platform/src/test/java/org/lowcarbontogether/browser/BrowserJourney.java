package org.lowcarbontogether.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One headless Chromium per journey class, with the platform's address, waits, sign-in and screenshots. */
abstract class BrowserJourney {

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * A wait that looks again when htmx swaps the element out while it is being read: Chrome then reports a stale
     * element, or "Node with given id does not belong to the document" as an unknown error.
     */
    WebDriverWait waitUpTo(int seconds) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        // Stale and missing elements are WebDriverExceptions too; the last one is the timeout's cause.
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    void signInAs(String email, String password) {
        Browser.signIn(browser, url(""), email, password);
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
